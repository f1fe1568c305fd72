import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPipedriveSandbox, type PipedriveSandbox } from '../../main/sandbox/pipedrive/index';
import { KILL_PHASES, startKillSwitchProxy, type KillPhase, type KillSwitchProxy } from '../support/kill-switch-proxy';
import { expectEachRecordOnce, killedPullTrial, type PullKillResult } from '../support/pull-kill-trial';

const TOKEN = 'pd-pull-crash-token-0123456789';
/** two list pages of 500 and 200 (PULL_PAGE_SIZE), each followed by one Ferry ID stamp (PATCH) per person */
const RECORDS = 700;

/**
 * `ferry pull` against Pipedrive is killed at list and stamp requests of a first
 * pull (keyed to the proxy's request count, never to time), before the request
 * reaches Pipedrive, after Pipedrive answered but before Ferry heard, and after
 * Ferry heard; then a clean `ferry pull`. The company's clock is frozen, so every
 * person shares one update_time: the resumed pull has no Pipedrive cursor (it
 * does not outlive a process) and must ask again from the last applied
 * update_time, inclusive. Every person must end as exactly one Ferry contact,
 * linked once, its Ferry ID that contact's uid; nothing may be lost.
 */
describe('a Pipedrive pull killed mid-way resumes from its checkpoint', () => {
  let sandbox: PipedriveSandbox;
  let proxy: KillSwitchProxy;

  beforeAll(async () => {
    sandbox = await startPipedriveSandbox({ port: 0, token: TOKEN, clock: () => Date.parse('2026-11-02T09:00:00.000Z'), limits: { burst: 100_000, searchBurst: 100_000, dailyBudget: 1_000_000_000 } });
    proxy = await startKillSwitchProxy(sandbox.url);
  });
  afterAll(async () => {
    await proxy.close();
    await sandbox.close();
  });

  async function trial(at: number, phase: KillPhase): Promise<PullKillResult> {
    sandbox.admin.reset();
    for (let i = 0; i < RECORDS; i++) sandbox.admin.seedPerson({ name: `F${i} L${i}`, emails: [`p${i}@example.com`] });
    const r = await killedPullTrial({
      proxy, at, phase, env: { FERRY_PIPEDRIVE_TOKEN: TOKEN },
      connection: { kind: 'pipedrive', label: 'Pipedrive', config: { baseUrl: proxy.url, tokenEnv: 'FERRY_PIPEDRIVE_TOKEN', auth: 'private-app' } },
    });
    const key = sandbox.admin.fieldKey('Ferry ID') ?? '';
    for (const p of sandbox.admin.persons()) expect(p.custom_fields[key], `person ${p.id} carries its contact's uid`).toBe(r.uidByExternalId.get(String(p.id)));
    return r;
  }

  it('no duplicate contact and no lost person, wherever the kill lands', { timeout: 10 * 60_000 }, async () => {
    // requests of a first pull: the current user, the person fields and Ferry's two new fields (prepare: 1-4),
    // then the first list (5) and its 500 stamps (6-505), the second list (506) and its 200 stamps (507-706).
    // Asking again from the second after the checkpoint instead of that second loses the last 200 at 506.
    for (const at of [4, 5, 6, 250, 505, 506, 600]) for (const phase of KILL_PHASES) {
      const r = await trial(at, phase);
      expectEachRecordOnce(r, RECORDS, `request ${at}`, phase);
    }
  });
});
