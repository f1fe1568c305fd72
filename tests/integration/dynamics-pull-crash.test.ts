import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamicsSandbox, type DynamicsSandbox } from '../../main/sandbox/dynamics/index';
import { KILL_PHASES, startKillSwitchProxy, type KillPhase, type KillSwitchProxy } from '../support/kill-switch-proxy';
import { expectEachRecordOnce, killedPullTrial, type PullKillResult } from '../support/pull-kill-trial';

const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOi.dynamics-pull-crash-token';
const FERRY_ID = 'cr8f2_ferryid';
/** three pages of 500, 500 and 200 (PULL_PAGE_SIZE), each followed by its stamp $batch calls of 200 */
const RECORDS = 1_200;

/**
 * `ferry pull` against Dynamics 365 is killed at the list and stamp requests of a
 * first pull (keyed to the proxy's request count, never to time), before the
 * request reaches Dataverse, after Dataverse answered but before Ferry heard, and
 * after Ferry heard; then a clean `ferry pull`. The environment's clock is frozen,
 * so every record shares one modifiedon: the resumed pull must continue from the
 * last applied (modifiedon, contactid), inside that one second. Every record must
 * end as exactly one Ferry contact, linked once, carrying that contact's Ferry ID.
 */
describe('a Dynamics 365 pull killed mid-way resumes from its checkpoint', () => {
  let sandbox: DynamicsSandbox;
  let proxy: KillSwitchProxy;

  beforeAll(async () => {
    sandbox = await startDynamicsSandbox({ port: 0, token: TOKEN, ferryIdPrefix: 'cr8f2', limits: { requests: 1_000_000 }, clock: () => Date.parse('2026-11-02T09:00:00.000Z') });
    proxy = await startKillSwitchProxy(sandbox.url);
  });
  afterAll(async () => {
    await proxy.close();
    await sandbox.close();
  });

  async function trial(at: number, phase: KillPhase): Promise<PullKillResult> {
    sandbox.admin.reset();
    for (let i = 0; i < RECORDS; i++) sandbox.admin.seedContact({ emailaddress1: `p${i}@example.com`, firstname: `F${i}`, lastname: `L${i}` });
    const r = await killedPullTrial({
      proxy, at, phase, env: { FERRY_DYNAMICS_TOKEN: TOKEN },
      connection: { kind: 'dynamics', label: 'Dynamics 365', config: { baseUrl: proxy.url, tokenEnv: 'FERRY_DYNAMICS_TOKEN' } },
    });
    for (const row of sandbox.admin.contacts()) expect(row.fields[FERRY_ID], `${row.contactid} carries its contact's uid`).toBe(r.uidByExternalId.get(row.contactid));
    return r;
  }

  it('no duplicate contact and no lost record, wherever the kill lands', { timeout: 10 * 60_000 }, async () => {
    // requests of a first `ferry pull`: 1 WhoAmI, 2 the Ferry ID key, then per page a contacts
    // query and its stamp $batch calls: 3 query, 4-6 stamps, 7 query, 8-10 stamps, 11 query, 12 stamps
    for (const at of [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) for (const phase of KILL_PHASES) {
      const r = await trial(at, phase);
      expectEachRecordOnce(r, RECORDS, `request ${at}`, phase);
    }
  });
});
