import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { createCard } from '../../main/store/cards';
import { createConnection } from '../../main/store/connections';
import { countContacts } from '../../main/store/contacts';
import { openDatabase } from '../../main/store/db';
import { readCheckpoint } from '../../main/store/pull-checkpoints';
import { startKillSwitchProxy, type KillSwitchProxy } from '../support/kill-switch-proxy';
import { spawnFerry } from '../support/run-ferry';
import { tempDir } from '../support/temp-dir';

const TOKEN = 'pull-crash-token-0123456789';
const RECORDS = 450;

/**
 * `ferry pull` is killed at list and stamp requests of a first pull (keyed to
 * the proxy's request count, never to time: the checkpoint has advanced a known
 * number of pages by then), in the phase where HubSpot answered but Ferry never
 * heard; then a clean `ferry pull`. Every HubSpot record must end as exactly one
 * Ferry contact, linked once, and nothing may be lost.
 */
describe('a pull killed mid-way resumes from its checkpoint', () => {
  let sandbox: HubSpotSandbox;
  let proxy: KillSwitchProxy;

  beforeAll(async () => {
    sandbox = await startHubSpotSandbox({ port: 0, rateLimit: 100_000 });
    sandbox.admin.registerToken({ token: TOKEN });
    proxy = await startKillSwitchProxy(sandbox.url);
  });
  afterAll(async () => {
    await proxy.close();
    await sandbox.close();
  });

  async function trial(at: number): Promise<{ killed: boolean; pagesBeforeKill: number; contacts: number; links: number; distinctLinks: number }> {
    sandbox.admin.reset();
    sandbox.admin.writeContacts(Array.from({ length: RECORDS }, (_, i) => ({ properties: { email: `p${i}@example.com`, firstname: `F${i}`, lastname: `L${i}` } })));
    const dataDir = tempDir();
    const db = openDatabase(dataDir);
    const cardId = createCard(db, 'Crash').id;
    const c = createConnection(db, { cardId, kind: 'hubspot', label: 'HubSpot', direction: 'pull', config: { baseUrl: proxy.url, tokenEnv: 'FERRY_HUBSPOT_TOKEN', auth: 'private-app' } });
    db.close();
    const env = { FERRY_HUBSPOT_TOKEN: TOKEN };
    const run = spawnFerry(['--data-dir', dataDir, 'pull'], env);
    let killed = false;
    proxy.arm(at, 'answered', () => { killed = true; run.child.kill('SIGKILL'); });
    await run.done;
    proxy.disarm();
    const check = openDatabase(dataDir);
    const pagesBeforeKill = readCheckpoint(check, c.id).pulled;
    check.close();
    const final = await spawnFerry(['--data-dir', dataDir, 'pull'], env).done;
    if (final.code !== 0) throw new Error(`the clean pull failed: ${final.stderr}`);
    const after = openDatabase(dataDir);
    const contacts = countContacts(after, cardId);
    const links = after.prepare('SELECT COUNT(*) FROM sync_links WHERE connection_id = ?').pluck().get(c.id) as number;
    const distinctLinks = after.prepare('SELECT COUNT(DISTINCT external_id) FROM sync_links WHERE connection_id = ?').pluck().get(c.id) as number;
    after.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    return { killed, pagesBeforeKill, contacts, links, distinctLinks };
  }

  it('no duplicate contact and no lost record, wherever the kill lands', { timeout: 10 * 60_000 }, async () => {
    // requests of a first pull: (account details, properties…) then per page a list call and a stamp call
    for (const at of [4, 5, 6, 7, 8, 9, 10]) {
      const r = await trial(at);
      const why = `killed at request ${at} (after ${r.pagesBeforeKill} records were checkpointed)`;
      expect(r.killed, why).toBe(true);
      expect(r.contacts, why).toBe(RECORDS);
      expect(r.links, why).toBe(RECORDS);
      expect(r.distinctLinks, why).toBe(RECORDS);
      // every HubSpot record carries the uid of the one contact it is linked to
      expect(new Set(sandbox.admin.contacts().map((x) => x.properties.ferry_id)).size, why).toBe(RECORDS);
    }
  });
});
