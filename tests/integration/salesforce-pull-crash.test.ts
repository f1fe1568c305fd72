import { startSalesforceSandbox } from '../../main/sandbox/salesforce/index';
import { describePullKills } from '../support/pull-kill-trial';

const TOKEN = '00DFe0000000001!pull-crash-token';

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
describePullKills({
  title: 'a Salesforce pull killed mid-way resumes from its checkpoint',
  noun: 'record',
  /** three query pages of 500, 500 and 200 (PULL_BATCH_SIZE), each followed by its Ferry_Id__c stamp calls of 200 */
  records: 1_200,
  start: () => startSalesforceSandbox({ port: 0, token: TOKEN, dailyLimit: 10_000_000, clock: () => Date.parse('2026-11-02T09:00:00.000Z') }),
  seed: (sandbox, n) => { for (let i = 0; i < n; i++) sandbox.admin.seedRecord('Contact', { Email: `p${i}@example.com`, FirstName: `F${i}`, LastName: `L${i}` }); },
  connection: (baseUrl) => ({ kind: 'salesforce', label: 'Salesforce', config: { baseUrl, tokenEnv: 'FERRY_SALESFORCE_TOKEN', object: 'Contact' } }),
  env: { FERRY_SALESFORCE_TOKEN: TOKEN },
  // requests of a first pull: describe, then per page a query (or queryMore) and its stamp calls
  killPoints: [2, 3, 4, 5, 6, 7, 8, 9],
  stamps: (sandbox) => sandbox.admin.records('Contact').map((record) => ({ id: record.id, ferryId: record.fields.Ferry_Id__c })),
});
