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
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startMailchimpSandbox, SANDBOX_AUDIENCE_ID, type MailchimpSandbox } from '../../main/sandbox/mailchimp/index';
import { createCard } from '../../main/store/cards';
import { listContacts } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';
import { countStampJobs, rememberStampJobs } from '../../main/store/stamp-jobs';
import { getRun, listEvents } from '../../main/store/sync-log';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import { tempDir } from '../support/temp-dir';

const KEY = '0123456789abcdef0123456789abcdef-us21';
const STATUS_ROUTE = 'GET /3.0/batches/:id';
const ARCHIVE_ROUTE = 'GET /mailchimp-api-batch/:file';
let sandbox: MailchimpSandbox;
let db: Db;
let engine: SyncEngine;
let cardId: number;

beforeEach(async () => {
  sandbox = await startMailchimpSandbox({ port: 0, apiKey: KEY, clock: () => Date.parse('2026-11-02T09:00:00.000Z') });
  db = openDatabase(tempDir());
  engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault: new InMemoryVault() }) });
  cardId = createCard(db, 'Stamp results').id;
});

afterEach(async () => {
  await engine.stop();
  db.close();
  await sandbox.close();
});

async function connectPull(): Promise<number> {
  const c = await engine.connect({ cardId, kind: 'mailchimp', config: { baseUrl: sandbox.apiRoot, auth: 'api-key', audience: SANDBOX_AUDIENCE_ID }, secrets: { access_token: KEY } });
  engine.setDirection(c.id, 'pull');
  sandbox.admin.clearRequests();
  return c.id;
}

const seed = (n: number): void => {
  for (let i = 0; i < n; i++) sandbox.admin.addMember(`m${i}@example.com`, { FNAME: `F${i}`, LNAME: `L${i}` });
};
const calls = (route: string): number => sandbox.admin.requests().byRoute[route] ?? 0;
const contactOf = (email: string): number => listContacts(db, cardId).find((c) => c.emails[0]?.value === email)!.id;
/** the Sync log's records for this connection that talk about Ferry's ID */
const stampEvents = (connectionId: number) => listEvents(db, { connectionId, query: 'Ferry\'s ID', limit: 100, offset: 0 }).items;

