import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailchimpSandbox, SANDBOX_AUDIENCE_ID, type MailchimpSandbox } from '../../main/sandbox/mailchimp/index';
import { KILL_PHASES, startKillSwitchProxy, type KillPhase, type KillSwitchProxy } from '../support/kill-switch-proxy';
import { expectEachRecordOnce, killedPullTrial, type PullKillResult } from '../support/pull-kill-trial';

const KEY = 'fedcba9876543210fedcba9876543210-us21';
/** three pages of 1,000 (MEMBER_PAGE), 1,000 and 100, each followed by its FERRYID stamps */
const MEMBERS = 2_100;

/**
 * `ferry pull` against Mailchimp is killed at list and stamp requests of a first
 * pull (keyed to which request it is, never to time), before the request reaches
 * Mailchimp, after Mailchimp answered but before Ferry heard, and after Ferry heard;
 * then a clean `ferry pull`. Mailchimp's clock is frozen, so every member shares one
 * last_changed: the window cannot move and the resumed pull must page by offset
 * inside that second from its checkpoint. Every member must end as exactly one Ferry
 * contact, linked once, stamped with that contact's uid; nothing may be lost.
 */
describe('a Mailchimp pull killed mid-way resumes from its checkpoint', () => {
  let sandbox: MailchimpSandbox;
  let proxy: KillSwitchProxy;

  beforeAll(async () => {
    sandbox = await startMailchimpSandbox({ port: 0, apiKey: KEY, clock: () => Date.parse('2026-11-02T09:00:00.000Z') });
    proxy = await startKillSwitchProxy(sandbox.url);
  });
  afterAll(async () => {
    await proxy.close();
    await sandbox.close();
  });

  /** the `n`-th request that `matches` picks, counted from the trial's start */
  const nth = (n: number, matches: (method: string, path: string) => boolean) => {
    let seen = 0;
    return (method: string, path: string): boolean => matches(method, path) && ++seen === n;
  };
  const listRead = (method: string, path: string): boolean => method === 'GET' && /\/members$/.test(path.split('?')[0] ?? '');
  const stamp = (method: string): boolean => method === 'PATCH';

  async function trial(matches: (method: string, path: string) => boolean, phase: KillPhase): Promise<PullKillResult> {
    sandbox.admin.reset();
    for (let i = 0; i < MEMBERS; i++) sandbox.admin.addMember(`p${i}@example.com`, { FNAME: `F${i}`, LNAME: `L${i}` });
    const r = await killedPullTrial({
      proxy, at: 0, on: matches, phase, env: { FERRY_MAILCHIMP_KEY: KEY },
      connection: { kind: 'mailchimp', label: 'Mailchimp', config: { baseUrl: `${proxy.url}/3.0`, audience: SANDBOX_AUDIENCE_ID, auth: 'api-key', tokenEnv: 'FERRY_MAILCHIMP_KEY' } },
    });
    for (const m of sandbox.admin.members()) expect(m.merge_fields.FERRYID, `${m.email_address} carries its contact's uid`).toBe(r.uidByExternalId.get(m.contact_id));
    return r;
  }

  it('no duplicate contact and no lost member, wherever the kill lands', { timeout: 10 * 60_000 }, async () => {
    // first pull, every member at one second: page 1; page 1 again (all seen: the offset moves
    // within the second); page 2 at offset 1,000; page 3 at offset 2,000, each after its stamps
    // (9 trials, about 2 minutes on a loaded 2-core machine: each trial is two pulls of 2,100 stamps)
    const points: [string, () => (method: string, path: string) => boolean][] = [
      ['a stamp of the first page', () => nth(700, stamp)],
      ['the page read at offset 1,000', () => nth(3, listRead)],
      ['the last page', () => nth(4, listRead)],
    ];
    for (const [where, picker] of points) for (const phase of KILL_PHASES) {
      const r = await trial(picker(), phase);
      expectEachRecordOnce(r, MEMBERS, where, phase);
    }
  });
});
