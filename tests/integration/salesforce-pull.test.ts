/**
 * Pull and two-way sync against the Salesforce sandbox, real SQLite: a first pull
 * over several queryMore pages links what Ferry has and creates the rest, an
 * incremental pull reads only what changed (SystemModstamp), records sharing one
 * SystemModstamp across a page boundary are all read when the query locator
 * expired, rules settle a field both sides changed, and echoes never loop.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../main/sandbox/salesforce';
import { createCard } from '../../main/store/cards';
import { countContacts, createContact, getContact, listContacts, updateContact } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';
import { countOutbox } from '../../main/store/outbox';
import { listHistory } from '../../main/store/contact-history';
import { setFieldRule } from '../../main/store/field-rules';
import { saveMapping } from '../../main/mapping/save';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import { PULL_BATCH_SIZE } from '../../main/crm/salesforce/pull';
import { tempDir } from '../support/temp-dir';
import { titleRuleTests } from '../support/title-rule-tests';

const TOKEN = '00DFe0000000001!pull-test-token';
let sandbox: SalesforceSandbox;
let db: Db;
let engine: SyncEngine;
let cardId: number;
/** the sandbox org's clock: frozen, so that records written together share one SystemModstamp, as in a mass update */
let orgNow = Date.parse('2026-11-02T09:00:00.000Z');

beforeEach(async () => {
  orgNow = Date.parse('2026-11-02T09:00:00.000Z');
  sandbox = await startSalesforceSandbox({ port: 0, token: TOKEN, clock: () => orgNow });
  db = openDatabase(tempDir());
  engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault: new InMemoryVault() }) });
  cardId = createCard(db, 'Pull').id;
});

afterEach(async () => {
  await engine.stop();
  db.close();
  await sandbox.close();
});

async function connectSalesforce(direction: 'pull' | 'two-way'): Promise<number> {
  const c = await engine.connect({ cardId, kind: 'salesforce', config: { baseUrl: sandbox.url, object: 'Contact', rateLimit: { requests: 100_000, perMs: 1_000 } }, secrets: { access_token: TOKEN } });
  engine.setDirection(c.id, direction);
  return c.id;
}

const person = (i: number): Record<string, string> => ({ Email: `person${i}@example.com`, FirstName: `First${i}`, LastName: `Last${i}`, Title: 'Buyer' });
const seed = (n: number): string[] => Array.from({ length: n }, (_, i) => sandbox.admin.seedRecord('Contact', person(i)));
const queryCalls = (): string[] => sandbox.admin.recentRequests().filter((r) => r.path.includes('/query')).map((r) => r.path);
const byEmail = (email: string) => listContacts(db, cardId).find((c) => c.emails[0]?.value.toLowerCase() === email);

