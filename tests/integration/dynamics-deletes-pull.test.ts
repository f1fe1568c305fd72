/**
 * CRM→Ferry deletes from Dynamics 365 on pull, against the Dataverse sandbox's change
 * tracking (`Prefer: odata.track-changes`, delta links, `$deletedEntity` entries, as
 * Microsoft documents them) with real SQLite: off by default (no tracked read), opt-in
 * to delete or tag, a deactivated contact is not a delete, each pull asks from the delta
 * link the last one kept (no full re-read), an expired link starts over with a line in
 * the Sync log, and with "Track changes" off a sentence says what to switch on, nothing
 * is deleted and nothing loops.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createDynamicsConnector } from '../../main/crm/dynamics/connector';
import { DELETES_PAGE_SIZE, NOT_TRACKED_SENTENCE } from '../../main/crm/dynamics/deleted-records';
import { SyncError, type PullContext, type PushContext } from '../../main/sync/connector';
import { fromCrmDeleteSentence, setFromCrmDeleteMode } from '../../main/forget/delete-setting';
import { startDynamicsSandbox } from '../../main/sandbox/dynamics/index';
import { requireConnection } from '../../main/store/connections';
import { getContact, listContacts } from '../../main/store/contacts';
import { countOutbox } from '../../main/store/outbox';
import { readSettingValue, writeSettingValue } from '../../main/store/settings';
import { deletesOnPullHarness } from '../support/deletes-on-pull';

const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOi.dynamics-deletes-token';
const DAY = 86_400_000;
/** the environment's clock, moved by the tests (a delta link expires on it) */
let orgNow = Date.now();
const h = deletesOnPullHarness(() => {
  orgNow = Date.now();
  return startDynamicsSandbox({ port: 0, token: TOKEN, ferryIdPrefix: 'cr8f2', clock: () => orgNow });
});

