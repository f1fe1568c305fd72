import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../main/sandbox/salesforce/index';
import { KILL_PHASES, startKillSwitchProxy, type KillPhase, type KillSwitchProxy } from '../support/kill-switch-proxy';
import { expectEachRecordOnce, killedPullTrial, type PullKillResult } from '../support/pull-kill-trial';

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

  async function trial(at: number, phase: KillPhase): Promise<PullKillResult> {
    sandbox.admin.reset();
    for (let i = 0; i < RECORDS; i++) sandbox.admin.seedRecord('Contact', { Email: `p${i}@example.com`, FirstName: `F${i}`, LastName: `L${i}` });
    const r = await killedPullTrial({
      proxy, at, phase, env: { FERRY_SALESFORCE_TOKEN: TOKEN },
      connection: { kind: 'salesforce', label: 'Salesforce', config: { baseUrl: proxy.url, tokenEnv: 'FERRY_SALESFORCE_TOKEN', object: 'Contact' } },
    });
    for (const record of sandbox.admin.records('Contact')) expect(record.fields.Ferry_Id__c, `${record.id} carries its contact's uid`).toBe(r.uidByExternalId.get(record.id));
    return r;
  }

  it('no duplicate contact and no lost record, wherever the kill lands', { timeout: 10 * 60_000 }, async () => {
    // requests of a first pull: describe, then per page a query (or queryMore) and its stamp calls
    for (const at of [2, 3, 4, 5, 6, 7, 8, 9]) for (const phase of KILL_PHASES) {
      const r = await trial(at, phase);
      expectEachRecordOnce(r, RECORDS, `request ${at}`, phase);
    }
  });
});
