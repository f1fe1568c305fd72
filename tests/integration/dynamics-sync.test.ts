import { describe, expect, it } from 'vitest';
import { createContact, listContacts, updateContact } from '../../main/store/contacts';
import { requireConnection } from '../../main/store/connections';
import { listEvents } from '../../main/store/sync-log';
import { seedSampleContacts } from '../support/sample-contacts';
import { dynamicsHarness } from './dynamics-harness';

const ctx = { region: 'US' };
const BATCH = 'POST /api/data/:version/$batch';

describe('Dynamics 365 (Dataverse sandbox): connect, push, edit, re-sync', () => {
  it('connecting finds the publisher prefix, creates the Ferry ID column and its alternate key, and learns the organisation id', async () => {
    const h = await dynamicsHarness();
    const connection = await h.connect();
    expect(h.sandbox.admin.snapshot().keys).toEqual([{ column: 'cr8f2_ferryid', status: 'Active' }]);
    expect(connection.config.account).toBe('0c3e1f5a-7b2d-4e6f-8a90-00000000b001');
  });

  it('uses a Ferry ID column that is already there, whatever its prefix, and creates nothing', async () => {
    const h = await dynamicsHarness({ ferryIdPrefix: 'new' });
    const connection = await h.connect();
    expect(h.sandbox.admin.requests().byRoute['POST /api/data/:version/:entity/Attributes']).toBeUndefined();
    const c = createContact(h.db, h.cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }] }, ctx);
    await h.engine.syncNow(connection.id);
    expect(h.sandbox.admin.contacts()[0]?.fields.new_ferryid).toBe(c.uid);
  });

  it('without customizer privileges, says in a sentence what an admin must add', async () => {
    const h = await dynamicsHarness({ canCustomize: false });
    await expect(h.connect()).rejects.toThrow(/Ask a Dynamics 365 admin.*Tables → Contact.*Ferry ID.*Keys/);
  });

  it('pushes 10,000 contacts in $batch requests of 200, updates an edit in place, and a re-sync with no changes makes no call', { timeout: 120_000 }, async () => {
    const h = await dynamicsHarness();
    const connection = await h.connect();
    seedSampleContacts(h.db, h.cardId, 10_000);
    const before = h.sandbox.admin.requests().total;
    const first = await h.engine.syncNow(connection.id);
    expect(first.error).toBeNull();
    expect(first).toMatchObject({ state: 'succeeded', created: 10_000, quarantined: 0 });
    expect(h.sandbox.admin.contacts()).toHaveLength(10_000);
    const requests = h.sandbox.admin.requests();
    expect(requests.byRoute[BATCH]).toBe(50);
    // calls per contact on the first push, the prepare's metadata reads included
    expect((requests.total - before) / 10_000).toBeLessThanOrEqual(0.0055);

    const someone = listContacts(h.db, h.cardId)[4_321]!;
    updateContact(h.db, someone.id, { title: 'Chief Engineer' }, ctx);
    const edit = await h.engine.syncNow(connection.id);
    expect(edit).toMatchObject({ created: 0, updated: 1, apiCalls: 1 });
    expect(h.sandbox.admin.contacts()).toHaveLength(10_000);
    expect(h.sandbox.admin.contacts().filter((r) => r.fields.cr8f2_ferryid === someone.uid).map((r) => r.fields.jobtitle)).toEqual(['Chief Engineer']);

    const total = h.sandbox.admin.requests().total;
    const again = await h.engine.syncNow(connection.id);
    expect(again).toMatchObject({ state: 'nothing_to_send', apiCalls: 0 });
    expect(h.sandbox.admin.requests().total).toBe(total);
  });

  it('clearing a value in Ferry clears it in Dynamics 365; company and tags land in the Description block', async () => {
    const h = await dynamicsHarness();
    const connection = await h.connect();
    const c = createContact(h.db, h.cardId, { firstName: 'Grace', lastName: 'Hopper', title: 'Admiral', company: 'Navy', tags: ['cobol'], emails: [{ value: 'Grace@Navy.example' }] }, ctx);
    await h.engine.syncNow(connection.id);
    expect(h.sandbox.admin.contacts()[0]?.fields).toMatchObject({ emailaddress1: 'grace@navy.example', jobtitle: 'Admiral', description: 'From Ferry\nCompany: Navy\nTags: cobol' });
    updateContact(h.db, c.id, { title: '' }, ctx);
    await h.engine.syncNow(connection.id);
    expect(h.sandbox.admin.contacts()[0]?.fields.jobtitle).toBeNull();
    const [event] = listEvents(h.db, { connectionId: connection.id, limit: 1, offset: 0 }).items;
    expect(event).toMatchObject({ outcome: 'updated' });
  });
});