describe('Salesforce pull', () => {
  it('a first pull of 2,000 records over several pages links the contacts Ferry has (e-mail in any case) and creates the rest, once each', { timeout: 120_000 }, async () => {
    seed(2_000);
    for (let i = 0; i < 2_000; i += 10) createContact(db, cardId, { firstName: `First${i}`, lastName: `Last${i}`, title: 'Buyer', emails: [{ value: `PERSON${i}@Example.com` }] }, { region: 'US' });
    const id = await connectSalesforce('pull');
    sandbox.admin.clearRequests();

    const first = await engine.pullNow(id);
    expect(first).toMatchObject({ state: 'succeeded', read: 2_000, created: 1_800, linked: 200, conflicts: 0 });
    // several pages: the first query and then queryMore through nextRecordsUrl
    expect(queryCalls().length).toBe(2_000 / PULL_BATCH_SIZE);
    expect(countContacts(db, cardId)).toBe(2_000);
    expect(new Set(listContacts(db, cardId).map((c) => c.emails[0]?.value.toLowerCase())).size).toBe(2_000);
    const links = db.prepare('SELECT COUNT(DISTINCT external_id) FROM sync_links WHERE connection_id = ?').pluck().get(id) as number;
    expect(links).toBe(2_000);
    // every record now carries Ferry's key (Ferry_Id__c), each a different contact's
    const stamped = sandbox.admin.records('Contact').map((r) => r.fields.Ferry_Id__c ?? '');
    expect(stamped.filter(Boolean)).toHaveLength(2_000);
    expect(new Set(stamped).size).toBe(2_000);
    expect(countOutbox(db, id).pending).toBe(0);

    const again = await engine.pullNow(id);
    expect(again).toMatchObject({ state: 'succeeded', created: 0, updated: 0 });
    expect(countContacts(db, cardId)).toBe(2_000);
  });

  it('an incremental pull reads only what changed, with history, and costs one query when nothing did', async () => {
    const ids = seed(30);
    const id = await connectSalesforce('pull');
    await engine.pullNow(id);
    orgNow += 60_000;
    await engine.pullNow(id); // reads back the Ferry_Id__c stamps: an echo, nothing applied

    orgNow += 60_000;
    sandbox.admin.editRecord(ids[7] ?? '', { Title: 'Head of Purchasing' });
    sandbox.admin.clearRequests();
    const pulled = await engine.pullNow(id);
    expect(pulled).toMatchObject({ state: 'succeeded', read: 1, updated: 1, created: 0 });
    const contact = byEmail('person7@example.com');
    expect(contact?.title).toBe('Head of Purchasing');
    expect(listHistory(db, contact?.id ?? 0, 10)[0]).toMatchObject({ field: 'title', old: 'Buyer', new: 'Head of Purchasing', connectionId: id });

    sandbox.admin.clearRequests();
    expect(await engine.pullNow(id)).toMatchObject({ read: 0, updated: 0, created: 0 });
    expect(sandbox.admin.recentRequests()).toHaveLength(1);
  });

  it('records sharing one SystemModstamp across a page boundary are all read when the query locator expired', { timeout: 60_000 }, async () => {
    const ids = seed(PULL_BATCH_SIZE + 100);
    const id = await connectSalesforce('pull');
    await engine.pullNow(id);
    orgNow += 60_000;
    await engine.pullNow(id);

    // a mass update: every record gets the same SystemModstamp
    orgNow += 60_000;
    for (const recordId of ids) sandbox.admin.editRecord(recordId, { Title: 'Mass updated' });
    // Salesforce releases an idle cursor after 15 minutes (or the oldest when an eleventh opens): after the first page, the next must query again
    const pulled = await engine.pullNow(id, 'manual', (p) => { if (p.pages === 1) sandbox.admin.releaseQueryCursors(); });
    expect(pulled.error, 'the pull\'s error').toBeNull();
    expect(pulled).toMatchObject({ state: 'succeeded', read: ids.length, updated: ids.length });
    expect(listContacts(db, cardId).filter((c) => c.title === 'Mass updated')).toHaveLength(ids.length);
  });

  it('a Lead connection reads Leads: the Company placeholder Ferry writes reads as empty, a real company is read', async () => {
    sandbox.admin.seedRecord('Lead', { Email: 'lena@example.com', FirstName: 'Lena', LastName: 'Berg', Company: 'Initech', Street: '5 Main St', City: 'Austin' });
    const none = createContact(db, cardId, { firstName: 'No', lastName: 'Company', emails: [{ value: 'nocompany@example.com' }] }, { region: 'US' });
    const c = await engine.connect({ cardId, kind: 'salesforce', config: { baseUrl: sandbox.url, object: 'Lead' }, secrets: { access_token: TOKEN } });
    engine.setDirection(c.id, 'two-way');
    await engine.syncNow(c.id);
    expect(sandbox.admin.recordsByEmail('Lead', 'nocompany@example.com')[0]?.fields.Company).toBe('(none)');
    const pulled = await engine.pullNow(c.id);
    expect(pulled).toMatchObject({ created: 1, updated: 0, conflicts: 0 });
    expect(byEmail('lena@example.com')).toMatchObject({ company: 'Initech', addresses: [expect.objectContaining({ street: '5 Main St', city: 'Austin' })] });
    expect(getContact(db, none.id)?.company).toBe('');
    expect(db.prepare('SELECT aux FROM sync_links WHERE connection_id = ? AND external_id LIKE ?').pluck().all(c.id, '00Q%')).toHaveLength(2);
  });

  it('a connection that routes contacts to Contacts and Leads reads both; each link says which object its record is', async () => {
    const contactId = sandbox.admin.seedRecord('Contact', { Email: 'cora@example.com', FirstName: 'Cora', LastName: 'Contact', Title: 'CFO' });
    const leadId = sandbox.admin.seedRecord('Lead', { Email: 'leo@example.com', FirstName: 'Leo', LastName: 'Lead', Company: 'Prospect Co', City: 'Austin' });
    const c = await engine.connect({ cardId, kind: 'salesforce', config: { baseUrl: sandbox.url, object: 'Lead' }, secrets: { access_token: TOKEN } });
    saveMapping(db, c.id, { routing: { rules: [{ when: { tag: 'customer' }, object: 'Contact' }], otherwise: 'Lead' } }, Date.now());
    engine.setDirection(c.id, 'two-way');
    expect(await engine.pullNow(c.id)).toMatchObject({ state: 'succeeded', read: 2, created: 2 });
    expect(byEmail('cora@example.com')).toMatchObject({ title: 'CFO' });
    expect(byEmail('leo@example.com')).toMatchObject({ company: 'Prospect Co', addresses: [expect.objectContaining({ city: 'Austin' })] });
    const aux = (externalId: string): unknown => JSON.parse(db.prepare('SELECT aux FROM sync_links WHERE connection_id = ? AND external_id = ?').pluck().get(c.id, externalId) as string);
    expect(aux(contactId)).toMatchObject({ sobject: 'Contact' });
    expect(aux(leadId)).toMatchObject({ sobject: 'Lead' });
    // an edit in Ferry goes back to the record it came from, never a second one
    updateContact(db, byEmail('cora@example.com')?.id ?? 0, { title: 'CEO' }, { region: 'US' });
    expect(await engine.syncNow(c.id)).toMatchObject({ updated: 1, created: 0 });
    expect(sandbox.admin.record(contactId)?.fields.Title).toBe('CEO');
    expect(sandbox.admin.records('Lead')).toHaveLength(1);
  });

  it('a record that only shares a name is not a second contact', async () => {
    createContact(db, cardId, { firstName: 'Sam', lastName: 'Lee', emails: [{ value: 'sam@ferry.example' }] }, { region: 'US' });
    sandbox.admin.seedRecord('Contact', { Email: 'sam.lee@other.example', FirstName: 'Sam', LastName: 'Lee' });
    const id = await connectSalesforce('pull');
    expect(await engine.pullNow(id)).toMatchObject({ created: 0, potentialDuplicates: 1 });
  });
});

