import { startDynamicsSandbox } from '../../main/sandbox/dynamics/index';
import { describePullKills } from '../support/pull-kill-trial';

const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOi.dynamics-pull-crash-token';

/**
 * `ferry pull` against Dynamics 365 is killed at the list and stamp requests of a
 * first pull (keyed to the proxy's request count, never to time), before the
 * request reaches Dataverse, after Dataverse answered but before Ferry heard, and
 * after Ferry heard; then a clean `ferry pull`. The environment's clock is frozen,
 * so every record shares one modifiedon: the resumed pull must continue from the
 * last applied (modifiedon, contactid), inside that one second. Every record must
 * end as exactly one Ferry contact, linked once, carrying that contact's Ferry ID.
 */
describePullKills({
  title: 'a Dynamics 365 pull killed mid-way resumes from its checkpoint',
  noun: 'record',
  /** three pages of 500, 500 and 200 (PULL_PAGE_SIZE), each followed by its stamp $batch calls of 200 */
  records: 1_200,
  start: () => startDynamicsSandbox({ port: 0, token: TOKEN, ferryIdPrefix: 'cr8f2', limits: { requests: 1_000_000 }, clock: () => Date.parse('2026-11-02T09:00:00.000Z') }),
  seed: (sandbox, n) => { for (let i = 0; i < n; i++) sandbox.admin.seedContact({ emailaddress1: `p${i}@example.com`, firstname: `F${i}`, lastname: `L${i}` }); },
  connection: (baseUrl) => ({ kind: 'dynamics', label: 'Dynamics 365', config: { baseUrl, tokenEnv: 'FERRY_DYNAMICS_TOKEN' } }),
  env: { FERRY_DYNAMICS_TOKEN: TOKEN },
  // requests of a first `ferry pull`: 1 WhoAmI, 2 the Ferry ID key, then per page a contacts
  // query and its stamp $batch calls: 3 query, 4-6 stamps, 7 query, 8-10 stamps, 11 query, 12 stamps
  killPoints: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  stamps: (sandbox) => sandbox.admin.contacts().map((row) => ({ id: row.contactid, ferryId: row.fields.cr8f2_ferryid })),
});
