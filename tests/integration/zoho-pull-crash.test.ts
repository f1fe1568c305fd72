import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZohoSandbox, type ZohoSandbox } from '../../main/sandbox/zoho/index';
import { KILL_PHASES, startKillSwitchProxy, type KillPhase, type KillSwitchProxy } from '../support/kill-switch-proxy';
import { expectEachRecordOnce, killedPullTrial, type PullKillResult } from '../support/pull-kill-trial';

const TOKEN = '1000.pull-crash-token-0123456789';
/** two COQL pages of 2,000 and 500 (PULL_PAGE_SIZE), each followed by its Ferry_Id stamps (PUT /Contacts, 100 a call) */
const RECORDS = 2_500;

/**
 * `ferry pull` against Zoho CRM is killed at COQL and stamp requests of a first
 * pull (keyed to the proxy's request count, never to time), before the request
 * reaches Zoho, after Zoho answered but before Ferry heard, and after Ferry heard;
 * then a clean `ferry pull`. The org's clock is frozen, so every record shares one
 * Modified_Time: the resumed pull must ask for what follows the last applied
 * (Modified_Time, id). Every record must end as exactly one Ferry contact, linked
 * once, stamped with that contact's uid; nothing may be lost.
 */
describe('a Zoho CRM pull killed mid-way resumes from its checkpoint', () => {
  let sandbox: ZohoSandbox;
  let proxy: KillSwitchProxy;

  beforeAll(async () => {
    sandbox = await startZohoSandbox({ port: 0, token: TOKEN, edition: 'ultimate', licences: 100, clock: () => Date.parse('2026-11-02T09:00:00.000Z') });
    proxy = await startKillSwitchProxy(sandbox.url);
  });
  afterAll(async () => {
    await proxy.close();
    await sandbox.close();
  });

  async function trial(at: number, phase: KillPhase): Promise<PullKillResult> {
    sandbox.admin.reset();
    for (let i = 0; i < RECORDS; i++) sandbox.admin.seedContact({ Email: `p${i}@example.com`, First_Name: `F${i}`, Last_Name: `L${i}` });
    const r = await killedPullTrial({
      proxy, at, phase, env: { FERRY_ZOHO_TOKEN: TOKEN },
      connection: { kind: 'zoho', label: 'Zoho CRM', config: { baseUrl: proxy.url, tokenEnv: 'FERRY_ZOHO_TOKEN', region: 'com' } },
    });
    for (const record of sandbox.admin.contacts()) expect(record.fields.Ferry_Id, `${record.id} carries its contact's uid`).toBe(r.uidByExternalId.get(record.id));
    return r;
  }

  it('no duplicate contact and no lost record, wherever the kill lands', { timeout: 10 * 60_000 }, async () => {
    // requests of a first pull: the Ferry Id field check (and its creation), then per page a COQL query and its stamp calls
    for (const at of [3, 4, 13, 23, 24, 25, 29]) for (const phase of KILL_PHASES) {
      const r = await trial(at, phase);
      expectEachRecordOnce(r, RECORDS, `request ${at}`, phase);
    }
  });
});