describe('two-way rules on Salesforce: a field changed on both sides since they last agreed', () => {
  async function bothSidesEdit(rule: 'crm-wins' | 'ferry-wins' | null): Promise<{ id: number; contactId: number }> {
    const c = createContact(db, cardId, { firstName: 'Ada', lastName: 'Lovelace', title: 'Analyst', emails: [{ value: 'ada@example.com' }] }, { region: 'US' });
    const id = await connectSalesforce('two-way');
    await engine.syncNow(id);
    await engine.pullNow(id);
    if (rule) setFieldRule(db, id, 'title', rule);
    orgNow += 60_000;
    const [record] = sandbox.admin.recordsByEmail('Contact', 'ada@example.com');
    sandbox.admin.editRecord(record?.id ?? '', { Title: 'Engineer (CRM)' });
    updateContact(db, c.id, { title: 'Engineer (Ferry)' }, { region: 'US' });
    return { id, contactId: c.id };
  }

  titleRuleTests({
    crmName: 'Salesforce', db: () => db, engine: () => engine, bothSidesEdit, crmTitle: 'Engineer (CRM)',
    titleInCrm: () => sandbox.admin.recordsByEmail('Contact', 'ada@example.com')[0]?.fields.Title,
  });

});

describe('echoes', () => {
  it('push then pull: 0 changes applied, 0 pushed back; a pulled change is not pushed back to Salesforce', async () => {
    createContact(db, cardId, { firstName: 'Echo', lastName: 'One', title: 'T', phones: [{ raw: '+1 415 555 0100' }], emails: [{ value: 'echo@example.com' }], addresses: [{ street: '1 Market St', city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'US' }] }, { region: 'US' });
    const id = await connectSalesforce('two-way');
    await engine.syncNow(id);
    const pulled = await engine.pullNow(id);
    expect(pulled).toMatchObject({ updated: 0, created: 0, conflicts: 0 });
    expect(countOutbox(db, id).pending).toBe(0);

    orgNow += 60_000;
    const [record] = sandbox.admin.recordsByEmail('Contact', 'echo@example.com');
    sandbox.admin.editRecord(record?.id ?? '', { Title: 'From Salesforce', MailingCity: 'Oakland' });
    expect((await engine.pullNow(id)).updated).toBe(1);
    expect(byEmail('echo@example.com')).toMatchObject({ title: 'From Salesforce', addresses: [expect.objectContaining({ city: 'Oakland', street: '1 Market St' })] });
    expect(countOutbox(db, id).pending).toBe(0);
    sandbox.admin.clearRequests();
    expect((await engine.syncNow(id)).state).toBe('nothing_to_send');
    expect(sandbox.admin.recentRequests()).toHaveLength(0);
  });
});
