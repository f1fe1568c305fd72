/**
 * A pull stamps FERRYID through Mailchimp's Batch Operations and does not wait for them
 * (mailchimp-stamp-batches.test.ts); the pull after reads each batch back
 * (docs/vendor-facts.md, "Mailchimp: reading stamp batches back"): `GET /batches/{id}`,
 * and for a finished batch with errored operations the results archive on the storage
 * host, fetched without the API key (the sandbox's storage answers S3's 400 to a request
 * that carries one). A refused stamp becomes a sentence in the Sync log on that contact;
 * a clean batch is forgotten silently; one Mailchimp forgot is dropped with one line.
 * Against the sandbox on loopback, real SQLite.
 */
import { describe, expect, it } from 'vitest';
import { listContacts } from '../../main/store/contacts';
import { countStampJobs, rememberStampJobs } from '../../main/store/stamp-jobs';
import { getRun, listEvents } from '../../main/store/sync-log';
import { mailchimpPullFixture } from '../support/mailchimp-harness';

const STATUS_ROUTE = 'GET /3.0/batches/:id';
const ARCHIVE_ROUTE = 'GET /mailchimp-api-batch/:file';
const f = mailchimpPullFixture('Stamp results');

const seed = (n: number): void => {
  for (let i = 0; i < n; i++) f.sandbox.admin.addMember(`m${i}@example.com`, { FNAME: `F${i}`, LNAME: `L${i}` });
};
const calls = (route: string): number => f.sandbox.admin.requests().byRoute[route] ?? 0;
const contactOf = (email: string): number => listContacts(f.db, f.cardId).find((c) => c.emails[0]?.value === email)!.id;
/** the Sync log's records for this connection that talk about Ferry's ID */
const stampEvents = (connectionId: number) => listEvents(f.db, { connectionId, query: 'Ferry\'s ID', limit: 100, offset: 0 }).items;

