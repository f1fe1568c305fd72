/**
 * Pull and two-way sync against the Dataverse sandbox, real SQLite: a first pull
 * over several pages links what Ferry has and creates the rest, an incremental
 * pull reads only what changed (modifiedon), records sharing one modifiedon across
 * a page boundary are all read, rules settle a field both sides changed, and
 * echoes never loop.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startDynamicsSandbox, type DynamicsSandbox } from '../../main/sandbox/dynamics/index';
import { createCard } from '../../main/store/cards';
import { countContacts, createContact, getContact, listContacts, updateContact } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';
import { countOutbox } from '../../main/store/outbox';
import { listHistory } from '../../main/store/contact-history';
import { setFieldRule } from '../../main/store/field-rules';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import { PULL_PAGE_SIZE } from '../../main/crm/dynamics/pull';
import { tempDir } from '../support/temp-dir';
import { titleRuleTests } from '../support/title-rule-tests';

const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOi.dynamics-pull-token';
const FERRY_ID = 'cr8f2_ferryid';
let sandbox: DynamicsSandbox;
let db: Db;
let engine: SyncEngine;
let cardId: number;
/** the environment's clock: frozen, so records written together share one modifiedon, as in an import or a bulk edit */
let orgNow = Date.parse('2026-11-02T09:00:00.000Z');

beforeEach(async () => {
  orgNow = Date.parse('2026-11-02T09:00:00.000Z');
  sandbox = await startDynamicsSandbox({ port: 0, token: TOKEN, ferryIdPrefix: 'cr8f2', clock: () => orgNow });
  db = openDatabase(tempDir());
  engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault: new InMemoryVault() }) });
  cardId = createCard(db, 'Pull').id;
});

afterEach(async () => {
  await engine.stop();
  db.close();
  await sandbox.close();
});

async function connectDynamics(direction: 'pull' | 'two-way'): Promise<number> {
  const c = await engine.connect({ cardId, kind: 'dynamics', mode: 'manual', config: { baseUrl: sandbox.url }, secrets: { access_token: TOKEN } });
  engine.setDirection(c.id, direction);
  return c.id;
}

const person = (i: number): Record<string, string> => ({ emailaddress1: `person${i}@example.com`, firstname: `First${i}`, lastname: `Last${i}`, jobtitle: 'Buyer' });
/** one record a second, so a first pull's order is the seeding order */
const seed = (n: number, sameSecond = false): string[] => Array.from({ length: n }, (_, i) => { if (!sameSecond) orgNow += 1_000; return sandbox.admin.seedContact(person(i)); });
const pullCalls = (): string[] => sandbox.admin.recentRequests().filter((r) => r.method === 'GET' && r.path.endsWith('/contacts')).map((r) => r.path);
const byEmail = (email: string) => listContacts(db, cardId).find((c) => c.emails[0]?.value.toLowerCase() === email);
const record = (email: string) => sandbox.admin.contacts().find((c) => c.fields.emailaddress1 === email);

