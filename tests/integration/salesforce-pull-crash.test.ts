import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../main/sandbox/salesforce/index';
import { createCard } from '../../main/store/cards';
import { createConnection } from '../../main/store/connections';
import { countContacts } from '../../main/store/contacts';
import { openDatabase } from '../../main/store/db';
import { readCheckpoint } from '../../main/store/pull-checkpoints';
import { KILL_PHASES, startKillSwitchProxy, type KillPhase, type KillSwitchProxy } from '../support/kill-switch-proxy';
import { spawnFerry } from '../support/run-ferry';
import { tempDir } from '../support/temp-dir';

const TOKEN = '00DFe0000000001!pull-crash-token';
/** three query pages of 500, 500 and 200 (PULL_BATCH_SIZE), each followed by its Ferry_Id__c stamp calls of 200 */
const RECORDS = 1_200;

/**
 * `ferry pull` against Salesforce is killed at query, queryMore and stamp
 * requests of a first pull (keyed to the proxy's request count, never to time),
 * before the request reaches Salesforce, after Salesforce answered but before
 * Ferry heard, and after Ferry heard; then a clean `ferry pull`. The org's clock
 * is frozen, so every record shares one SystemModstamp: the resumed pull has no
 * query locator (it does not outlive a process) and must query again from the
 * last applied (SystemModstamp, Id). Every record must end as exactly one Ferry
 * contact, linked once, stamped with that contact's uid; nothing may be lost.
 */
describe('a Salesforce pull killed mid-way resumes from its checkpoint', () => {
  let sandbox: SalesforceSandbox;
  let proxy: KillSwitchProxy;

  beforeAll(async () => {
    sandbox = await startSalesforceSandbox({ port: 0, token: TOKEN, dailyLimit: 10_000_000, clock: () => Date.parse('2026-11-02T09:00:00.000Z') });
    proxy = await startKillSwitchProxy(sandbox.url);
  });
  afterAll(async () => {
    await proxy.close();
    await sandbox.close();
  });

  async function trial(at: number, phase: KillPhase): Promise<{ killed: boolean; pagesBeforeKill: number; contacts: number; links: number; distinctLinks: number }> {
    sandbox.admin.reset();
    for (let i = 0; i < RECORDS; i++) sandbox.admin.seedRecord('Contact', { Email: `p${i}@example.com`, FirstName: `F${i}`, LastName: `L${i}` });
    const dataDir = tempDir();
    const db = openDatabase(dataDir);
    const cardId = createCard(db, 'Crash').id;
    const c = createConnection(db, { cardId, kind: 'salesforce', label: 'Salesforce', direction: 'pull', config: { baseUrl: proxy.url, tokenEnv: 'FERRY_SALESFORCE_TOKEN', object: 'Contact' } });
    db.close();
    const env = { FERRY_SALESFORCE_TOKEN: TOKEN };
    const run = spawnFerry(['--data-dir', dataDir, 'pull'], env);
    let killed = false;
    proxy.arm(at, phase, () => { killed = true; run.child.kill('SIGKILL'); });
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
    const uids = new Map(after.prepare('SELECT l.external_id AS id, c.uid AS uid FROM sync_links l JOIN contacts c ON c.id = l.contact_id WHERE l.connection_id = ?').all(c.id).map((r) => { const row = r as { id: string; uid: string }; return [row.id, row.uid]; }));
    after.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    for (const record of sandbox.admin.records('Contact')) expect(record.fields.Ferry_Id__c, `${record.id} carries its contact's uid`).toBe(uids.get(record.id));
    return { killed, pagesBeforeKill, contacts, links, distinctLinks };
  }

  it('no duplicate contact and no lost record, wherever the kill lands', { timeout: 10 * 60_000 }, async () => {
    // requests of a first pull: describe, then per page a query (or queryMore) and its stamp calls
    for (const at of [2, 3, 4, 5, 6, 7, 8, 9]) for (const phase of KILL_PHASES) {
      const r = await trial(at, phase);
      const why = `killed at request ${at}, ${phase} (after ${r.pagesBeforeKill} records were checkpointed)`;
      expect(r.killed, why).toBe(true);
      expect(r.contacts, why).toBe(RECORDS);
      expect(r.links, why).toBe(RECORDS);
      expect(r.distinctLinks, why).toBe(RECORDS);
    }
  });
});
