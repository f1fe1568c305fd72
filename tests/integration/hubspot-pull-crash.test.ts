import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { KILL_PHASES, startKillSwitchProxy, type KillPhase, type KillSwitchProxy } from '../support/kill-switch-proxy';
import { expectEachRecordOnce, killedPullTrial, type PullKillResult } from '../support/pull-kill-trial';

const TOKEN = 'pull-crash-token-0123456789';
const RECORDS = 450;

/**
 * `ferry pull` is killed at list and stamp requests of a first pull (keyed to
 * the proxy's request count, never to time: the checkpoint has advanced a known
 * number of pages by then), before the request reaches HubSpot, after HubSpot
 * answered but before Ferry heard, and after Ferry heard; then a clean `ferry pull`. Every HubSpot record must end as exactly one
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

  async function trial(at: number, phase: KillPhase): Promise<PullKillResult> {
    sandbox.admin.reset();
    sandbox.admin.writeContacts(Array.from({ length: RECORDS }, (_, i) => ({ properties: { email: `p${i}@example.com`, firstname: `F${i}`, lastname: `L${i}` } })));
    return killedPullTrial({
      proxy, at, phase, env: { FERRY_HUBSPOT_TOKEN: TOKEN },
      connection: { kind: 'hubspot', label: 'HubSpot', config: { baseUrl: proxy.url, tokenEnv: 'FERRY_HUBSPOT_TOKEN', auth: 'private-app' } },
    });
  }

  it('no duplicate contact and no lost record, wherever the kill lands', { timeout: 10 * 60_000 }, async () => {
    // requests of a first pull: (account details, properties…) then per page a list call and a stamp call
    for (const at of [4, 5, 6, 7, 8, 9, 10]) for (const phase of KILL_PHASES) {
      const r = await trial(at, phase);
      expectEachRecordOnce(r, RECORDS, `request ${at}`, phase);
      // every HubSpot record carries the uid of the one contact it is linked to
      expect(new Set(sandbox.admin.contacts().map((x) => x.properties.ferry_id)).size, `killed at request ${at}, ${phase}`).toBe(RECORDS);
    }
  });
});