describe('Mailchimp stamp batches are read back on the next pull', () => {
  it('a stamp Mailchimp refused shows in the Sync log on that contact after the next pull, in Mailchimp\'s words; the batch is then forgotten', async () => {
    seed(20);
    f.sandbox.admin.rejectEmails(/^m7@/u);
    const id = await f.connectPull();
    expect(await f.engine.pullNow(id)).toMatchObject({ state: 'succeeded', created: 20 });
    // the pull that stamped did not wait for the batch nor read it
    expect(calls(STATUS_ROUTE)).toBe(0);
    expect(stampEvents(id)).toHaveLength(0);

    f.sandbox.admin.clearRequests();
    const next = await f.engine.pullNow(id);
    expect(next).toMatchObject({ state: 'succeeded', error: 'Mailchimp did not take Ferry\'s ID for 1 member: see the log.' });
    // one status call, one archive download (from the storage host, without the API key: S3 would answer 400)
    expect(calls(STATUS_ROUTE)).toBe(1);
    expect(calls(ARCHIVE_ROUTE)).toBe(1);
    const events = stampEvents(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      contactId: contactOf('m7@example.com'),
      outcome: 'failed',
      externalId: f.sandbox.admin.member('m7@example.com')!.contact_id,
      runId: next.runId,
    });
    expect(events[0]!.message).toContain('Mailchimp did not take Ferry\'s ID for this member: m7@example.com looks fake or invalid, please enter a real email address.');
    // the member stays linked: only the stamp failed
    expect(f.db.prepare('SELECT COUNT(*) FROM sync_links WHERE connection_id = ?').pluck().get(id)).toBe(20);

    // read once: the pull after asks Mailchimp nothing about it and logs nothing more
    f.sandbox.admin.clearRequests();
    expect((await f.engine.pullNow(id)).state).toBe('succeeded');
    expect(calls(STATUS_ROUTE)).toBe(0);
    expect(calls(ARCHIVE_ROUTE)).toBe(0);
    expect(stampEvents(id)).toHaveLength(1);
  });

  it('the pull after a first pull of 2,500 members asks about its 5 batches once each and downloads only the one with a refusal', { timeout: 60_000 }, async () => {
    seed(2_500);
    f.sandbox.admin.rejectEmails(/^m1234@/u);
    const id = await f.connectPull();
    expect(await f.engine.pullNow(id)).toMatchObject({ state: 'succeeded', created: 2_500 });
    expect(calls('POST /3.0/batches')).toBe(5);

    f.sandbox.admin.clearRequests();
    await f.engine.pullNow(id);
    expect(calls(STATUS_ROUTE)).toBe(5);
    expect(calls(ARCHIVE_ROUTE)).toBe(1);
    expect(stampEvents(id).map((e) => e.contactId)).toEqual([contactOf('m1234@example.com')]);
  });

  it('a batch Mailchimp ran without a refusal logs nothing and is forgotten after one status call', async () => {
    seed(30);
    const id = await f.connectPull();
    expect(await f.engine.pullNow(id)).toMatchObject({ state: 'succeeded', created: 30 });

    f.sandbox.admin.clearRequests();
    const next = await f.engine.pullNow(id);
    expect(next).toMatchObject({ state: 'succeeded', error: null });
    expect(calls(STATUS_ROUTE)).toBe(1);
    // no errored operations: the archive is not fetched
    expect(calls(ARCHIVE_ROUTE)).toBe(0);
    expect(stampEvents(id)).toHaveLength(0);

    f.sandbox.admin.clearRequests();
    await f.engine.pullNow(id);
    expect(calls(STATUS_ROUTE)).toBe(0);
  });

  it('a batch still in Mailchimp\'s queue is asked about once per pull and read when it has run', async () => {
    seed(12);
    f.sandbox.admin.rejectEmails(/^m3@/u);
    f.sandbox.admin.holdBatches(true);
    const id = await f.connectPull();
    await f.engine.pullNow(id);

    f.sandbox.admin.clearRequests();
    expect(await f.engine.pullNow(id)).toMatchObject({ state: 'succeeded', error: null });
    expect(calls(STATUS_ROUTE)).toBe(1);
    expect(stampEvents(id)).toHaveLength(0);

    expect(f.sandbox.admin.runBatches()).toBe(1);
    f.sandbox.admin.clearRequests();
    await f.engine.pullNow(id);
    expect(calls(STATUS_ROUTE)).toBe(1);
    expect(stampEvents(id).map((e) => e.contactId)).toEqual([contactOf('m3@example.com')]);
  });

  it('a batch Mailchimp no longer knows (404) is dropped with one line on the pull, never asked about again', async () => {
    seed(10);
    f.sandbox.admin.holdBatches(true);
    const id = await f.connectPull();
    await f.engine.pullNow(id);
    const [batch] = f.sandbox.admin.batches();
    expect(f.sandbox.admin.forgetBatch(batch!.id)).toBe(true);

    f.sandbox.admin.clearRequests();
    const next = await f.engine.pullNow(id);
    expect(next.state).toBe('succeeded');
    expect(calls(STATUS_ROUTE)).toBe(1);
    expect(next.error).toBe('Ferry could not learn whether Mailchimp took Ferry\'s ID on 10 members: Mailchimp no longer has that batch of stamps.');
    expect(getRun(f.db, next.runId!)?.error).toBe(next.error);
    expect(stampEvents(id)).toHaveLength(0);

    f.sandbox.admin.clearRequests();
    expect(await f.engine.pullNow(id)).toMatchObject({ state: 'succeeded', error: null });
    expect(calls(STATUS_ROUTE)).toBe(0);
  });

  it('a finished batch whose results Mailchimp no longer keeps is dropped with one line', async () => {
    seed(10);
    f.sandbox.admin.rejectEmails(/^m1@/u);
    const id = await f.connectPull();
    await f.engine.pullNow(id);
    const [batch] = f.sandbox.admin.batches();
    expect(f.sandbox.admin.dropBatchResults(batch!.id)).toBe(true);

    f.sandbox.admin.clearRequests();
    const next = await f.engine.pullNow(id);
    expect(calls(ARCHIVE_ROUTE)).toBe(1);
    expect(next).toMatchObject({ state: 'succeeded', error: 'Ferry could not learn whether Mailchimp took Ferry\'s ID on 10 members: Mailchimp no longer keeps the results of that batch of stamps.' });
    f.sandbox.admin.clearRequests();
    await f.engine.pullNow(id);
    expect(calls(STATUS_ROUTE)).toBe(0);
  });

  it('a batch Ferry sent more than a week ago is given up without asking, with one line', async () => {
    seed(5);
    const id = await f.connectPull();
    await f.engine.pullNow(id);
    expect(countStampJobs(f.db, id)).toBe(1);
    // a data folder left closed for eight days with a batch still unread (the pull's own one is read at once below)
    rememberStampJobs(f.db, id, [{ id: 'f0e1d2c3b4', records: 5 }], Date.now() - 8 * 24 * 60 * 60_000);

    f.sandbox.admin.clearRequests();
    const next = await f.engine.pullNow(id);
    expect(next.error).toBe('Ferry could not learn whether Mailchimp took Ferry\'s ID on 5 members: a week after Ferry sent that batch of stamps, Mailchimp had still not given its outcome.');
    // only the recent batch was asked about
    expect(calls(STATUS_ROUTE)).toBe(1);
    expect(countStampJobs(f.db, id)).toBe(0);
  });

  it('a read-back Mailchimp fails (503) does not fail the pull; the batch is read on the pull after', async () => {
    seed(10);
    f.sandbox.admin.rejectEmails(/^m2@/u);
    const id = await f.connectPull();
    await f.engine.pullNow(id);

    f.sandbox.admin.injectFault({ kind: 'status', status: 503, pathPrefix: '/3.0/batches/', count: 1 });
    f.sandbox.admin.clearRequests();
    expect(await f.engine.pullNow(id)).toMatchObject({ state: 'succeeded', error: null });
    // one try, no retry loop: the pull goes on to read members
    expect(calls(STATUS_ROUTE)).toBe(1);
    expect(stampEvents(id)).toHaveLength(0);

    await f.engine.pullNow(id);
    expect(stampEvents(id).map((e) => e.contactId)).toEqual([contactOf('m2@example.com')]);
  });
});
