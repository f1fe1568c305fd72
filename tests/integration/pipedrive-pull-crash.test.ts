import { startPipedriveSandbox } from '../../main/sandbox/pipedrive/index';
import { describePullKills } from '../support/pull-kill-trial';

const TOKEN = 'pd-pull-crash-token-0123456789';

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
describePullKills({
  title: 'a Pipedrive pull killed mid-way resumes from its checkpoint',
  noun: 'person',
  /** two list pages of 500 and 200 (PULL_PAGE_SIZE), each followed by one Ferry ID stamp (PATCH) per person */
  records: 700,
  start: () => startPipedriveSandbox({ port: 0, token: TOKEN, clock: () => Date.parse('2026-11-02T09:00:00.000Z'), limits: { burst: 100_000, searchBurst: 100_000, dailyBudget: 1_000_000_000 } }),
  seed: (sandbox, n) => { for (let i = 0; i < n; i++) sandbox.admin.seedPerson({ name: `F${i} L${i}`, emails: [`p${i}@example.com`] }); },
  connection: (baseUrl) => ({ kind: 'pipedrive', label: 'Pipedrive', config: { baseUrl, tokenEnv: 'FERRY_PIPEDRIVE_TOKEN', auth: 'private-app' } }),
  env: { FERRY_PIPEDRIVE_TOKEN: TOKEN },
  // requests of a first pull: the current user, the person fields and Ferry's two new fields (prepare: 1-4),
  // then the first list (5) and its 500 stamps (6-505), the second list (506) and its 200 stamps (507-706).
  // Asking again from the second after the checkpoint instead of that second loses the last 200 at 506.
  killPoints: [4, 5, 6, 250, 505, 506, 600],
  stamps: (sandbox) => {
    const key = sandbox.admin.fieldKey('Ferry ID') ?? '';
    return sandbox.admin.persons().map((p) => ({ id: String(p.id), ferryId: p.custom_fields[key] }));
  },
});