describe('Dynamics 365 pull', () => {
  it('a first pull of 2,000 records over several pages links the contacts Ferry has (e-mail in any case) and creates the rest, once each', { timeout: 120_000 }, async () => {
    seed(2_000);
    for (let i = 0; i < 2_000; i += 10) createContact(db, cardId, { firstName: `First${i}`, lastName: `Last${i}`, title: 'Buyer', emails: [{ value: `PERSON${i}@Example.com` }] }, { region: 'US' });
    const id = await connectDynamics('pull');
    sandbox.admin.clearRequests();

    // the pull happens later than the seeding: stamping Ferry's ID moves each record's
    // modifiedon to now, after the mark, so the same pull reads every stamped record once
    // more before it ends (2,000 records sharing one modifiedon, over four pages): echoes
    orgNow += 60_000;
    const first = await engine.pullNow(id);
    expect(first).toMatchObject({ state: 'succeeded', read: 4_000, created: 1_800, linked: 200, updated: 0, conflicts: 0 });
    expect(pullCalls().length).toBe(2 * 2_000 / PULL_PAGE_SIZE);
    expect(countContacts(db, cardId)).toBe(2_000);
    expect(new Set(listContacts(db, cardId).map((c) => c.emails[0]?.value.toLowerCase())).size).toBe(2_000);
    const links = db.prepare('SELECT COUNT(DISTINCT external_id) FROM sync_links WHERE connection_id = ?').pluck().get(id) as number;
    expect(links).toBe(2_000);
    // every record now carries Ferry's key, each a different contact's
    const stamped = sandbox.admin.contacts().map((r) => r.fields[FERRY_ID] ?? '');
    expect(stamped.filter(Boolean)).toHaveLength(2_000);
    expect(new Set(stamped).size).toBe(2_000);
    expect(countOutbox(db, id).pending).toBe(0);

    const again = await engine.pullNow(id);
    expect(again).toMatchObject({ state: 'succeeded', read: 0, created: 0, updated: 0 });
    expect(countContacts(db, cardId)).toBe(2_000);
  });

  it('an incremental pull reads only what changed, with history, and costs one call when nothing did', async () => {
    const ids = seed(30);
    const id = await connectDynamics('pull');
    orgNow += 60_000;
    await engine.pullNow(id);
    // the stamps moved modifiedon after the first pull's last page: this one reads them back, echoes
    expect(await engine.pullNow(id)).toMatchObject({ read: 30, updated: 0, created: 0 });

    orgNow += 60_000;
    sandbox.admin.editContact(ids[7] ?? '', { jobtitle: 'Head of Purchasing' });
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

  it('records sharing one modifiedon across a page boundary are all read, once', { timeout: 60_000 }, async () => {
    const ids = seed(PULL_PAGE_SIZE + 100);
    const id = await connectDynamics('pull');
    orgNow += 60_000;
    await engine.pullNow(id);
    await engine.pullNow(id);

    // a bulk edit within one second: every record gets the same modifiedon
    orgNow += 60_000;
    for (const recordId of ids) sandbox.admin.editContact(recordId, { jobtitle: 'Bulk edited' });
    const pulled = await engine.pullNow(id);
    expect(pulled).toMatchObject({ state: 'succeeded', read: ids.length, updated: ids.length });
    expect(listContacts(db, cardId).filter((c) => c.title === 'Bulk edited')).toHaveLength(ids.length);
  });

  it('a record that only shares a name is not a second contact', async () => {
    createContact(db, cardId, { firstName: 'Sam', lastName: 'Lee', emails: [{ value: 'sam@ferry.example' }] }, { region: 'US' });
    sandbox.admin.seedContact({ emailaddress1: 'sam.lee@other.example', firstname: 'Sam', lastname: 'Lee' });
    const id = await connectDynamics('pull');
    expect(await engine.pullNow(id)).toMatchObject({ created: 0, potentialDuplicates: 1 });
  });

  it('a linked record is updated by the next push, never copied: the pull stamped its Ferry ID', async () => {
    const recordId = sandbox.admin.seedContact({ emailaddress1: 'nora@example.com', firstname: 'Nora', lastname: 'Quinn' });
    const id = await connectDynamics('two-way');
    expect(await engine.pullNow(id)).toMatchObject({ created: 1 });
    const nora = byEmail('nora@example.com');
    expect(sandbox.admin.contacts().find((c) => c.contactid === recordId)?.fields[FERRY_ID]).toBe(nora?.uid);
    updateContact(db, nora?.id ?? 0, { title: 'CTO' }, { region: 'US' });
    expect(await engine.syncNow(id)).toMatchObject({ updated: 1, created: 0 });
    expect(sandbox.admin.contacts()).toHaveLength(1);
    expect(record('nora@example.com')?.fields.jobtitle).toBe('CTO');
  });
});

describe('two-way rules on Dynamics 365: a field changed on both sides since they last agreed', () => {
  async function bothSidesEdit(rule: 'crm-wins' | 'ferry-wins' | 'latest-wins' | null): Promise<{ id: number; contactId: number }> {
    const c = createContact(db, cardId, { firstName: 'Ada', lastName: 'Lovelace', title: 'Analyst', emails: [{ value: 'ada@example.com' }] }, { region: 'US' });
    const id = await connectDynamics('two-way');
    await engine.syncNow(id);
    await engine.pullNow(id);
    if (rule) setFieldRule(db, id, 'title', rule);
    orgNow += 60_000;
    sandbox.admin.editContact(record('ada@example.com')?.contactid ?? '', { jobtitle: 'Engineer (CRM)' });
    updateContact(db, c.id, { title: 'Engineer (Ferry)' }, { region: 'US' });
    return { id, contactId: c.id };
  }

  titleRuleTests({
    crmName: 'Dynamics 365', db: () => db, engine: () => engine, bothSidesEdit, crmTitle: 'Engineer (CRM)',
    titleInCrm: () => record('ada@example.com')?.fields.jobtitle,
  });

  it('latest-wins takes the side changed last, by modifiedon and Ferry\'s updated_at', async () => {
    const { id, contactId } = await bothSidesEdit('latest-wins');
    // the CRM's edit is an hour after Ferry's (modifiedon is read as the CRM's time)
    orgNow = Date.now() + 3_600_000;
    sandbox.admin.editContact(record('ada@example.com')?.contactid ?? '', { jobtitle: 'Engineer (CRM, later)' });
    expect(await engine.pullNow(id)).toMatchObject({ conflicts: 0 });
    expect(getContact(db, contactId)?.title).toBe('Engineer (CRM, later)');
  });

});

describe('echoes', () => {
  it('push then pull: 0 changes applied, 0 pushed back; a pulled change is not pushed back to Dynamics 365', async () => {
    createContact(db, cardId, { firstName: 'Echo', lastName: 'One', title: 'T', website: 'https://echo.example', phones: [{ raw: '+1 415 555 0100' }], emails: [{ value: 'Echo@Example.com' }], addresses: [{ street: '1 Market St', city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'US' }] }, { region: 'US' });
    const id = await connectDynamics('two-way');
    await engine.syncNow(id);
    const pulled = await engine.pullNow(id);
    expect(pulled).toMatchObject({ updated: 0, created: 0, conflicts: 0 });
    expect(countOutbox(db, id).pending).toBe(0);
    sandbox.admin.clearRequests();
    expect((await engine.syncNow(id)).state).toBe('nothing_to_send');
    expect(sandbox.admin.recentRequests()).toHaveLength(0);

    orgNow += 60_000;
    sandbox.admin.editContact(record('echo@example.com')?.contactid ?? '', { jobtitle: 'From Dynamics', address1_city: 'Oakland' });
    expect((await engine.pullNow(id)).updated).toBe(1);
    expect(byEmail('echo@example.com')).toMatchObject({ title: 'From Dynamics', addresses: [expect.objectContaining({ city: 'Oakland', street: '1 Market St' })] });
    expect(countOutbox(db, id).pending).toBe(0);
    sandbox.admin.clearRequests();
    expect((await engine.syncNow(id)).state).toBe('nothing_to_send');
    expect(sandbox.admin.recentRequests()).toHaveLength(0);
  });
});
