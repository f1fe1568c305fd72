/**
 * CRM→Ferry deletes from Salesforce on pull, against the Salesforce sandbox's
 * "Get Deleted" (GET /sobjects/{SObject}/deleted/?start&end, as Salesforce answers
 * it) with real SQLite: off by default (no call), opt-in per connection to delete
 * (restorable) or tag, never a delete of a contact with changes not sent yet, no
 * effect for a record Ferry never linked, each pull reads only what is new, Leads
 * under routing, and a line in the Sync log when Salesforce no longer has every delete.
 */
import { describe, expect, it } from 'vitest';
import { startSalesforceSandbox } from '../../main/sandbox/salesforce';
import { countContacts, createContact, getContact } from '../../main/store/contacts';
import { setFromCrmDeleteMode } from '../../main/forget/delete-setting';
import { readSettingValue, writeSettingValue } from '../../main/store/settings';
import { saveMapping } from '../../main/mapping/save';
import { recordActionsFor } from '../../main/crm/record-actions';
import { mergeContacts } from '../../main/duplicates/merge-service';
import { adaAndBobThenAdaDeleted, deletesOnPullHarness, deletesOnPullTests } from '../support/deletes-on-pull';

const TOKEN = '00DFe0000000001!deletes-pull-token';
const region = { region: 'US' };
/**
 * The org's clock runs five minutes behind this machine's. Get Deleted ignores
 * seconds and covers up to the org's own now, so a record deleted in the current
 * minute is seen by the pull after; behind, every delete made before a pull is in it.
 */
const ORG_LAG_MS = 5 * 60_000;
const h = deletesOnPullHarness(() => startSalesforceSandbox({ port: 0, token: TOKEN, clock: () => Date.now() - ORG_LAG_MS }));

/** Ada and Bob sent to Salesforce on a two-way connection and pulled once; then Salesforce deletes Ada's record. */
const adaDeletedInSalesforce = (mode: 'off' | 'delete' | 'tag' | null) => adaAndBobThenAdaDeleted(h, {
  connect: async () => (await h.engine.connect({ cardId: h.cardId, kind: 'salesforce', config: { baseUrl: h.sandbox.url, object: 'Contact' }, secrets: { access_token: TOKEN } })).id,
  recordOf: (email) => h.sandbox.admin.recordsByEmail('Contact', email)[0]?.id,
  deleteRecord: (id) => h.sandbox.admin.deleteRecord(id),
}, mode);

const deletedCalls = (): string[] => h.sandbox.admin.recentRequests().filter((r) => r.path.includes('/deleted')).map((r) => r.path);

