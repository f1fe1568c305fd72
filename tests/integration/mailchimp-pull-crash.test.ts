import { startMailchimpSandbox, SANDBOX_AUDIENCE_ID } from '../../main/sandbox/mailchimp/index';
import { describePullKills, nthRequest } from '../support/pull-kill-trial';

const KEY = 'fedcba9876543210fedcba9876543210-us21';
const listRead = (method: string, path: string): boolean => method === 'GET' && /\/members$/.test(path.split('?')[0] ?? '');
/** FERRYID stamps go in Batch Operations, 500 members a call (pull.ts stampFerryIds) */
const stamp = (method: string, path: string): boolean => method === 'POST' && /\/batches$/.test(path.split('?')[0] ?? '');

/**
 * `ferry pull` against Mailchimp is killed at list and stamp requests of a first
 * pull (keyed to which request it is, never to time), before the request reaches
 * Mailchimp, after Mailchimp answered but before Ferry heard, and after Ferry heard;
 * then a clean `ferry pull`. Mailchimp's clock is frozen, so every member shares one
 * last_changed: the window cannot move and the resumed pull must page by offset
 * inside that second from its checkpoint. Every member must end as exactly one Ferry
 * contact, linked once, stamped with that contact's uid; nothing may be lost.
 */
describePullKills({
  title: 'a Mailchimp pull killed mid-way resumes from its checkpoint',
  noun: 'member',
  /** three pages of 1,000 (MEMBER_PAGE), 1,000 and 100, each followed by its FERRYID stamps (two batches, two, one) */
  records: 2_100,
  start: () => startMailchimpSandbox({ port: 0, apiKey: KEY, clock: () => Date.parse('2026-11-02T09:00:00.000Z') }),
  seed: (sandbox, n) => { for (let i = 0; i < n; i++) sandbox.admin.addMember(`p${i}@example.com`, { FNAME: `F${i}`, LNAME: `L${i}` }); },
  connection: (proxyUrl) => ({ kind: 'mailchimp', label: 'Mailchimp', config: { baseUrl: `${proxyUrl}/3.0`, audience: SANDBOX_AUDIENCE_ID, auth: 'api-key', tokenEnv: 'FERRY_MAILCHIMP_KEY' } }),
  env: { FERRY_MAILCHIMP_KEY: KEY },
  // first pull, every member at one second: page 1; page 1 again (all seen: the offset moves
  // within the second); page 2 at offset 1,000; page 3 at offset 2,000, each after its stamps
  // (9 trials, each two pulls of 2,100 members)
  killPoints: [
    { where: 'the second stamp batch of the first page', picks: () => nthRequest(2, stamp) },
    { where: 'the page read at offset 1,000', picks: () => nthRequest(3, listRead) },
    { where: 'the last page', picks: () => nthRequest(4, listRead) },
  ],
  stamps: (sandbox) => sandbox.admin.members().map((m) => ({ id: m.contact_id, ferryId: m.merge_fields.FERRYID })),
});
