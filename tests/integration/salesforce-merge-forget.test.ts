/**
 * Salesforce against its sandbox: a merge in Ferry merges the two records through
 * the SOAP API's merge() (the master keeps its Id, the other is deleted and listed by
 * Get Deleted), a Contact and a Lead are not merged but the history says to convert
 * the Lead; "forget this person" and opted-in deletes delete the record
 * (DELETE /sobjects/Contact/{id}).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { recordActionsFor } from '../../main/crm/record-actions';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../main/sandbox/salesforce/index';
import { createCard } from '../../main/store/cards';
import { createContact, deleteContact, getContact } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';
import { createSyncEngine } from '../../main/sync/engine';
import { mergeContacts } from '../../main/duplicates/merge-service';
import { forgetContact } from '../../main/forget/forget-service';
import { setDeleteMode } from '../../main/forget/delete-setting';
import { saveMapping } from '../../main/mapping/save';
import { tempDir } from '../support/temp-dir';

const TOKEN = '00Dmergeforget!token.0001';

describe('Salesforce merge, forget and deletes', () => {
  let sandbox: SalesforceSandbox | undefined;
  let db: Db | undefined;
  afterEach(async () => {
    db?.close();
    await sandbox?.close();
  });

  async function setUp() {
    sandbox = await startSalesforceSandbox({ port: 0, token: TOKEN });
    db = openDatabase(tempDir());
    const registry = new ConnectorRegistry({ vault: new InMemoryVault() });
    const engine = createSyncEngine({ db, connectors: registry });
    const card = createCard(db, 'Org').id;
    const c = await engine.connect({ cardId: card, kind: 'salesforce', config: { baseUrl: sandbox.url, object: 'Contact' }, secrets: { access_token: TOKEN } });
    const a = createContact(db, card, { firstName: 'Mary', lastName: 'Somerville', emails: [{ value: 'mary@royal.example' }] }, { region: 'GB' }).id;
    const b = createContact(db, card, { firstName: 'Mary', lastName: 'Somervile', emails: [{ value: 'm.somerville@home.example' }] }, { region: 'GB' }).id;
    await engine.syncNow(c.id);
    expect(sandbox.admin.records('Contact')).toHaveLength(2);
    return { db, engine, connectionId: c.id, a, b, deps: { db, recordActions: (x: Parameters<typeof registry.create>[0]) => recordActionsFor(registry, x), now: () => Date.now() } };
  }

  it('a merge in Ferry merges the two Salesforce records (SOAP merge()): the survivor\'s record keeps its Id, the other is deleted, and the next sync updates it', async () => {
    const { db, engine, connectionId, a, b, deps } = await setUp();
    const keepRecord = sandbox!.admin.recordsByEmail('Contact', 'mary@royal.example')[0]!.id;
    const otherRecord = sandbox!.admin.recordsByEmail('Contact', 'm.somerville@home.example')[0]!.id;
    sandbox!.admin.clearRequests();
    const result = await mergeContacts(deps, a, b, { title: 'other' });
    expect(result.crms).toEqual([expect.objectContaining({ crm: 'Salesforce', outcome: 'merged', message: `Salesforce merged record ${otherRecord} into ${keepRecord}; the merged record is ${keepRecord}.` })]);
    // one SOAP call, to the Partner endpoint
    expect(sandbox!.admin.recentRequests().map((r) => `${r.method} ${r.path}`)).toEqual(['POST /services/Soap/u/62.0']);
    expect(sandbox!.admin.records('Contact').map((r) => r.id)).toEqual([keepRecord]);
    expect(sandbox!.admin.mergedInto(otherRecord)).toBe(keepRecord);
    // the loser is in Salesforce's delete log, as Get Deleted lists it
    const now = Date.now();
    const deleted = await fetch(`${sandbox!.url}/services/data/v62.0/sobjects/Contact/deleted/?start=${encodeURIComponent(new Date(now - 3_600_000).toISOString())}&end=${encodeURIComponent(new Date(now + 120_000).toISOString())}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(((await deleted.json()) as { deletedRecords: { id: string }[] }).deletedRecords.map((r) => r.id)).toEqual([otherRecord]);
    const link = db.prepare('SELECT contact_id, external_id FROM sync_links WHERE connection_id = ? AND external_id IS NOT NULL').all(connectionId);
    expect(link).toEqual([{ contact_id: a, external_id: keepRecord }]);
    // the survivor's merged values reach its record with the next push; nothing is created
    const run = await engine.syncNow(connectionId);
    expect(run.created).toBe(0);
    expect(sandbox!.admin.records('Contact')).toHaveLength(1);
    expect(sandbox!.admin.record(keepRecord)?.fields.Email).toBe('mary@royal.example');
    await engine.stop();
  });

  it('a Contact and a Lead are not merged: the history says to convert the Lead into the Contact, and both records stay', async () => {
    const { db, engine, connectionId, a, deps } = await setUp();
    // routing sends contacts tagged "lead" to Leads
    saveMapping(db, connectionId, { routing: { rules: [{ when: { tag: 'lead' }, object: 'Lead' }], otherwise: 'Contact' } }, Date.now());
    const fromLead = createContact(db, getContact(db, a)!.cardId, { firstName: 'Mary', lastName: 'Somerville', company: 'Royal Society', tags: ['lead'], emails: [{ value: 'mary.s@lead.example' }] }, { region: 'GB' }).id;
    await engine.syncNow(connectionId);
    const lead = sandbox!.admin.recordsByEmail('Lead', 'mary.s@lead.example')[0]!.id;
    sandbox!.admin.clearRequests();
    const result = await mergeContacts(deps, a, fromLead);
    const contactRecord = sandbox!.admin.recordsByEmail('Contact', 'mary@royal.example')[0]!.id;
    expect(result.crms).toEqual([expect.objectContaining({ outcome: 'manual', message: expect.stringContaining(`Open Lead ${lead} in Salesforce, click Convert and choose the existing Contact ${contactRecord}`) })]);
    expect(sandbox!.admin.recentRequests()).toEqual([]);
    expect(sandbox!.admin.record(lead)).toBeDefined();
    await engine.stop();
  });

  it('a session Salesforce no longer accepts (a SOAP fault, HTTP 500) is a sign-in problem, not an outage: the merge is left to the user with that reason', async () => {
    const { engine, a, b, deps } = await setUp();
    sandbox!.admin.expireToken(TOKEN);
    const result = await mergeContacts(deps, a, b);
    expect(result.crms).toEqual([expect.objectContaining({ outcome: 'failed', message: expect.stringContaining("Salesforce no longer accepts Ferry's sign-in") })]);
    expect(sandbox!.admin.records('Contact')).toHaveLength(2);
    await engine.stop();
  });

  it('the sandbox answers merge() as Salesforce does: a bad session is a SOAP fault, more than three records are refused', async () => {
    sandbox = await startSalesforceSandbox({ port: 0, token: TOKEN });
    const ids = [1, 2, 3, 4].map((n) => sandbox!.admin.seedRecord('Contact', { LastName: `L${n}` }));
    const call = (session: string, victims: string[]) => fetch(`${sandbox!.url}/services/Soap/u/62.0`, {
      method: 'POST', headers: { 'content-type': 'text/xml', soapaction: '""' },
      body: `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header xmlns="urn:partner.soap.sforce.com"><SessionHeader><sessionId>${session}</sessionId></SessionHeader></soapenv:Header>`
        + `<soapenv:Body xmlns="urn:partner.soap.sforce.com"><merge><mergeRequests><masterRecord><type>Contact</type><Id>${ids[0]}</Id></masterRecord>${victims.map((v) => `<recordToMergeIds>${v}</recordToMergeIds>`).join('')}</mergeRequests></merge></soapenv:Body></soapenv:Envelope>`,
    });
    const bad = await call('not-a-session', [ids[1]!]);
    expect(bad.status).toBe(500);
    expect(await bad.text()).toMatch(/<faultcode>sf:INVALID_SESSION_ID<\/faultcode>/);
    const tooMany = await (await call(TOKEN, ids.slice(1))).text();
    expect(tooMany).toMatch(/<success>false<\/success>/);
    expect(sandbox!.admin.records('Contact')).toHaveLength(4);
  });

  it('forget deletes the Salesforce record and says the Recycle Bin keeps it 15 days', async () => {
    const { engine, a, deps } = await setUp();
    const record = await forgetContact(deps, a);
    expect(record.crms).toEqual([expect.objectContaining({ crm: 'Salesforce', outcome: 'erased', message: expect.stringContaining('Recycle Bin') })]);
    expect(sandbox!.admin.recordsByEmail('Contact', 'mary@royal.example')).toHaveLength(0);
    expect(sandbox!.admin.records('Contact')).toHaveLength(1);
    expect(getContact(deps.db, a)).toBeUndefined();
    await engine.stop();
  });

  it('opted-in deletes delete the record once', async () => {
    const { db, engine, connectionId, b } = await setUp();
    setDeleteMode(db, connectionId, 'archive', Date.now());
    deleteContact(db, b);
    await engine.syncNow(connectionId);
    expect(sandbox!.admin.records('Contact').map((r) => r.fields.Email)).toEqual(['mary@royal.example']);
    expect(db.prepare('SELECT message FROM sync_events WHERE contact_id = ? ORDER BY id DESC LIMIT 1').pluck().get(b)).toMatch(/^Deleted in Ferry, deleted in Salesforce\./);
    await engine.stop();
  });
});
