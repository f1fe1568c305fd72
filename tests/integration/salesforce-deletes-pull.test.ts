/**
 * CRM→Ferry deletes from Salesforce on pull, against the Salesforce sandbox's
 * "Get Deleted" (GET /sobjects/{SObject}/deleted/?start&end, as Salesforce answers
 * it) with real SQLite: off by default (no call), opt-in per connection to delete
 * (restorable) or tag, never a delete of a contact with changes not sent yet, no
 * effect for a record Ferry never linked, each pull reads only what is new, Leads
 * under routing, and a line in the Sync log when Salesforce no longer has every delete.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../main/sandbox/salesforce';
import { createCard } from '../../main/store/cards';
import { countContacts, createContact, getContact, restoreContact, updateContact } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';
import { countOutbox } from '../../main/store/outbox';
import { setFromCrmDeleteMode } from '../../main/forget/delete-setting';
import { readSettingValue, writeSettingValue } from '../../main/store/settings';
import { saveMapping } from '../../main/mapping/save';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import { recordActionsFor } from '../../main/crm/record-actions';
import { mergeContacts } from '../../main/duplicates/merge-service';
import { tempDir } from '../support/temp-dir';

const TOKEN = '00DFe0000000001!deletes-pull-token';
const region = { region: 'US' };
/**
 * The org's clock runs five minutes behind this machine's. Get Deleted ignores
 * seconds and covers up to the org's own now, so a record deleted in the current
 * minute is seen by the pull after; behind, every delete made before a pull is in it.
 */
const ORG_LAG_MS = 5 * 60_000;
let sandbox: SalesforceSandbox;
let db: Db;
let engine: SyncEngine;
let registry: ConnectorRegistry;
let cardId: number;

beforeEach(async () => {
  sandbox = await startSalesforceSandbox({ port: 0, token: TOKEN, clock: () => Date.now() - ORG_LAG_MS });
  db = openDatabase(tempDir());
  registry = new ConnectorRegistry({ vault: new InMemoryVault() });
  engine = createSyncEngine({ db, connectors: registry });
  cardId = createCard(db, 'Deletes').id;
});

afterEach(async () => {
  await engine.stop();
  db.close();
  await sandbox.close();
});

/** Ada and Bob sent to Salesforce on a two-way connection and pulled once; then Salesforce deletes Ada's record. */
async function adaDeletedInSalesforce(mode: 'off' | 'delete' | 'tag' | null): Promise<{ id: number; ada: number; bob: number; record: string }> {
  const ada = createContact(db, cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }] }, region).id;
  const bob = createContact(db, cardId, { firstName: 'Bob', lastName: 'Babbage', emails: [{ value: 'bob@example.com' }] }, region).id;
  const c = await engine.connect({ cardId, kind: 'salesforce', config: { baseUrl: sandbox.url, object: 'Contact' }, secrets: { access_token: TOKEN } });
  engine.setDirection(c.id, 'two-way');
  if (mode) setFromCrmDeleteMode(db, c.id, mode, Date.now());
  await engine.syncNow(c.id);
  await engine.pullNow(c.id);
  const record = sandbox.admin.recordsByEmail('Contact', 'ada@example.com')[0]?.id ?? '';
  expect(sandbox.admin.deleteRecord(record)).toBe(true);
  return { id: c.id, ada, bob, record };
}

const events = (contactId: number): string[] =>
  db.prepare('SELECT message FROM sync_events WHERE contact_id = ? AND message IS NOT NULL ORDER BY id').pluck().all(contactId) as string[];
const deletedCalls = (): string[] => sandbox.admin.recentRequests().filter((r) => r.path.includes('/deleted')).map((r) => r.path);

describe('the sandbox answers Get Deleted as Salesforce does', () => {
  const get = async (object: string, query: string): Promise<{ status: number; body: Record<string, unknown> | Array<{ errorCode: string }> }> => {
    const response = await fetch(`${sandbox.url}/services/data/v62.0/sobjects/${object}/deleted/?${query}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    return { status: response.status, body: await response.json() as never };
  };
  const iso = (ms: number): string => encodeURIComponent(new Date(ms).toISOString());

  it('lists a deleted record with deletedDate, earliestDateAvailable and latestDateCovered, and refuses windows of a minute or less', async () => {
    const kept = sandbox.admin.seedRecord('Contact', { LastName: 'Kept' });
    const gone = sandbox.admin.seedRecord('Contact', { LastName: 'Gone' });
    sandbox.admin.deleteRecord(gone);
    const now = Date.now();
    const answer = await get('Contact', `start=${iso(now - 3_600_000)}&end=${iso(now)}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      deletedRecords: [{ id: gone, deletedDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/) }],
      earliestDateAvailable: expect.stringMatching(/\+0000$/),
      latestDateCovered: expect.stringMatching(/:00\.000\+0000$/),
    });
    expect(JSON.stringify(answer.body)).not.toContain(kept);
    // seconds are ignored, and start must precede end by more than one minute
    const short = await get('Contact', `start=${iso(now - 60_000)}&end=${iso(now)}`);
    expect(short.status).toBe(400);
    expect(short.body).toEqual([expect.objectContaining({ errorCode: 'INVALID_REPLICATION_DATE' })]);
    // a purge after start is refused the same way
    sandbox.admin.purgeDeleteLog(now - ORG_LAG_MS + 1);
    expect((await get('Contact', `start=${iso(now - 3_600_000)}&end=${iso(now)}`)).status).toBe(400);
  });
});