describe('the sandbox answers Get Deleted as Salesforce does', () => {
  const get = async (object: string, query: string): Promise<{ status: number; body: Record<string, unknown> | Array<{ errorCode: string }> }> => {
    const response = await fetch(`${h.sandbox.url}/services/data/v62.0/sobjects/${object}/deleted/?${query}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    return { status: response.status, body: await response.json() as never };
  };
  const iso = (ms: number): string => encodeURIComponent(new Date(ms).toISOString());

  it('lists a deleted record with deletedDate, earliestDateAvailable and latestDateCovered, and refuses windows of a minute or less', async () => {
    const kept = h.sandbox.admin.seedRecord('Contact', { LastName: 'Kept' });
    const gone = h.sandbox.admin.seedRecord('Contact', { LastName: 'Gone' });
    h.sandbox.admin.deleteRecord(gone);
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
    h.sandbox.admin.purgeDeleteLog(now - ORG_LAG_MS + 1);
    expect((await get('Contact', `start=${iso(now - 3_600_000)}&end=${iso(now)}`)).status).toBe(400);
  });
});

describe('deletes in Salesforce reaching Ferry on pull', () => {
  deletesOnPullTests({
    crmName: 'Salesforce',
    h,
    adaDeleted: adaDeletedInSalesforce,
    deletesRead: 'Get Deleted call',
    deletesReads: () => deletedCalls().length,
    clearRequests: () => h.sandbox.admin.clearRequests(),
    records: () => h.sandbox.admin.records('Contact').length,
  });

  it('a record Ferry never linked is deleted in Salesforce: nothing happens in Ferry', async () => {
    const { id } = await adaDeletedInSalesforce('delete');
    await h.engine.pullNow(id);
    const stranger = h.sandbox.admin.seedRecord('Contact', { LastName: 'Stranger', Email: 'stranger@example.com' });
    h.sandbox.admin.deleteRecord(stranger);
    const contacts = countContacts(h.db, h.cardId);
    const pulled = await h.engine.pullNow(id);
    expect(pulled).toMatchObject({ state: 'succeeded', created: 0, error: null });
    expect(countContacts(h.db, h.cardId)).toBe(contacts);
  });

  it('each pull reads only what is new: one Get Deleted call, and the next starts where Salesforce said this one covered', async () => {
    const { id, ada } = await adaDeletedInSalesforce('delete');
    h.sandbox.admin.clearRequests();
    await h.engine.pullNow(id);
    expect(getContact(h.db, ada)?.deletedAt).not.toBeNull();
    expect(deletedCalls()).toHaveLength(1);
    // the position kept is Salesforce's latestDateCovered: the org's own minute, not this machine's
    const position = readSettingValue(h.db, `pull.deletes-position.${id}`) as { Contact?: string };
    const covered = Math.floor((Date.now() - ORG_LAG_MS) / 60_000) * 60_000;
    expect(Math.abs(Date.parse(position.Contact ?? '') - covered)).toBeLessThanOrEqual(60_000);
  });

  it('under routing a pull reads Contact and Lead deletes, and a deleted Lead reaches Ferry', async () => {
    const lead = h.sandbox.admin.seedRecord('Lead', { FirstName: 'Grace', LastName: 'Hopper', Company: 'Navy', Email: 'grace@example.com' });
    const c = await h.engine.connect({ cardId: h.cardId, kind: 'salesforce', config: { baseUrl: h.sandbox.url, object: 'Contact' }, secrets: { access_token: TOKEN } });
    saveMapping(h.db, c.id, { routing: { rules: [{ when: { tag: 'customer' }, object: 'Contact' }], otherwise: 'Lead' } }, Date.now());
    h.engine.setDirection(c.id, 'pull');
    setFromCrmDeleteMode(h.db, c.id, 'delete', Date.now());
    await h.engine.pullNow(c.id);
    const grace = h.db.prepare('SELECT contact_id FROM sync_links WHERE external_id = ?').pluck().get(lead) as number;
    expect(grace).toBeGreaterThan(0);
    h.sandbox.admin.deleteRecord(lead);
    h.sandbox.admin.clearRequests();
    await h.engine.pullNow(c.id);
    expect(deletedCalls().map((p) => p.split('/sobjects/')[1]?.split('/')[0])).toEqual(['Contact', 'Lead']);
    expect(getContact(h.db, grace)?.deletedAt).not.toBeNull();
  });
});

describe('a merge and the deletes that follow it', () => {
  it('the record a merge deleted in Salesforce is listed by Get Deleted, and the next pull leaves the merged contact alone', async () => {
    const { id, ada, bob } = await adaDeletedInSalesforce('delete');
    await h.engine.pullNow(id);
    // Bob's twin, sent to Salesforce, then merged into Bob in Ferry and in Salesforce
    const twin = createContact(h.db, h.cardId, { firstName: 'Bob', lastName: 'Babbage', emails: [{ value: 'bob.b@home.example' }] }, region).id;
    await h.engine.syncNow(id);
    const twinRecord = h.sandbox.admin.recordsByEmail('Contact', 'bob.b@home.example')[0]?.id ?? '';
    const merged = await mergeContacts({ db: h.db, recordActions: (c) => recordActionsFor(h.registry, c), now: () => Date.now() }, bob, twin);
    expect(merged.crms).toEqual([expect.objectContaining({ outcome: 'merged' })]);
    expect(h.sandbox.admin.record(twinRecord)).toBeUndefined();
    // in Salesforce's delete log, with the record it was merged into
    expect(h.sandbox.admin.mergedInto(twinRecord)).toBe(h.sandbox.admin.recordsByEmail('Contact', 'bob@example.com')[0]?.id);
    const pulled = await h.engine.pullNow(id);
    expect(pulled).toMatchObject({ state: 'succeeded', error: null });
    expect(getContact(h.db, bob)).toMatchObject({ deletedAt: null, tags: [] });
    expect(getContact(h.db, ada)?.deletedAt).not.toBeNull();
  });
});

describe('when Ferry did not look for longer than Salesforce keeps deletes', () => {
  it('a purged delete log: the pull says so in the Sync log, the contact stays, and the next pull reads on', async () => {
    const { id, ada } = await adaDeletedInSalesforce('delete');
    // the Recycle Bin is emptied after Ada's delete, before Ferry pulls again
    h.sandbox.admin.purgeDeleteLog(Date.now() - ORG_LAG_MS + 1);
    const pulled = await h.engine.pullNow(id);
    expect(pulled.state).toBe('succeeded');
    expect(pulled.error).toMatch(/^Salesforce keeps deleted records for 15 days .* a Contact deleted in Salesforce before then may still be in Ferry/);
    expect(getContact(h.db, ada)?.deletedAt).toBeNull();
    const again = await h.engine.pullNow(id);
    expect(again.error).toBeNull();
  });

  it('a position older than 15 days: the pull reads what Salesforce still has and says what may be missing', async () => {
    const { id, ada } = await adaDeletedInSalesforce('delete');
    const longAgo = new Date(Date.now() - 20 * 24 * 3_600_000).toISOString();
    writeSettingValue(h.db, `pull.deletes-position.${id}`, { Contact: longAgo });
    const pulled = await h.engine.pullNow(id);
    expect(pulled.error).toContain(`Ferry last read Contact deletes on ${longAgo.slice(0, 10)}`);
    // what Salesforce still keeps is applied
    expect(getContact(h.db, ada)?.deletedAt).not.toBeNull();
  });
});
