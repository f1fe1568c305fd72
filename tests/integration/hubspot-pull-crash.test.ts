import { startHubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { describePullKills } from '../support/pull-kill-trial';

const TOKEN = 'pull-crash-token-0123456789';

/**
 * `ferry pull` is killed at list and stamp requests of a first pull (keyed to
 * the proxy's request count, never to time: the checkpoint has advanced a known
 * number of pages by then), before the request reaches HubSpot, after HubSpot
 * answered but before Ferry heard, and after Ferry heard; then a clean `ferry pull`.
 * Every HubSpot record must end as exactly one Ferry contact, linked once, carrying
 * that contact's uid as its ferry_id, and nothing may be lost.
 */
describePullKills({
  title: 'a pull killed mid-way resumes from its checkpoint',
  noun: 'record',
  records: 450,
  start: async () => {
    const sandbox = await startHubSpotSandbox({ port: 0, rateLimit: 100_000 });
    sandbox.admin.registerToken({ token: TOKEN });
    return sandbox;
  },
  seed: (sandbox, n) => { sandbox.admin.writeContacts(Array.from({ length: n }, (_, i) => ({ properties: { email: `p${i}@example.com`, firstname: `F${i}`, lastname: `L${i}` } }))); },
  connection: (baseUrl) => ({ kind: 'hubspot', label: 'HubSpot', config: { baseUrl, tokenEnv: 'FERRY_HUBSPOT_TOKEN', auth: 'private-app' } }),
  env: { FERRY_HUBSPOT_TOKEN: TOKEN },
  // requests of a first pull: (account details, properties…) then per page a list call and a stamp call
  killPoints: [4, 5, 6, 7, 8, 9, 10],
  stamps: (sandbox) => sandbox.admin.contacts().map((x) => ({ id: x.id, ferryId: x.properties.ferry_id })),
});