describe('deletes in Salesforce reaching Ferry on pull', () => {
  it('off (the default): Ferry does not look, so a pull makes no Get Deleted call and the contact stays', async () => {
    const { id, ada } = await adaDeletedInSalesforce(null);
    sandbox.admin.clearRequests();
    const pulled = await engine.pullNow(id);
    expect(pulled).toMatchObject({ state: 'succeeded', error: null });
    expect(getContact(db, ada)?.deletedAt).toBeNull();
    expect(deletedCalls()).toEqual([]);
  });

  it('delete: the contact is deleted in Ferry, the other stays, nothing is sent back, and Restore brings it back', async () => {
    const { id, ada, bob } = await adaDeletedInSalesforce('delete');
    const pulled = await engine.pullNow(id);
    expect(pulled.error).toBe('1 contact was deleted in Salesforce: see the log.');
    expect(getContact(db, ada)?.deletedAt).not.toBeNull();
    expect(getContact(db, bob)?.deletedAt).toBeNull();
    expect(events(ada)).toContain('Deleted in Salesforce, so deleted in Ferry too (Restore brings it back).');
    expect(countOutbox(db, id).pending).toBe(0);
    expect(restoreContact(db, ada)).toBe(true);
    expect(getContact(db, ada)?.firstName).toBe('Ada');
  });

  it('tag: the contact stays, tagged "Deleted in Salesforce", and the tag is not pushed back', async () => {
    const { id, ada } = await adaDeletedInSalesforce('tag');
    await engine.pullNow(id);
    expect(getContact(db, ada)).toMatchObject({ deletedAt: null, tags: ['Deleted in Salesforce'] });
    expect(countOutbox(db, id).pending).toBe(0);
    const before = sandbox.admin.records('Contact').length;
    await engine.syncNow(id);
    expect(sandbox.admin.records('Contact').length).toBe(before);
  });

  it('delete never drops unsent Ferry changes: such a contact is kept and tagged, the edit with it', async () => {
    const { id, ada } = await adaDeletedInSalesforce('delete');
    updateContact(db, ada, { title: 'Countess' }, region);
    expect(countOutbox(db, id).pending).toBe(1);
    await engine.pullNow(id);
    expect(getContact(db, ada)).toMatchObject({ deletedAt: null, title: 'Countess', tags: ['Deleted in Salesforce'] });
    expect(events(ada).at(-1)).toBe('Deleted in Salesforce; kept in Ferry and tagged "Deleted in Salesforce" because it has changes not sent yet.');
  });

  it('a record Ferry never linked is deleted in Salesforce: nothing happens in Ferry', async () => {
    const { id } = await adaDeletedInSalesforce('delete');
    await engine.pullNow(id);
    const stranger = sandbox.admin.seedRecord('Contact', { LastName: 'Stranger', Email: 'stranger@example.com' });
    sandbox.admin.deleteRecord(stranger);
    const contacts = countContacts(db, cardId);
    const pulled = await engine.pullNow(id);
    expect(pulled).toMatchObject({ state: 'succeeded', created: 0, error: null });
    expect(countContacts(db, cardId)).toBe(contacts);
  });

  it('each pull reads only what is new: one Get Deleted call, and the next starts where Salesforce said this one covered', async () => {
    const { id, ada } = await adaDeletedInSalesforce('delete');
    sandbox.admin.clearRequests();
    await engine.pullNow(id);
    expect(getContact(db, ada)?.deletedAt).not.toBeNull();
    expect(deletedCalls()).toHaveLength(1);
    // the position kept is Salesforce's latestDateCovered: the org's own minute, not this machine's
    const position = readSettingValue(db, `pull.deletes-position.${id}`) as { Contact?: string };
    const covered = Math.floor((Date.now() - ORG_LAG_MS) / 60_000) * 60_000;
    expect(Math.abs(Date.parse(position.Contact ?? '') - covered)).toBeLessThanOrEqual(60_000);
  });

  it('under routing a pull reads Contact and Lead deletes, and a deleted Lead reaches Ferry', async () => {
    const lead = sandbox.admin.seedRecord('Lead', { FirstName: 'Grace', LastName: 'Hopper', Company: 'Navy', Email: 'grace@example.com' });
    const c = await engine.connect({ cardId, kind: 'salesforce', config: { baseUrl: sandbox.url, object: 'Contact' }, secrets: { access_token: TOKEN } });
    saveMapping(db, c.id, { routing: { rules: [{ when: { tag: 'customer' }, object: 'Contact' }], otherwise: 'Lead' } }, Date.now());
    engine.setDirection(c.id, 'pull');
    setFromCrmDeleteMode(db, c.id, 'delete', Date.now());
    await engine.pullNow(c.id);
    const grace = db.prepare('SELECT contact_id FROM sync_links WHERE external_id = ?').pluck().get(lead) as number;
    expect(grace).toBeGreaterThan(0);
    sandbox.admin.deleteRecord(lead);
    sandbox.admin.clearRequests();
    await engine.pullNow(c.id);
    expect(deletedCalls().map((p) => p.split('/sobjects/')[1]?.split('/')[0])).toEqual(['Contact', 'Lead']);
    expect(getContact(db, grace)?.deletedAt).not.toBeNull();
  });
});