describe('Dynamics 365 faults', () => {
  it('429 from service protection: waits the Retry-After it was given and finishes', async () => {
    const h = await dynamicsHarness();
    const connection = await h.connect();
    seedSampleContacts(h.db, h.cardId, 50);
    h.sandbox.admin.setInjectedRetryAfter(7);
    h.sandbox.admin.injectFault({ kind: 'status', status: 429, count: 2, pathPrefix: '/api/data/v9.2/$batch' });
    const run = await h.engine.syncNow(connection.id);
    expect(run).toMatchObject({ state: 'succeeded', created: 50 });
    expect(h.sandbox.admin.requests().rateLimited).toBe(2);
    expect(h.sandbox.admin.contacts()).toHaveLength(50);
  });

  it('a real request-limit refusal carries the documented code and a Retry-After', async () => {
    const h = await dynamicsHarness({ limits: { requests: 3 } });
    const call = () => fetch(`${h.sandbox.url}/api/data/v9.2/WhoAmI`, { headers: { authorization: 'Bearer eyJ0eXAiOiJKV1QiLCJhbGciOi.dynamics-test-token' } });
    for (let i = 0; i < 3; i++) expect((await call()).status).toBe(200);
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: '0x80072322' } });
  });

  it('5xx: retried with backoff, nothing lost', async () => {
    const h = await dynamicsHarness();
    const connection = await h.connect();
    seedSampleContacts(h.db, h.cardId, 20);
    h.sandbox.admin.injectFault({ kind: 'status', status: 503, count: 3, pathPrefix: '/api/data/v9.2/$batch' });
    const run = await h.engine.syncNow(connection.id);
    expect(run).toMatchObject({ state: 'succeeded', created: 20 });
    expect(h.sandbox.admin.contacts()).toHaveLength(20);
  });

  it('an expired token pauses the connection as needs reauthorization and keeps every change', async () => {
    const h = await dynamicsHarness();
    const connection = await h.connect();
    seedSampleContacts(h.db, h.cardId, 20);
    h.sandbox.admin.expireTokens();
    const run = await h.engine.syncNow(connection.id);
    expect(run.created).toBe(0);
    expect(requireConnection(h.db, connection.id)).toMatchObject({ status: 'needs_reauth' });
    expect(requireConnection(h.db, connection.id).lastError).toMatch(/Reconnect Dynamics 365/);
    expect(h.sandbox.admin.contacts()).toHaveLength(0);
  });

  it('a contact Dataverse refuses is set aside with Dataverse\'s own words; the rest of its batch goes through', async () => {
    const h = await dynamicsHarness();
    const connection = await h.connect();
    h.sandbox.admin.addRejectRule('jobtitle', '^CEO$', 'Contacts with the title CEO are managed by the board team.');
    createContact(h.db, h.cardId, { firstName: 'Boss', lastName: 'One', title: 'CEO' }, ctx);
    createContact(h.db, h.cardId, { firstName: 'Long', lastName: 'Name', title: 'x'.repeat(101) }, ctx);
    seedSampleContacts(h.db, h.cardId, 10);
    const run = await h.engine.syncNow(connection.id);
    expect(run).toMatchObject({ created: 10, quarantined: 2 });
    const failed = listEvents(h.db, { connectionId: connection.id, limit: 50, offset: 0 }).items.filter((e) => e.outcome === 'quarantined');
    expect(failed.map((e) => e.message).sort()).toEqual([
      expect.stringMatching(/at most 100 characters in jobtitle.*exceeded the maximum allowed length of '100'/),
      'Dynamics 365 did not accept this contact: Contacts with the title CEO are managed by the board team.',
    ]);
  });
});
