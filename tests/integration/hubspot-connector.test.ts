import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../preload/schemas/contact';
import { createHubSpotConnector, type HubSpotConnector } from '../../main/crm/hubspot/connector';
import { MAX_NOTE_BODY_CHARS } from '../../main/crm/hubspot/mapping';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../main/sandbox/hubspot';
import type { Connection } from '../../main/store/connections';
import type { PushContext, PushItem, PushResult } from '../../main/sync/connector';
import { syncError } from '../support/sync-error';
import { EMPTY_MAPPING } from '../../preload/schemas/mapping';

const TOKEN = 'pat-na1-ferry-connector-test';

const connection: Connection = {
  id: 1, cardId: 1, kind: 'hubspot', label: 'HubSpot', status: 'connected', mode: 'manual', intervalMinutes: null, direction: 'push',
  config: {}, mapping: EMPTY_MAPPING, lastSuccessAt: null, lastError: null, lastErrorDetail: null, createdAt: 0, updatedAt: 0, disconnectedAt: null,
};

let sandbox: HubSpotSandbox;
let hs: HubSpotConnector;
let calls: { before: number; after: Array<{ status: number; remaining?: number; limit?: number; intervalMs?: number }> };
let ctx: PushContext;

beforeEach(async () => {
  sandbox = await startHubSpotSandbox({ port: 0, token: TOKEN });
  hs = createHubSpotConnector({ accessToken: async () => TOKEN, basePath: sandbox.url, fetchTimeoutMs: 5_000 });
  calls = { before: 0, after: [] };
  ctx = {
    connection,
    beforeRequest: async () => { calls.before += 1; },
    afterResponse: (info) => { calls.after.push(info); },
    signal: new AbortController().signal,
  };
});
afterEach(async () => { await sandbox.close(); });

let nextId = 1;
function contact(over: Partial<Contact> = {}): Contact {
  const id = nextId++;
  return {
    id, uid: `uid-${id}-${Math.random().toString(36).slice(2, 8)}`, cardId: 1,
    firstName: `First${id}`, lastName: 'Test', emails: [{ value: `person${id}@example.com` }], phones: [],
    company: 'Acme', title: '', website: '', addresses: [], notes: '', tags: [], customFields: {},
    meeting: { at: null, place: '', event: '', notes: '' }, source: 'manual', hasAvatar: false, hasLogo: false,
    createdAt: 0, updatedAt: 0, deletedAt: null, version: 1, ...over,
  };
}

/** What the engine keeps per link between pushes. */
interface Link { externalId: string | null; payload: Record<string, string | null>; aux: Record<string, string> }

function item(c: Contact, link?: Link): PushItem {
  return {
    contactId: c.id, contactVersion: c.version, uid: c.uid, externalId: link?.externalId ?? null,
    payload: hs.map(c, connection), previousPayload: link?.payload ?? {}, aux: link?.aux ?? {}, contact: c,
  };
}

function linkOf(i: PushItem, r: PushResult | undefined): Link {
  if (!r || (r.outcome !== 'created' && r.outcome !== 'updated')) throw new Error(`not written: ${JSON.stringify(r)}`);
  return { externalId: r.externalId, payload: i.payload, aux: r.aux ?? {} };
}