const api = (path: string, prefer?: string): Promise<Response> =>
  fetch(path.startsWith('http') ? path : `${h.sandbox.url}/api/data/v9.2/${path}`, { headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/json', ...(prefer ? { prefer } : {}) } });
const byEmail = (email: string) => listContacts(h.db, h.cardId).find((c) => c.emails[0]?.value === email);
/** tracked requests Dataverse refused (Track changes off) */
const refusedTrackedReads = (): number => h.sandbox.admin.recentRequests().filter((r) => r.path.endsWith('/contacts') && r.status === 400).length;

/** Ada, Bob and Cy live in Dynamics 365; a pull-only connection pulled them into Ferry once. */
async function pulledOnce(mode: 'off' | 'delete' | 'tag' | null, tracking = true): Promise<{ id: number; ada: string; bob: string; cy: string }> {
  if (tracking) h.sandbox.admin.setChangeTracking(true);
  const ada = h.sandbox.admin.seedContact({ firstname: 'Ada', lastname: 'Lovelace', emailaddress1: 'ada@example.com' });
  const bob = h.sandbox.admin.seedContact({ firstname: 'Bob', lastname: 'Babbage', emailaddress1: 'bob@example.com' });
  const cy = h.sandbox.admin.seedContact({ firstname: 'Cy', lastname: 'Young', emailaddress1: 'cy@example.com' });
  const c = await h.engine.connect({ cardId: h.cardId, kind: 'dynamics', mode: 'manual', config: { baseUrl: h.sandbox.url }, secrets: { access_token: TOKEN } });
  h.engine.setDirection(c.id, 'pull');
  if (mode) setFromCrmDeleteMode(h.db, c.id, mode, Date.now());
  const first = await h.engine.pullNow(c.id);
  expect(first).toMatchObject({ state: 'succeeded', created: 3 });
  return { id: c.id, ada, bob, cy };
}

describe('the sandbox tracks changes as Dataverse does', () => {
  it('refuses a tracked read while "Track changes" is off, with ChangeTrackingNotEnabledForEntity', async () => {
    const answer = await api('contacts?$select=contactid', 'odata.track-changes');
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ error: { code: '0x80072491', message: 'Entity contact isn\'t enabled for change tracking.' } });
    // and it cannot be turned off once on
    h.sandbox.admin.setChangeTracking(true);
    expect(() => h.sandbox.admin.setChangeTracking(false)).toThrow(/cannot turn change tracking off/);
  });

  it('pages a first read to a delta link, then lists changed rows and $deletedEntity entries since it; refuses $filter; an old link expires', async () => {
    h.sandbox.admin.setChangeTracking(true);
    const ids = Array.from({ length: 5 }, (_, i) => h.sandbox.admin.seedContact({ lastname: `Row${i}` }));
    const pages: Array<Record<string, unknown>> = [];
    let next: string | undefined = `${h.sandbox.url}/api/data/v9.2/contacts?$select=contactid`;
    while (next) {
      const answer = await api(next, 'odata.track-changes,odata.maxpagesize=2');
      expect(answer.status).toBe(200);
      const page = await answer.json() as Record<string, unknown>;
      pages.push(page);
      next = page['@odata.nextLink'] as string | undefined;
    }
    expect(pages.map((p) => (p.value as unknown[]).length)).toEqual([2, 2, 1]);
    expect(pages.slice(0, 2).every((p) => p['@odata.deltaLink'] === undefined)).toBe(true);
    const deltaLink = pages[2]?.['@odata.deltaLink'] as string;
    expect(deltaLink).toMatch(/\?\$select=contactid&\$deltatoken=\d+%21\d\d%2F\d\d%2F\d{4}%20\d\d%3A\d\d%3A\d\d$/);

    h.sandbox.admin.deleteContact(ids[0]!);
    h.sandbox.admin.editContact(ids[1]!, { statecode: '1' });
    const delta = await (await api(deltaLink)).json() as { '@odata.context': string; value: Array<Record<string, unknown>>; '@odata.deltaLink': string };
    expect(delta['@odata.context']).toMatch(/\$metadata#contacts\(contactid\)\/\$delta$/);
    expect(delta.value).toEqual([
      expect.objectContaining({ contactid: ids[1] }),
      { '@odata.context': `${h.sandbox.url}/api/data/v9.2/$metadata#contacts/$deletedEntity`, id: ids[0], reason: 'deleted' },
    ]);
    // the next link lists nothing new
    expect((await (await api(delta['@odata.deltaLink'])).json() as { value: unknown[] }).value).toEqual([]);

    const filtered = await api('contacts?$select=contactid&$filter=statecode eq 0', 'odata.track-changes');
    expect(filtered.status).toBe(400);
    expect(((await filtered.json()) as { error: { message: string } }).error.message).toBe('The "$filter" query parameter isn\'t supported when Change Tracking is enabled.');

    orgNow += 8 * DAY;
    const expired = await api(delta['@odata.deltaLink']);
    expect(expired.status).toBe(400);
    expect(await expired.json()).toEqual({ error: { code: '0x80044352', message: 'Version stamp associated with the client has expired. Please perform a full sync.' } });
  });
});

describe('what reading deletes costs', () => {
  it('the first read takes every contact id once, ceil(contacts / 5,000) requests, to reach a delta link; a delta read after it is one request', async () => {
    h.sandbox.admin.setChangeTracking(true);
    const n = 2 * DELETES_PAGE_SIZE + 500;
    const ids = Array.from({ length: n }, (_, i) => h.sandbox.admin.seedContact({ lastname: `Row${i}` }));
    const connection = await h.engine.connect({ cardId: h.cardId, kind: 'dynamics', mode: 'manual', config: { baseUrl: h.sandbox.url }, secrets: { access_token: TOKEN } });
    const connector = createDynamicsConnector({ orgUrl: h.sandbox.url, accessToken: async () => TOKEN });
    let requests = 0;
    const paced: PushContext = { connection, beforeRequest: async () => {}, afterResponse: () => { requests++; }, signal: new AbortController().signal };
    const ctx: PullContext = { ...paced, search: paced };
    const first = await connector.deletedRecords!(ctx, {});
    expect(first.records).toEqual([]);
    expect(requests).toBe(Math.ceil(n / DELETES_PAGE_SIZE));
    requests = 0;
    h.sandbox.admin.deleteContact(ids[7]!);
    const delta = await connector.deletedRecords!(ctx, first.next!);
    expect(delta.records).toEqual([{ externalId: ids[7], deletedAt: null }]);
    expect(requests).toBe(1);
  });
});

describe('the links Ferry follows', () => {
  it('a next link to another host is refused: Ferry sends its requests, and the access token, only to the organisation', async () => {
    const elsewhere: string[] = [];
    const other = createServer((req, res) => { elsewhere.push(req.headers.authorization ?? ''); res.end('{}'); });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherUrl = `http://localhost:${(other.address() as AddressInfo).port}`;
    // an "organisation" whose first tracked page points its next link at another host
    const org = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ value: [], '@odata.nextLink': `${otherUrl}/api/data/v9.2/contacts?$skiptoken=x` }));
    });
    await new Promise<void>((resolve) => org.listen(0, '127.0.0.1', resolve));
    try {
      const connection = await h.engine.connect({ cardId: h.cardId, kind: 'dynamics', mode: 'manual', config: { baseUrl: h.sandbox.url }, secrets: { access_token: TOKEN } });
      const connector = createDynamicsConnector({ orgUrl: `http://127.0.0.1:${(org.address() as AddressInfo).port}`, accessToken: async () => TOKEN });
      const paced: PushContext = { connection, beforeRequest: async () => {}, afterResponse: () => {}, signal: new AbortController().signal };
      const read = connector.deletedRecords!({ ...paced, search: paced }, {});
      await expect(read).rejects.toBeInstanceOf(SyncError);
      await expect(read).rejects.toThrow('Dynamics 365 sent a link Ferry does not follow. Ferry will try again.');
      expect(elsewhere).toEqual([]);
    } finally {
      await new Promise((resolve) => other.close(resolve));
      await new Promise((resolve) => org.close(resolve));
    }
  });
});

