/**
 * Pull and two-way sync against the HubSpot sandbox, real SQLite: a first full
 * pull links what Ferry has and creates the rest, an incremental pull reads only
 * what changed (search on lastmodifieddate), each two-way rule settles a field
 * both sides changed, and echoes never loop.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { createCard } from '../../main/store/cards';
import { countContacts, createContact, getContact, listContacts, updateContact } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';
import { countOutbox } from '../../main/store/outbox';
import { listConflicts } from '../../main/store/conflicts';
import { listHistory } from '../../main/store/contact-history';
import { setFieldRule } from '../../main/store/field-rules';
import { listPotentialDuplicates } from '../../main/store/potential-duplicates';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import type { TwoWayRule } from '../../preload/schemas/pull';
import { createPullService } from '../../main/pull/pull-service';
import { listRuns } from '../../main/store/sync-log';
import { tempDir } from '../support/temp-dir';

const TOKEN = 'pat-na1-ferry-pull-test-0001';
let sandbox: HubSpotSandbox;
let db: Db;
let engine: SyncEngine;
let cardId: number;

beforeEach(async () => {
  sandbox = await startHubSpotSandbox({ port: 0, token: TOKEN });
  db = openDatabase(tempDir());
  engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault: new InMemoryVault() }) });
  cardId = createCard(db, 'Pull').id;
});

afterEach(async () => {
  await engine.stop();
  db.close();
  await sandbox.close();
});

async function connectHubSpot(direction: 'pull' | 'two-way'): Promise<number> {
  const c = await engine.connect({ cardId, kind: 'hubspot', config: { baseUrl: sandbox.url, auth: 'private-app' }, secrets: { private_app_token: TOKEN } });
  engine.setDirection(c.id, direction);
  return c.id;
}

const person = (i: number): Record<string, string> => ({ email: `person${i}@example.com`, firstname: `First${i}`, lastname: `Last${i}`, company: 'Globex', jobtitle: 'Buyer' });
const searchCalls = (): number => sandbox.admin.recentRequests().filter((r) => r.path.endsWith('/contacts/search')).length;

describe('HubSpot pull', () => {
  it('a first pull links the contacts Ferry has (e-mail in any case) and creates the rest, once each', async () => {
    sandbox.admin.writeContacts(Array.from({ length: 250 }, (_, i) => ({ properties: person(i) })));
    const mine = createContact(db, cardId, { firstName: 'Mine', lastName: 'Zero', emails: [{ value: 'Person0@Example.com' }] }, { region: 'US' });
    const id = await connectHubSpot('pull');

    const progress: { read: number; done: boolean }[] = [];
    const off = engine.on('pullProgress', (p) => progress.push({ read: p.read, done: p.done }));
    const first = await engine.pullNow(id);
    off();
    expect(first).toMatchObject({ state: 'succeeded', read: 250, created: 249, updated: 1 });
    // the app's card follows page by page (100 per page), then hears the end
    expect(progress).toEqual([{ read: 100, done: false }, { read: 200, done: false }, { read: 250, done: false }, { read: 250, done: true }]);
    expect(countContacts(db, cardId)).toBe(250);
    // the linked contact is the one Ferry had: its empty fields are filled, the names both sides hold differently are
    // kept as conflicts (never agreed before, so neither may overwrite the other)
    expect(getContact(db, mine.id)).toMatchObject({ firstName: 'Mine', company: 'Globex', title: 'Buyer' });
    expect(getContact(db, mine.id)?.emails[0]?.value).toBe('Person0@Example.com');
    expect(listConflicts(db, { connectionId: id, state: 'open', limit: 10, offset: 0 }).items.map((c) => c.field).sort()).toEqual(['firstName', 'lastName']);
    // every HubSpot record now carries Ferry's key, so a later push updates it rather than creating a copy
    expect(sandbox.admin.contacts().every((c) => (c.properties.ferry_id ?? '') !== '')).toBe(true);
    // pull-only: nothing waits to be pushed
    expect(countOutbox(db, id).pending).toBe(0);

    const again = await engine.pullNow(id);
    expect(again).toMatchObject({ state: 'succeeded', created: 0, updated: 0 });
    expect(countContacts(db, cardId)).toBe(250);
  });

  it('an incremental pull reads only what changed in HubSpot, applies it with history, and costs one search when nothing did', async () => {
    sandbox.admin.writeContacts(Array.from({ length: 30 }, (_, i) => ({ properties: person(i) })));
    const id = await connectHubSpot('pull');
    await engine.pullNow(id);
    await engine.pullNow(id); // reads back the ferry_id stamps: an echo, nothing applied
    sandbox.admin.clearRequests();

    const target = sandbox.admin.contactByEmail('person7@example.com');
    sandbox.admin.writeContacts([{ id: target?.id ?? '', properties: { jobtitle: 'Head of Purchasing' } }]);
    const pulled = await engine.pullNow(id);
    expect(pulled).toMatchObject({ state: 'succeeded', updated: 1, created: 0 });
    const contact = listContacts(db, cardId).find((c) => c.emails[0]?.value === 'person7@example.com');
    expect(contact?.title).toBe('Head of Purchasing');
    expect(listHistory(db, contact?.id ?? 0, 10)[0]).toMatchObject({ field: 'title', old: 'Buyer', new: 'Head of Purchasing', connectionId: id });
    expect(searchCalls()).toBe(1);

    sandbox.admin.clearRequests();
    const idle = await engine.pullNow(id);
    expect(idle).toMatchObject({ updated: 0, created: 0 });
    // one search; HubSpot's archived contacts are read only when the connection takes deletes from HubSpot (pull/archived-records.ts)
    expect(sandbox.admin.recentRequests().map((r) => r.path)).toEqual(['/crm/v3/objects/contacts/search']);
  });
});

describe('HubSpot pull at scale', () => {
  it('a first pull of 10,000 records links the 5,000 Ferry has and creates 5,000: no duplicates, no record missed', { timeout: 300_000 }, async () => {
    sandbox.admin.setLimits({ rateLimit: 100_000, searchPerSecond: 1_000 });
    sandbox.admin.writeContacts(Array.from({ length: 10_000 }, (_, i) => ({ properties: person(i) })));
    for (let i = 0; i < 10_000; i += 2) createContact(db, cardId, { firstName: `First${i}`, lastName: `Last${i}`, company: 'Globex', title: 'Buyer', emails: [{ value: `PERSON${i}@example.com` }] }, { region: 'US' });
    const c = await engine.connect({ cardId, kind: 'hubspot', config: { baseUrl: sandbox.url, auth: 'private-app', rateLimit: { requests: 100_000, perMs: 10_000 } }, secrets: { private_app_token: TOKEN } });
    engine.setDirection(c.id, 'two-way');
    const pulled = await engine.pullNow(c.id);
    expect(pulled).toMatchObject({ state: 'succeeded', read: 10_000, created: 5_000, linked: 5_000, conflicts: 0 });
    expect(countContacts(db, cardId)).toBe(10_000);
    const emails = listContacts(db, cardId).map((x) => x.emails[0]?.value.toLowerCase());
    expect(new Set(emails).size).toBe(10_000);
    // nothing to push back: what was linked or created is what HubSpot holds
    expect(countOutbox(db, c.id).pending).toBe(0);
    sandbox.admin.clearRequests();
    expect((await engine.syncNow(c.id)).state).toBe('nothing_to_send');
    expect(sandbox.admin.recentRequests()).toHaveLength(0);
  });
});

describe('two-way rules: a field changed on both sides since they last agreed', () => {
  async function bothSidesEdit(rule: TwoWayRule | null): Promise<{ id: number; contactId: number }> {
    const c = createContact(db, cardId, { firstName: 'Ada', lastName: 'Lovelace', title: 'Analyst', emails: [{ value: 'ada@example.com' }] }, { region: 'US' });
    const id = await connectHubSpot('two-way');
    await engine.syncNow(id);
    await engine.pullNow(id);
    if (rule) setFieldRule(db, id, 'title', rule);
    const record = sandbox.admin.contactByEmail('ada@example.com');
    sandbox.admin.writeContacts([{ id: record?.id ?? '', properties: { jobtitle: 'Engineer (CRM)' } }]);
    updateContact(db, c.id, { title: 'Engineer (Ferry)' }, { region: 'US' });
    return { id, contactId: c.id };
  }

  it('ask (the default) keeps both values as a conflict and overwrites nothing', async () => {
    const { id, contactId } = await bothSidesEdit(null);
    const pulled = await engine.pullNow(id);
    expect(pulled.conflicts).toBe(1);
    expect(getContact(db, contactId)?.title).toBe('Engineer (Ferry)');
    const [conflict] = listConflicts(db, { connectionId: id, state: 'open', limit: 10, offset: 0 }).items;
    expect(conflict).toMatchObject({ field: 'title', ferryValue: 'Engineer (Ferry)', crmValue: 'Engineer (CRM)' });
    // the same disagreement on the next pull is the same conflict, not a second one
    await engine.pullNow(id);
    expect(listConflicts(db, { connectionId: id, state: 'open', limit: 10, offset: 0 }).total).toBe(1);
  });

  it('while a conflict is open a push sends the other changes and leaves the CRM\'s side of the field alone; taking Ferry\'s then sends it', async () => {
    const { id, contactId } = await bothSidesEdit(null);
    await engine.pullNow(id);
    updateContact(db, contactId, { lastName: 'King' }, { region: 'US' });
    await engine.syncNow(id);
    const held = (): Record<string, string> | undefined => sandbox.admin.contactByEmail('ada@example.com')?.properties;
    expect(held()).toMatchObject({ lastname: 'King', jobtitle: 'Engineer (CRM)' });
    // still the user's to settle: the next pull neither applies nor forgets it
    await engine.pullNow(id);
    const open = listConflicts(db, { connectionId: id, state: 'open', limit: 10, offset: 0 });
    expect(open.items.map((c) => [c.field, c.ferryValue, c.crmValue])).toEqual([['title', 'Engineer (Ferry)', 'Engineer (CRM)']]);
    expect(getContact(db, contactId)?.title).toBe('Engineer (Ferry)');
    const pull = createPullService({ db, sync: engine, now: () => Date.now() });
    await pull.resolve(open.items[0]?.id ?? 0, { take: 'ferry' });
    await engine.syncNow(id);
    expect(held()).toMatchObject({ lastname: 'King', jobtitle: 'Engineer (Ferry)' });
    expect(await engine.pullNow(id)).toMatchObject({ conflicts: 0, updated: 0 });
  });

  it('a conflict resolved with a typed value settles both sides and stays settled', async () => {
    const { id, contactId } = await bothSidesEdit(null);
    await engine.pullNow(id);
    const pull = createPullService({ db, sync: engine, now: () => Date.now() });
    const [conflict] = pull.conflicts({ connectionId: id, state: 'open', limit: 10, offset: 0 }).items;
    const resolved = await pull.resolve(conflict?.id ?? 0, { value: 'Principal Engineer' });
    expect(resolved).toMatchObject({ state: 'resolved', resolution: 'value', contactName: 'Ada Lovelace' });
    expect(getContact(db, contactId)?.title).toBe('Principal Engineer');
    expect(pull.history(contactId, 5)[0]).toMatchObject({ field: 'title', new: 'Principal Engineer', source: { kind: 'ferry' } });
    await engine.syncNow(id);
    expect(sandbox.admin.contactByEmail('ada@example.com')?.properties.jobtitle).toBe('Principal Engineer');
    expect(await engine.pullNow(id)).toMatchObject({ conflicts: 0, updated: 0 });
    await expect(pull.resolve(conflict?.id ?? 0, { take: 'crm' })).rejects.toThrow('already resolved');
  });

  it('crm-wins takes the CRM value; ferry-wins keeps Ferry\'s and sends it back', async () => {
    const crm = await bothSidesEdit('crm-wins');
    await engine.pullNow(crm.id);
    expect(getContact(db, crm.contactId)?.title).toBe('Engineer (CRM)');
    expect(countOutbox(db, crm.id).pending).toBe(0);
  });

  it('ferry-wins keeps Ferry\'s value and the next push sends it', async () => {
    const ferry = await bothSidesEdit('ferry-wins');
    await engine.pullNow(ferry.id);
    expect(getContact(db, ferry.contactId)?.title).toBe('Engineer (Ferry)');
    await engine.syncNow(ferry.id);
    expect(sandbox.admin.contactByEmail('ada@example.com')?.properties.jobtitle).toBe('Engineer (Ferry)');
  });

  it('latest-wins takes the later change by the two modification times', async () => {
    const { id, contactId } = await bothSidesEdit('latest-wins');
    // Ferry's edit came after the CRM's (both real clocks, Ferry's written last)
    await engine.pullNow(id);
    expect(getContact(db, contactId)?.title).toBe('Engineer (Ferry)');
  });

  it('crm-owns replaces a Ferry edit even when the CRM did not change; ferry-owns ignores CRM edits', async () => {
    const c = createContact(db, cardId, { firstName: 'Bo', lastName: 'Ng', title: 'A', emails: [{ value: 'bo@example.com' }] }, { region: 'US' });
    const id = await connectHubSpot('two-way');
    await engine.syncNow(id);
    setFieldRule(db, id, 'title', 'crm-owns');
    setFieldRule(db, id, 'company', 'ferry-owns');
    updateContact(db, c.id, { title: 'B (Ferry)' }, { region: 'US' });
    const record = sandbox.admin.contactByEmail('bo@example.com');
    sandbox.admin.writeContacts([{ id: record?.id ?? '', properties: { company: 'CRM Inc' } }]);
    await engine.pullNow(id);
    expect(getContact(db, c.id)).toMatchObject({ title: 'A', company: '' });
  });
});

describe('the scheduler', () => {
  it('an automatic pull connection reads its CRM by itself, and the run is in the Sync log as a pull', { timeout: 60_000 }, async () => {
    sandbox.admin.writeContacts([{ properties: person(1) }]);
    const id = await connectHubSpot('pull');
    engine.setMode(id, 'automatic');
    engine.start();
    // keyed to progress: wait until the contact the CRM holds is in Ferry and the run is recorded
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (listRuns(db, { connectionId: id, limit: 1, offset: 0 }).items[0]?.finishedAt) { clearInterval(t); resolve(); }
      }, 20);
    });
    const runs = listRuns(db, { connectionId: id, limit: 10, offset: 0 }).items;
    expect(runs[0]).toMatchObject({ kind: 'pull', trigger: 'automatic', created: 1 });
  });
});

describe('echoes', () => {
  it('push then pull: 0 changes applied, 0 pushed back; a pulled change is not pushed back to its CRM', async () => {
    createContact(db, cardId, { firstName: 'Echo', lastName: 'One', title: 'T', emails: [{ value: 'echo@example.com' }] }, { region: 'US' });
    const id = await connectHubSpot('two-way');
    await engine.syncNow(id);
    const pulled = await engine.pullNow(id);
    expect(pulled).toMatchObject({ updated: 0, created: 0, conflicts: 0 });
    expect(countOutbox(db, id).pending).toBe(0);

    const record = sandbox.admin.contactByEmail('echo@example.com');
    sandbox.admin.writeContacts([{ id: record?.id ?? '', properties: { jobtitle: 'From HubSpot' } }]);
    expect((await engine.pullNow(id)).updated).toBe(1);
    expect(countOutbox(db, id).pending).toBe(0);
    sandbox.admin.clearRequests();
    const push = await engine.syncNow(id);
    expect(push.state).toBe('nothing_to_send');
    expect(sandbox.admin.recentRequests().length).toBe(0);
  });

  it('a record that only shares a name is a potential duplicate, not a second contact', async () => {
    const c = createContact(db, cardId, { firstName: 'Sam', lastName: 'Lee', emails: [{ value: 'sam@ferry.example' }] }, { region: 'US' });
    sandbox.admin.writeContacts([{ properties: { email: 'sam.lee@other.example', firstname: 'Sam', lastname: 'Lee' } }]);
    const id = await connectHubSpot('pull');
    const pulled = await engine.pullNow(id);
    expect(pulled).toMatchObject({ created: 0, potentialDuplicates: 1 });
    expect(listPotentialDuplicates(db, { contactId: c.id })).toMatchObject([{ why: 'same name, different e-mail', crmEmail: 'sam.lee@other.example' }]);
    // read again (it changed in HubSpot), it is the same potential duplicate: not counted, not listed twice
    const record = sandbox.admin.contactByEmail('sam.lee@other.example');
    sandbox.admin.writeContacts([{ id: record?.id ?? '', properties: { jobtitle: 'Buyer' } }]);
    expect(await engine.pullNow(id)).toMatchObject({ read: 1, created: 0, potentialDuplicates: 0 });
    expect(listPotentialDuplicates(db, { contactId: c.id })).toHaveLength(1);
  });
});