describe('a merge and the deletes that follow it', () => {
  it('the record a merge deleted in Salesforce is listed by Get Deleted, and the next pull leaves the merged contact alone', async () => {
    const { id, ada, bob } = await adaDeletedInSalesforce('delete');
    await engine.pullNow(id);
    // Bob's twin, sent to Salesforce, then merged into Bob in Ferry and in Salesforce
    const twin = createContact(db, cardId, { firstName: 'Bob', lastName: 'Babbage', emails: [{ value: 'bob.b@home.example' }] }, region).id;
    await engine.syncNow(id);
    const twinRecord = sandbox.admin.recordsByEmail('Contact', 'bob.b@home.example')[0]?.id ?? '';
    const merged = await mergeContacts({ db, recordActions: (c) => recordActionsFor(registry, c), now: () => Date.now() }, bob, twin);
    expect(merged.crms).toEqual([expect.objectContaining({ outcome: 'merged' })]);
    expect(sandbox.admin.record(twinRecord)).toBeUndefined();
    // in Salesforce's delete log, with the record it was merged into
    expect(sandbox.admin.mergedInto(twinRecord)).toBe(sandbox.admin.recordsByEmail('Contact', 'bob@example.com')[0]?.id);
    const pulled = await engine.pullNow(id);
    expect(pulled).toMatchObject({ state: 'succeeded', error: null });
    expect(getContact(db, bob)).toMatchObject({ deletedAt: null, tags: [] });
    expect(getContact(db, ada)?.deletedAt).not.toBeNull();
  });
});

describe('when Ferry did not look for longer than Salesforce keeps deletes', () => {
  it('a purged delete log: the pull says so in the Sync log, the contact stays, and the next pull reads on', async () => {
    const { id, ada } = await adaDeletedInSalesforce('delete');
    // the Recycle Bin is emptied after Ada's delete, before Ferry pulls again
    sandbox.admin.purgeDeleteLog(Date.now() - ORG_LAG_MS + 1);
    const pulled = await engine.pullNow(id);
    expect(pulled.state).toBe('succeeded');
    expect(pulled.error).toMatch(/^Salesforce keeps deleted records for 15 days .* a Contact deleted in Salesforce before then may still be in Ferry/);
    expect(getContact(db, ada)?.deletedAt).toBeNull();
    const again = await engine.pullNow(id);
    expect(again.error).toBeNull();
  });

  it('a position older than 15 days: the pull reads what Salesforce still has and says what may be missing', async () => {
    const { id, ada } = await adaDeletedInSalesforce('delete');
    const longAgo = new Date(Date.now() - 20 * 24 * 3_600_000).toISOString();
    writeSettingValue(db, `pull.deletes-position.${id}`, { Contact: longAgo });
    const pulled = await engine.pullNow(id);
    expect(pulled.error).toContain(`Ferry last read Contact deletes on ${longAgo.slice(0, 10)}`);
    // what Salesforce still keeps is applied
    expect(getContact(db, ada)?.deletedAt).not.toBeNull();
  });
});