describe('the links Ferry keeps', () => {
  it('a delta link naming another Web API version than Ferry asked with is kept as Dataverse gave it (links are opaque)', async () => {
    const org = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ value: [], '@odata.deltaLink': `http://127.0.0.1:${(org.address() as AddressInfo).port}/api/data/v9.1/contacts?$select=contactid&$deltatoken=919042%2108%2f22%2f2017%2008%3a10%3a44` }));
    });
    await new Promise<void>((resolve) => org.listen(0, '127.0.0.1', resolve));
    try {
      const connection = await h.engine.connect({ cardId: h.cardId, kind: 'dynamics', mode: 'manual', config: { baseUrl: h.sandbox.url }, secrets: { access_token: TOKEN } });
      const connector = createDynamicsConnector({ orgUrl: `http://127.0.0.1:${(org.address() as AddressInfo).port}`, accessToken: async () => TOKEN });
      const paced: PushContext = { connection, beforeRequest: async () => {}, afterResponse: () => {}, signal: new AbortController().signal };
      const read = await connector.deletedRecords!({ ...paced, search: paced }, {});
      expect(read.next).toMatchObject({ deltaLink: '/api/data/v9.1/contacts?$select=contactid&$deltatoken=919042%2108%2f22%2f2017%2008%3a10%3a44' });
    } finally {
      await new Promise((resolve) => org.close(resolve));
    }
  });
});