describe('Mailchimp stamp batches are read back on the next pull', () => {
  it('a stamp Mailchimp refused shows in the Sync log on that contact after the next pull, in Mailchimp\'s words; the batch is then forgotten', async () => {
    seed(20);
    sandbox.admin.rejectEmails(/^m7@/u);
    const id = await connectPull();
    expect(await engine.pullNow(id)).toMatchObject({ state: 'succeeded', created: 20 });
    // the pull that stamped did not wait for the batch nor read it
    expect(calls(STATUS_ROUTE)).toBe(0);
    expect(stampEvents(id)).toHaveLength(0);

    sandbox.admin.clearRequests();
    const next = await engine.pullNow(id);
    expect(next).toMatchObject({ state: 'succeeded', error: 'Mailchimp did not take Ferry\'s ID for 1 member: see the log.' });
    // one status call, one archive download (from the storage host, without the API key: S3 would answer 400)
    expect(calls(STATUS_ROUTE)).toBe(1);
    expect(calls(ARCHIVE_ROUTE)).toBe(1);
    const events = stampEvents(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      contactId: contactOf('m7@example.com'),
      outcome: 'failed',
      externalId: sandbox.admin.member('m7@example.com')!.contact_id,
      runId: next.runId,
    });
    expect(events[0]!.message).toContain('Mailchimp did not take Ferry\'s ID for this member: m7@example.com looks fake or invalid, please enter a real email address.');
    // the member stays linked: only the stamp failed
    expect(db.prepare('SELECT COUNT(*) FROM sync_links WHERE connection_id = ?').pluck().get(id)).toBe(20);

    // read once: the pull after asks Mailchimp nothing about it and logs nothing more
    sandbox.admin.clearRequests();
    expect((await engine.pullNow(id)).state).toBe('succeeded');
    expect(calls(STATUS_ROUTE)).toBe(0);
    expect(calls(ARCHIVE_ROUTE)).toBe(0);
    expect(stampEvents(id)).toHaveLength(1);
  });

  it('the pull after a first pull of 2,500 members asks about its 5 batches once each and downloads only the one with a refusal', { timeout: 60_000 }, async () => {
    seed(2_500);
    sandbox.admin.rejectEmails(/^m1234@/u);
    const id = await connectPull();
    expect(await engine.pullNow(id)).toMatchObject({ state: 'succeeded', created: 2_500 });
    expect(calls('POST /3.0/batches')).toBe(5);

    sandbox.admin.clearRequests();
    await engine.pullNow(id);
    expect(calls(STATUS_ROUTE)).toBe(5);
    expect(calls(ARCHIVE_ROUTE)).toBe(1);
    expect(stampEvents(id).map((e) => e.contactId)).toEqual([contactOf('m1234@example.com')]);
  });

  it('a batch Mailchimp ran without a refusal logs nothing and is forgotten after one status call', async () => {
    seed(30);
    const id = await connectPull();
    expect(await engine.pullNow(id)).toMatchObject({ state: 'succeeded', created: 30 });

    sandbox.admin.clearRequests();
    const next = await engine.pullNow(id);
    expect(next).toMatchObject({ state: 'succeeded', error: null });
    expect(calls(STATUS_ROUTE)).toBe(1);
    // no errored operations: the archive is not fetched
    expect(calls(ARCHIVE_ROUTE)).toBe(0);
    expect(stampEvents(id)).toHaveLength(0);

    sandbox.admin.clearRequests();
    await engine.pullNow(id);
    expect(calls(STATUS_ROUTE)).toBe(0);
  });

  it('a batch still in Mailchimp\'s queue is asked about once per pull and read when it has run', async () => {
    seed(12);
    sandbox.admin.rejectEmails(/^m3@/u);
    sandbox.admin.holdBatches(true);
    const id = await connectPull();
    await engine.pullNow(id);

    sandbox.admin.clearRequests();
    expect(await engine.pullNow(id)).toMatchObject({ state: 'succeeded', error: null });
    expect(calls(STATUS_ROUTE)).toBe(1);
    expect(stampEvents(id)).toHaveLength(0);

    expect(sandbox.admin.runBatches()).toBe(1);
    sandbox.admin.clearRequests();
    await engine.pullNow(id);
    expect(calls(STATUS_ROUTE)).toBe(1);
    expect(stampEvents(id).map((e) => e.contactId)).toEqual([contactOf('m3@example.com')]);
  });

  it('a batch Mailchimp no longer knows (404) is dropped with one line on the pull, never asked about again', async () => {
    seed(10);
    sandbox.admin.holdBatches(true);
    const id = await connectPull();
    await engine.pullNow(id);
    const [batch] = sandbox.admin.batches();
    expect(sandbox.admin.forgetBatch(batch!.id)).toBe(true);

    sandbox.admin.clearRequests();
    const next = await engine.pullNow(id);
    expect(next.state).toBe('succeeded');
    expect(calls(STATUS_ROUTE)).toBe(1);
    expect(next.error).toBe('Ferry could not learn whether Mailchimp took Ferry\'s ID on 10 members: Mailchimp no longer has that batch of stamps.');
    expect(getRun(db, next.runId!)?.error).toBe(next.error);
    expect(stampEvents(id)).toHaveLength(0);

    sandbox.admin.clearRequests();
    expect(await engine.pullNow(id)).toMatchObject({ state: 'succeeded', error: null });
    expect(calls(STATUS_ROUTE)).toBe(0);
  });

  it('a finished batch whose results Mailchimp no longer keeps is dropped with one line', async () => {
    seed(10);
    sandbox.admin.rejectEmails(/^m1@/u);
    const id = await connectPull();
    await engine.pullNow(id);
    const [batch] = sandbox.admin.batches();
    expect(sandbox.admin.dropBatchResults(batch!.id)).toBe(true);

    sandbox.admin.clearRequests();
    const next = await engine.pullNow(id);
    expect(calls(ARCHIVE_ROUTE)).toBe(1);
    expect(next).toMatchObject({ state: 'succeeded', error: 'Ferry could not learn whether Mailchimp took Ferry\'s ID on 10 members: Mailchimp no longer keeps the results of that batch of stamps.' });
    sandbox.admin.clearRequests();
    await engine.pullNow(id);
    expect(calls(STATUS_ROUTE)).toBe(0);
  });

  it('a batch Ferry sent more than a week ago is given up without asking, with one line', async () => {
    seed(5);
    const id = await connectPull();
    await engine.pullNow(id);
    expect(countStampJobs(db, id)).toBe(1);
    // a data folder left closed for eight days with a batch still unread (the pull's own one is read at once below)
    rememberStampJobs(db, id, [{ id: 'f0e1d2c3b4', records: 5 }], Date.now() - 8 * 24 * 60 * 60_000);

    sandbox.admin.clearRequests();
    const next = await engine.pullNow(id);
    expect(next.error).toBe('Ferry could not learn whether Mailchimp took Ferry\'s ID on 5 members: a week after Ferry sent that batch of stamps, Mailchimp had still not given its outcome.');
    // only the recent batch was asked about
    expect(calls(STATUS_ROUTE)).toBe(1);
    expect(countStampJobs(db, id)).toBe(0);
  });

  it('a read-back Mailchimp fails (503) does not fail the pull; the batch is read on the pull after', async () => {
    seed(10);
    sandbox.admin.rejectEmails(/^m2@/u);
    const id = await connectPull();
    await engine.pullNow(id);

    sandbox.admin.injectFault({ kind: 'status', status: 503, pathPrefix: '/3.0/batches/', count: 1 });
    sandbox.admin.clearRequests();
    expect(await engine.pullNow(id)).toMatchObject({ state: 'succeeded', error: null });
    // one try, no retry loop: the pull goes on to read members
    expect(calls(STATUS_ROUTE)).toBe(1);
    expect(stampEvents(id)).toHaveLength(0);

    await engine.pullNow(id);
    expect(stampEvents(id).map((e) => e.contactId)).toEqual([contactOf('m2@example.com')]);
  });
});
