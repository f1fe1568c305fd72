import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { createCard } from '../../main/store/cards';
import { createConnection } from '../../main/store/connections';
import { openDatabase } from '../../main/store/db';
import { startKillSwitchProxy, type KillPhase, type KillSwitchProxy } from '../support/kill-switch-proxy';
import { spawnFerry } from '../support/run-ferry';
import { seedSampleContacts } from '../support/sample-contacts';
import { tempDir } from '../support/temp-dir';

const TOKEN = 'companies-crash-token-0123456789';
const CONTACTS = 150;

/**
 * `ferry sync` is killed at every request of a first push that creates the demo
 * data's 15 companies, in the phase where HubSpot did the work but Ferry never
 * heard (`answered`) and where Ferry heard but may not have saved (`delivered`);
 * then a clean sync. HubSpot's search is made to lag by an hour, so a "search,
 * then create" would duplicate every company a killed push created: only the
 * upsert on the unique ferry_company_key stands between a crash and a second
 * company. Kills are keyed to the proxy's request count, never to time.
 */
describe('HubSpot companies survive a crash mid-batch', () => {
  let sandbox: HubSpotSandbox;
  let proxy: KillSwitchProxy;

  beforeAll(async () => {
    sandbox = await startHubSpotSandbox({ port: 0, rateLimit: 100_000, searchLagMs: 3_600_000 });
    sandbox.admin.registerToken({ token: TOKEN });
    proxy = await startKillSwitchProxy(sandbox.url);
  });
  afterAll(async () => {
    await proxy.close();
    await sandbox.close();
  });

  /** A fresh account and data folder; the first `ferry sync` is killed at request `at` (none when null). */
  async function trial(at: number | null, phase: KillPhase): Promise<{ requests: number; killed: boolean }> {
    sandbox.admin.reset();
    const dataDir = tempDir();
    const db = openDatabase(dataDir);
    const cardId = createCard(db, 'Crash').id;
    createConnection(db, { cardId, kind: 'hubspot', label: 'HubSpot', config: { baseUrl: proxy.url, tokenEnv: 'FERRY_HUBSPOT_TOKEN', auth: 'private-app' } });
    seedSampleContacts(db, cardId, CONTACTS);
    db.close();
    const env = { FERRY_HUBSPOT_TOKEN: TOKEN };
    const before = proxy.requests;
    const run = spawnFerry(['--data-dir', dataDir, 'sync'], env);
    let killed = false;
    if (at !== null) proxy.arm(at, phase, () => { killed = true; run.child.kill('SIGKILL'); });
    const first = await run.done;
    proxy.disarm();
    const requests = proxy.requests - before;
    if (!killed && first.code !== 0) throw new Error(`ferry sync failed: ${first.stderr}`);
    const final = await spawnFerry(['--data-dir', dataDir, 'sync'], env).done;
    if (final.code !== 0) throw new Error(`the clean sync failed: ${final.stderr}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    return { requests, killed };
  }

  function expectOneCompanyPerDomain(why: string): void {
    const companies = sandbox.admin.companies();
    expect(companies.length, why).toBe(15);
    expect(new Set(companies.map((c) => c.properties.domain)).size, why).toBe(15);
    const contacts = sandbox.admin.contacts();
    expect(contacts.length, why).toBe(CONTACTS);
    for (const contact of contacts) {
      expect(sandbox.admin.companiesForContact(contact.id).map((c) => c.properties.domain), why).toEqual([contact.properties.website?.replace('https://', '')]);
    }
  }

  it('one company per domain and every contact linked, whichever company request the kill lands on', { timeout: 10 * 60_000 }, async () => {
    const clean = await trial(null, 'answered');
    expectOneCompanyPerDomain('clean run');
    // the first push's requests in order (the clean sync that followed made none: nothing was pending)
    const routes = sandbox.admin.recentRequests().map((r) => r.route).slice(0, clean.requests);
    const companySteps = routes.flatMap((route, i) => (/objects\/companies|contacts\/companies/.test(route) ? [{ at: i + 1, route }] : []));
    // a search, the write that creates the companies, and the associations (100 per call)
    expect(companySteps.length).toBeGreaterThanOrEqual(3);
    let kills = 0;
    for (const { at, route } of companySteps) {
      for (const phase of ['answered', 'delivered'] as const) {
        const r = await trial(at, phase);
        if (r.killed) kills++;
        expectOneCompanyPerDomain(`killed at request ${at} (${route}, ${phase})`);
      }
    }
    // the kills really landed
    expect(kills).toBe(2 * companySteps.length);
  });
});
