/**
 * A pull writes Ferry's key (FERRYID) on the members it links through Mailchimp's Batch
 * Operations (`POST /batches`, docs/vendor-facts.md "Mailchimp: stamping FERRYID"): one
 * call per 500 members instead of one per member, each operation the same PATCH by
 * contact_id that sends only the merge field, so no member's status moves. Against the
 * sandbox on loopback, real SQLite; counts come from the sandbox's request log.
 */
import { describe, expect, it } from 'vitest';
import { listContacts } from '../../main/store/contacts';
import { mailchimpPullFixture } from '../support/mailchimp-harness';

const BATCH_ROUTE = 'POST /3.0/batches';
const MEMBER_PATCH = 'PATCH /3.0/lists/:list/members/:hash';
const f = mailchimpPullFixture('Stamps');

const seed = (n: number, status: (i: number) => 'subscribed' | 'unsubscribed' | 'cleaned' = () => 'subscribed'): void => {
  for (let i = 0; i < n; i++) f.sandbox.admin.addMember(`m${i}@example.com`, { FNAME: `F${i}`, LNAME: `L${i}` }, status(i));
};
const calls = (route: string): number => f.sandbox.admin.requests().byRoute[route] ?? 0;
/** each member's FERRYID against the uid of the contact with its e-mail */
function stampsMatchContacts(): { stamped: number; wrong: number } {
  const uidByEmail = new Map(listContacts(f.db, f.cardId).map((c) => [c.emails[0]?.value.toLowerCase() ?? '', c.uid]));
  let stamped = 0;
  let wrong = 0;
  for (const m of f.sandbox.admin.members()) {
    const ferryId = String(m.merge_fields.FERRYID ?? '');
    if (ferryId === '') continue;
    stamped++;
    if (uidByEmail.get(m.email_address.toLowerCase()) !== ferryId) wrong++;
  }
  return { stamped, wrong };
}

describe('Mailchimp stamps FERRYID in batches', () => {
  it('a first pull of 1,200 new members stamps them all in ceil(1,200 / 500) = 3 calls, none per member', { timeout: 60_000 }, async () => {
    seed(1_200);
    const id = await f.connectPull();
    expect(await f.engine.pullNow(id)).toMatchObject({ state: 'succeeded', read: 1_200, created: 1_200 });
    // pages of 1,000 and 200: 500 + 500, then 200
    expect(calls(BATCH_ROUTE)).toBe(Math.ceil(1_200 / 500));
    expect(calls(MEMBER_PATCH)).toBe(0);
    expect(stampsMatchContacts()).toEqual({ stamped: 1_200, wrong: 0 });
  });

  it('a stamp never touches a member\'s status: unsubscribed and cleaned members stay so', async () => {
    seed(30, (i) => (i % 3 === 0 ? 'unsubscribed' : i % 3 === 1 ? 'cleaned' : 'subscribed'));
    const id = await f.connectPull();
    expect(await f.engine.pullNow(id)).toMatchObject({ state: 'succeeded', created: 30 });
    expect(stampsMatchContacts()).toEqual({ stamped: 30, wrong: 0 });
    const statuses = f.sandbox.admin.members().map((m) => [m.email_address, m.status]);
    expect(statuses.filter(([, s]) => s === 'unsubscribed')).toHaveLength(10);
    expect(statuses.filter(([, s]) => s === 'cleaned')).toHaveLength(10);
    expect(f.sandbox.admin.member('m0@example.com')?.status).toBe('unsubscribed');
  });

  it('a member Mailchimp refuses to stamp does not stop the others, and stays linked', async () => {
    seed(20);
    f.sandbox.admin.rejectEmails(/^m7@/u);
    const id = await f.connectPull();
    expect(await f.engine.pullNow(id)).toMatchObject({ state: 'succeeded', created: 20 });
    expect(stampsMatchContacts()).toEqual({ stamped: 19, wrong: 0 });
    expect(f.sandbox.admin.member('m7@example.com')?.merge_fields.FERRYID).toBeUndefined();
    // Mailchimp reports it as that operation's own answer, the others succeeded
    const results = f.sandbox.admin.batches().flatMap((b) => b.results);
    expect(results.filter((r) => r.status_code === 400)).toHaveLength(1);
    expect(results.filter((r) => r.status_code === 200)).toHaveLength(19);
    const links = f.db.prepare('SELECT COUNT(*) FROM sync_links WHERE connection_id = ?').pluck().get(id) as number;
    expect(links).toBe(20);
  });

  it('a batch call Mailchimp fails (503) is sent again by the pull, and every member is stamped once it lands', async () => {
    seed(40);
    f.sandbox.admin.injectFault({ kind: 'status', status: 503, pathPrefix: '/3.0/batches' });
    const id = await f.connectPull();
    expect(await f.engine.pullNow(id)).toMatchObject({ state: 'succeeded', created: 40 });
    expect(calls(BATCH_ROUTE)).toBe(2);
    expect(stampsMatchContacts()).toEqual({ stamped: 40, wrong: 0 });
  });

  it('the pull does not wait for Mailchimp\'s queue: links are saved at once, the stamps land when Mailchimp runs the batch', async () => {
    seed(50);
    f.sandbox.admin.holdBatches(true);
    const id = await f.connectPull();
    expect(await f.engine.pullNow(id)).toMatchObject({ state: 'succeeded', created: 50 });
    expect(calls(BATCH_ROUTE)).toBe(1);
    expect(calls('GET /3.0/batches/:id')).toBe(0);
    expect(stampsMatchContacts()).toEqual({ stamped: 0, wrong: 0 });
    expect(f.db.prepare('SELECT COUNT(*) FROM sync_links WHERE connection_id = ?').pluck().get(id)).toBe(50);

    expect(f.sandbox.admin.runBatches()).toBe(1);
    expect(stampsMatchContacts()).toEqual({ stamped: 50, wrong: 0 });
    // the next pull finds every member linked and already stamped: nothing new, nothing sent again
    f.sandbox.admin.clearRequests();
    expect(await f.engine.pullNow(id)).toMatchObject({ state: 'succeeded', created: 0, updated: 0 });
    expect(calls(BATCH_ROUTE)).toBe(0);
  });
});