describe('contacts deleted in Dynamics 365 reaching Ferry on pull', () => {
  it('off (the default): Ferry does not look, so a pull makes no tracked read and the contact stays', async () => {
    const { id } = await pulledOnce(null);
    h.sandbox.admin.deleteContact(h.sandbox.admin.contacts().find((c) => c.fields.emailaddress1 === 'ada@example.com')!.contactid);
    const pulled = await h.engine.pullNow(id);
    expect(pulled).toMatchObject({ state: 'succeeded', error: null });
    expect(byEmail('ada@example.com')?.deletedAt).toBeNull();
    expect(h.sandbox.admin.changeTrackingReads()).toEqual({ initial: 0, delta: 0 });
  });

  it('delete: the next pull deletes the contact in Ferry; a deactivated contact is not a delete; each pull asks from the delta link, not from the start', async () => {
    const { id, ada, bob } = await pulledOnce('delete');
    const connection = requireConnection(h.db, id);
    expect(fromCrmDeleteSentence(connection)).toBe('Contacts deleted in Dynamics 365 are deleted in Ferry too; Restore brings them back, and one with changes not sent yet is tagged instead.'
      + ' Dynamics 365 lists them only while an admin has change tracking on for contacts (a pull says where if it is off).');
    // the first pull after opting in read every contact id once, to reach a delta link
    expect(h.sandbox.admin.changeTrackingReads()).toEqual({ initial: 1, delta: 0 });
    expect(readSettingValue(h.db, `pull.deletes-position.${id}`)).toMatchObject({ deltaLink: expect.stringContaining('$deltatoken=') });

    const adaContact = byEmail('ada@example.com')!.id;
    const bobContact = byEmail('bob@example.com')!.id;
    h.sandbox.admin.deleteContact(ada);
    h.sandbox.admin.editContact(bob, { statecode: '1' });
    const pulled = await h.engine.pullNow(id);
    expect(pulled).toMatchObject({ state: 'succeeded', error: '1 contact was deleted in Dynamics 365: see the log.' });
    expect(getContact(h.db, adaContact)?.deletedAt).not.toBeNull();
    expect(h.events(adaContact)).toContain('Deleted in Dynamics 365, so deleted in Ferry too (Restore brings it back).');
    expect(getContact(h.db, bobContact)?.deletedAt).toBeNull();
    expect(countOutbox(h.db, id).pending).toBe(0);
    expect(h.sandbox.admin.changeTrackingReads()).toEqual({ initial: 1, delta: 1 });

    // nothing changed: one delta read, nothing deleted, no full re-read
    const again = await h.engine.pullNow(id);
    expect(again).toMatchObject({ state: 'succeeded', error: null });
    expect(h.sandbox.admin.changeTrackingReads()).toEqual({ initial: 1, delta: 2 });
  });

  it('tag: the contact stays in Ferry, tagged "Deleted in Dynamics 365"', async () => {
    const { id, cy } = await pulledOnce('tag');
    const cyContact = byEmail('cy@example.com')!.id;
    h.sandbox.admin.deleteContact(cy);
    await h.engine.pullNow(id);
    expect(getContact(h.db, cyContact)).toMatchObject({ deletedAt: null, tags: ['Deleted in Dynamics 365'] });
  });

  it('a delta link older than the organisation keeps changes: the pull starts over, says deletes meanwhile may be missing, and reads later deletes again', async () => {
    const { id, ada, bob } = await pulledOnce('delete');
    const adaContact = byEmail('ada@example.com')!.id;
    const bobContact = byEmail('bob@example.com')!.id;
    orgNow += 8 * DAY;
    h.sandbox.admin.deleteContact(ada);
    const pulled = await h.engine.pullNow(id);
    expect(pulled.state).toBe('succeeded');
    expect(pulled.error).toMatch(/^Dynamics 365 keeps its list of changes for a number of days its admin sets \(7 by default\) and Ferry last read them on \d{4}-\d\d-\d\d: a contact deleted in Dynamics 365 before today may still be in Ferry\./);
    // Ada's delete fell in the gap: she stays, as the sentence says
    expect(getContact(h.db, adaContact)?.deletedAt).toBeNull();
    // the delta read was refused as expired (0x80044352), then one first read reached a new link
    expect(h.sandbox.admin.recentRequests().filter((r) => r.path.endsWith('/contacts') && r.status === 400)).toHaveLength(1);
    expect(h.sandbox.admin.changeTrackingReads()).toEqual({ initial: 2, delta: 0 });

    h.sandbox.admin.deleteContact(bob);
    const after = await h.engine.pullNow(id);
    expect(after).toMatchObject({ state: 'succeeded', error: '1 contact was deleted in Dynamics 365: see the log.' });
    expect(getContact(h.db, bobContact)?.deletedAt).not.toBeNull();
  });

  it('a kept link the organisation no longer takes (not an expiry) starts over too, with its own line, instead of failing every pull', async () => {
    const { id } = await pulledOnce('delete');
    writeSettingValue(h.db, `pull.deletes-position.${id}`, { deltaLink: '/api/data/v9.2/contacts?$select=contactid&$deltatoken=not-a-token' });
    const pulled = await h.engine.pullNow(id);
    expect(pulled).toMatchObject({ state: 'succeeded', error: expect.stringMatching(/^Dynamics 365 no longer took Ferry's place in its list of changes, so Ferry read it from the start/) });
    expect(readSettingValue(h.db, `pull.deletes-position.${id}`)).toMatchObject({ deltaLink: expect.stringMatching(/deltatoken=\d+%21/) });
    expect((await h.engine.pullNow(id)).error).toBeNull();
  });

  it('"Track changes" off: the pull says what to switch on, deletes nothing, keeps no position and asks once per pull; once on, deletes arrive', async () => {
    const { id, ada } = await pulledOnce('delete', false);
    expect(refusedTrackedReads()).toBe(1);
    const adaContact = byEmail('ada@example.com')!.id;
    h.sandbox.admin.deleteContact(ada);
    const pulled = await h.engine.pullNow(id);
    expect(pulled).toMatchObject({ state: 'succeeded', error: NOT_TRACKED_SENTENCE });
    expect(NOT_TRACKED_SENTENCE).toContain('Settings → Customizations → Customize the System → Entities → Contact → "Change Tracking"');
    expect(getContact(h.db, adaContact)?.deletedAt).toBeNull();
    expect(refusedTrackedReads()).toBe(2);
    expect(readSettingValue(h.db, `pull.deletes-position.${id}`)).toBeUndefined();

    // an admin turns it on: the next pull reaches a delta link, the one after sees deletes
    h.sandbox.admin.setChangeTracking(true);
    expect((await h.engine.pullNow(id)).error).toBeNull();
    const bob = h.sandbox.admin.contacts().find((c) => c.fields.emailaddress1 === 'bob@example.com')!.contactid;
    h.sandbox.admin.deleteContact(bob);
    await h.engine.pullNow(id);
    expect(byEmail('bob@example.com')).toBeUndefined();
  });
});