describe('HubSpot connector against the sandbox', () => {
  it('creates the Ferry properties on prepare, ferry_id unique', async () => {
    await hs.prepare(ctx);
    const res = await fetch(`${sandbox.url}/crm/v3/properties/contacts`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const { results } = (await res.json()) as { results: Array<{ name: string; hasUniqueValue?: boolean }> };
    const names = new Set(results.map((p) => p.name));
    for (const n of ['ferry_id', 'ferry_tags', 'ferry_met_at', 'ferry_met_where', 'ferry_met_event', 'ferry_meeting_notes', 'ferry_other_emails']) expect(names.has(n), n).toBe(true);
    expect(results.find((p) => p.name === 'ferry_id')?.hasUniqueValue).toBe(true);
    // a second prepare (another process) creates nothing twice and does not fail
    await createHubSpotConnector({ accessToken: async () => TOKEN, basePath: sandbox.url }).prepare(ctx);
  });

  it('creates, then updates the same records without duplicates, pacing every request', async () => {
    await hs.prepare(ctx);
    const people = [contact(), contact({ customFields: { 'Shoe Size': '38' }, tags: ['vip', 'expo'] })];
    const first = people.map((c) => item(c));
    const created = await hs.push(first, ctx);
    expect(created.map((r) => r.outcome)).toEqual(['created', 'created']);

    const renamed = { ...people[0]!, firstName: 'Renamed', company: '' };
    const second = [item(renamed, linkOf(first[0]!, created[0])), item(people[1]!, linkOf(first[1]!, created[1]))];
    const updated = await hs.push(second, ctx);
    expect(updated.map((r) => r.outcome)).toEqual(['updated', 'updated']);
    expect(updated.map((r) => (r.outcome === 'updated' ? r.externalId : null))).toEqual(created.map((r) => (r.outcome === 'created' ? r.externalId : null)));

    const records = sandbox.admin.contacts();
    expect(records).toHaveLength(2);
    const ada = sandbox.admin.contactByEmail(people[0]!.emails[0]!.value);
    expect(ada?.properties.firstname).toBe('Renamed');
    expect(ada?.properties.company ?? '').toBe('');
    const other = sandbox.admin.contactByEmail(people[1]!.emails[0]!.value);
    expect(other?.properties.ferry_cf_shoe_size).toBe('38');
    expect(other?.properties.ferry_tags).toBe('vip; expo');
    expect(calls.before).toBe(calls.after.length);
    expect(calls.after.some((a) => a.limit === 100 && a.intervalMs === 10_000 && typeof a.remaining === 'number')).toBe(true);
  });

  it('keys contacts without an e-mail on ferry_id, and follows an e-mail change to the same record', async () => {
    const noEmail = contact({ emails: [] });
    const i1 = item(noEmail);
    const [r1] = await hs.push([i1], ctx);
    expect(r1?.outcome).toBe('created');
    const [again] = await hs.push([item(noEmail)], ctx); // e.g. a crash before the link was saved
    expect(again?.outcome).toBe('updated');

    const withEmail = { ...noEmail, emails: [{ value: 'found-later@example.com' }] };
    const [r2] = await hs.push([item(withEmail, linkOf(i1, r1))], ctx);
    expect(r2?.outcome).toBe('updated');
    expect(sandbox.admin.contacts()).toHaveLength(1);
    expect(sandbox.admin.contacts()[0]?.properties).toMatchObject({ email: 'found-later@example.com', ferry_id: noEmail.uid });
  });

  it('creates a note, then updates it in place instead of re-creating it', async () => {
    const c = contact({ notes: 'First meeting went well.' });
    const i1 = item(c);
    const [r1] = await hs.push([i1], ctx);
    const link1 = linkOf(i1, r1);
    expect(link1.aux.noteId).toBeTruthy();
    const [note] = sandbox.admin.notesForContact(link1.externalId!);
    expect(note?.properties.hs_note_body).toBe('First meeting went well.');

    const i2 = item({ ...c, notes: 'Second meeting: signed.' }, link1);
    const [r2] = await hs.push([i2], ctx);
    const link2 = linkOf(i2, r2);
    expect(link2.aux.noteId).toBe(link1.aux.noteId);
    const notes = sandbox.admin.notesForContact(link1.externalId!);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.properties.hs_note_body).toBe('Second meeting: signed.');

    // a very long note is cut, never an error
    const i3 = item({ ...c, notes: 'x'.repeat(100_000) }, link2);
    const [r3] = await hs.push([i3], ctx);
    expect(r3?.outcome).toBe('updated');
    expect(sandbox.admin.notes()[0]?.properties.hs_note_body?.length).toBeLessThanOrEqual(MAX_NOTE_BODY_CHARS);
  });

  it('rejects only the record with an invalid e-mail, in HubSpot words, and writes the rest', async () => {
    await hs.prepare(ctx);
    const good = Array.from({ length: 9 }, () => contact());
    const bad = contact({ emails: [{ value: 'bob@' }] });
    const batch = [...good.slice(0, 4), bad, ...good.slice(4)].map((c) => item(c));
    const before = sandbox.admin.requests().total;
    const results = await hs.push(batch, ctx);
    const rejected = results.filter((r) => r.outcome === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ contactId: bad.id, message: "HubSpot says the e-mail address 'bob@' is not valid." });
    expect(rejected[0]?.outcome === 'rejected' && rejected[0].crmError).toMatch(/bob@/);
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(9);
    expect(sandbox.admin.contacts()).toHaveLength(9);
    // one multi-status call: HubSpot named the record by its objectWriteTraceId and wrote the rest
    expect(sandbox.admin.requests().total - before).toBe(1);
  });

  it('isolates records HubSpot refuses without naming them, by bisecting', async () => {
    sandbox.admin.rejectEmails(/@blocked\.example$/);
    const batch = Array.from({ length: 8 }, (_, i) => contact({ emails: [{ value: i === 5 ? 'x@blocked.example' : `ok${i}-${Math.random()}@example.com` }] })).map((c) => item(c));
    const results = await hs.push(batch, ctx);
    expect(results.filter((r) => r.outcome === 'rejected').map((r) => r.contactId)).toEqual([batch[5]!.contactId]);
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(7);
  });

  it('turns a 429 into rate_limited with a wait', async () => {
    await hs.push([item(contact())], ctx);
    sandbox.admin.setRateLimit(1); // the window already holds more than one request
    const error = await syncError(hs.push([item(contact())], ctx));
    expect(error.kind).toBe('rate_limited');
    expect(error.details.retryAfterMs).toBeGreaterThanOrEqual(1_000);
    expect(error.details.retryAfterMs).toBeLessThanOrEqual(10_000);
  });

  it('turns a daily-limit 429 into daily_limit', async () => {
    await hs.push([item(contact())], ctx);
    sandbox.admin.setDailyLimit(1);
    expect((await syncError(hs.push([item(contact())], ctx))).kind).toBe('daily_limit');
  });

  it('turns a 503 into server, a dropped connection into network, and a stall into timeout', async () => {
    sandbox.admin.injectFault({ kind: 'status', status: 503, pathPrefix: '/crm/v3/objects/contacts' });
    expect((await syncError(hs.push([item(contact())], ctx))).kind).toBe('server');
    sandbox.admin.injectFault({ kind: 'status', status: 502, html: true, pathPrefix: '/crm/v3/objects/contacts' });
    expect((await syncError(hs.push([item(contact())], ctx))).kind).toBe('server');
    sandbox.admin.injectFault({ kind: 'drop', phase: 'before', pathPrefix: '/crm/v3/objects/contacts' });
    expect((await syncError(hs.push([item(contact())], ctx))).kind).toBe('network');
    const slow = createHubSpotConnector({ accessToken: async () => TOKEN, basePath: sandbox.url, fetchTimeoutMs: 200 });
    sandbox.admin.injectFault({ kind: 'latency', ms: 1_000, pathPrefix: '/crm/v3/objects/contacts' });
    expect((await syncError(slow.push([item(contact())], ctx))).kind).toBe('timeout');
    // every paced request is reported back, answered or not, so the limiter frees its slot
    expect(calls.before).toBe(calls.after.length);
    expect(calls.after.filter((a) => a.status === 0)).toHaveLength(2);
  });

  it('reports an unreachable server as network', async () => {
    const closed = createHubSpotConnector({ accessToken: async () => TOKEN, basePath: 'http://127.0.0.1:9' });
    expect((await syncError(closed.push([item(contact())], ctx))).kind).toBe('network');
  });

  it('turns a bad token into auth, and never puts the token in the error', async () => {
    const secret = 'pat-na1-this-token-is-wrong-123456';
    const bad = createHubSpotConnector({ accessToken: async () => secret, basePath: sandbox.url });
    const error = await syncError(bad.push([item(contact())], ctx));
    expect(error.kind).toBe('auth');
    expect(JSON.stringify({ m: error.message, d: error.details, s: error.stack })).not.toContain(secret);
  });

  it('picks up a refreshed token at once', async () => {
    let current = 'pat-na1-old-token-000000';
    const refreshing = createHubSpotConnector({ accessToken: async () => current, basePath: sandbox.url });
    expect((await syncError(refreshing.push([item(contact())], ctx))).kind).toBe('auth');
    current = TOKEN;
    expect((await refreshing.push([item(contact())], ctx))[0]?.outcome).toBe('created');
  });

  it('names the missing scope on a 403', async () => {
    const readOnly = 'pat-na1-read-only-token-0000';
    sandbox.admin.registerToken({ token: readOnly, scopes: ['crm.objects.contacts.read', 'crm.schemas.contacts.read'] });
    const limited = createHubSpotConnector({ accessToken: async () => readOnly, basePath: sandbox.url });
    const error = await syncError(limited.prepare(ctx));
    expect(error.kind).toBe('permission');
    expect(error.details.scope).toContain('crm.schemas.contacts.write');
    expect(error.message).toContain('crm.schemas.contacts.write');
  });

  it('creates a property for a new custom field before sending it', async () => {
    await hs.prepare(ctx);
    const c = contact({ customFields: { 'Badge Number': 'B-77' } });
    const [r] = await hs.push([item(c)], ctx);
    expect(r?.outcome).toBe('created');
    expect(sandbox.admin.contactByEmail(c.emails[0]!.value)?.properties.ferry_cf_badge_number).toBe('B-77');
  });

  it('updates the record an earlier push created without an e-mail, once the contact has one but no link', async () => {
    const c = contact({ emails: [] });
    await hs.push([item(c)], ctx); // created on ferry_id; say the link was never saved
    const [r] = await hs.push([item({ ...c, emails: [{ value: 'later@example.com' }] })], ctx);
    expect(r?.outcome).toBe('updated');
    expect(sandbox.admin.contacts()).toHaveLength(1);
    expect(sandbox.admin.contacts()[0]?.properties.email).toBe('later@example.com');
  });

  it('reports a conflict when a changed e-mail belongs to another HubSpot contact', async () => {
    const a = contact();
    const b = contact();
    const ia = item(a);
    const [ra, rb] = await hs.push([ia, item(b)], ctx);
    const [r] = await hs.push([item({ ...a, emails: b.emails }, linkOf(ia, ra))], ctx);
    expect(r?.outcome).toBe('conflict');
    expect(r?.outcome === 'conflict' && r.candidates).toEqual([rb?.outcome === 'created' ? rb.externalId : '']);
    expect(r?.outcome === 'conflict' && r.message).toContain(b.emails[0]!.value);
  });

  it('sets aside the second of two contacts with the same e-mail in one batch', async () => {
    const a = contact({ emails: [{ value: 'twin@example.com' }] });
    const b = contact({ emails: [{ value: 'TWIN@example.com' }] });
    const results = await hs.push([item(a), item(b)], ctx);
    expect(results.map((r) => r.outcome)).toEqual(['created', 'rejected']);
    expect(results[1]?.outcome === 'rejected' && results[1].message).toMatch(/same e-mail address/);
    expect(sandbox.admin.contacts()).toHaveLength(1);
  });
});
