import { startZohoSandbox } from '../../main/sandbox/zoho/index';
import { describePullKills } from '../support/pull-kill-trial';

const TOKEN = '1000.pull-crash-token-0123456789';

/**
 * `ferry pull` against Zoho CRM is killed at COQL and stamp requests of a first
 * pull (keyed to the proxy's request count, never to time), before the request
 * reaches Zoho, after Zoho answered but before Ferry heard, and after Ferry heard;
 * then a clean `ferry pull`. The org's clock is frozen, so every record shares one
 * Modified_Time: the resumed pull must ask for what follows the last applied
 * (Modified_Time, id). Every record must end as exactly one Ferry contact, linked
 * once, stamped with that contact's uid; nothing may be lost.
 */
describePullKills({
  title: 'a Zoho CRM pull killed mid-way resumes from its checkpoint',
  noun: 'record',
  /** two COQL pages of 2,000 and 500 (PULL_PAGE_SIZE), each followed by its Ferry_Id stamps (PUT /Contacts, 100 a call) */
  records: 2_500,
  start: () => startZohoSandbox({ port: 0, token: TOKEN, edition: 'ultimate', licences: 100, clock: () => Date.parse('2026-11-02T09:00:00.000Z') }),
  seed: (sandbox, n) => { for (let i = 0; i < n; i++) sandbox.admin.seedContact({ Email: `p${i}@example.com`, First_Name: `F${i}`, Last_Name: `L${i}` }); },
  connection: (baseUrl) => ({ kind: 'zoho', label: 'Zoho CRM', config: { baseUrl, tokenEnv: 'FERRY_ZOHO_TOKEN', region: 'com' } }),
  env: { FERRY_ZOHO_TOKEN: TOKEN },
  // requests of a first pull: the Ferry Id field check (and its creation), then per page a COQL query and its stamp calls
  killPoints: [3, 4, 13, 23, 24, 25, 29],
  stamps: (sandbox) => sandbox.admin.contacts().map((record) => ({ id: record.id, ferryId: record.fields.Ferry_Id })),
});
