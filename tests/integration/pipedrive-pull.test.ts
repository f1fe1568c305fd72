/**
 * Pull and two-way sync against the Pipedrive sandbox, real SQLite: a first pull
 * over several cursor pages links what Ferry has and creates the rest, stamping
 * Ferry's ID on every person; an incremental pull reads only what changed
 * (updated_since); persons sharing one update_time across a page boundary are all
 * read when Ferry restarts between the pages; rules settle a field both sides
 * changed; echoes never loop.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startPipedriveSandbox, type PipedriveSandbox, type SandboxPerson } from '../../main/sandbox/pipedrive/index';
import { createCard } from '../../main/store/cards';
import { createConnection, requireConnection } from '../../main/store/connections';
import { reverseMapping } from '../../main/mapping/reverse';
import { countContacts, createContact, getContact, listContacts, updateContact } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';
import { countOutbox } from '../../main/store/outbox';
import { listConflicts } from '../../main/store/conflicts';
import { readCheckpoint } from '../../main/store/pull-checkpoints';
import { listHistory } from '../../main/store/contact-history';
import { setFieldRule } from '../../main/store/field-rules';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import { saveMapping } from '../../main/mapping/save';
import { PULL_PAGE_SIZE } from '../../main/crm/pipedrive/pull';
import { FakeClock } from '../support/fake-clock';
import { tempDir } from '../support/temp-dir';
import { runFerry } from '../support/run-ferry';

const TOKEN = 'pd-pull-test-token-0123456789';
let sandbox: PipedriveSandbox;
let db: Db;
let dataDir: string;
let engines: SyncEngine[];
/** one keychain for every engine of a test: a restarted Ferry reads the same secrets */
let vault: InMemoryVault;
let engine: SyncEngine;
let cardId: number;
/** the sandbox company's clock: frozen, so persons written together share one update_time (Pipedrive's is to the second) */
let companyNow = Date.parse('2026-11-02T09:00:00.000Z');

const newEngine = (): SyncEngine => {
  const e = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault }), clock: new FakeClock(Date.now()), random: () => 0.5 });
  engines.push(e);
  return e;
};

beforeEach(async () => {
  companyNow = Date.parse('2026-11-02T09:00:00.000Z');
  sandbox = await startPipedriveSandbox({ port: 0, token: TOKEN, clock: () => companyNow, limits: { burst: 100_000, searchBurst: 100_000, dailyBudget: 1_000_000_000 } });
  dataDir = tempDir();
  db = openDatabase(dataDir);
  engines = [];
  vault = new InMemoryVault();
  engine = newEngine();
  cardId = createCard(db, 'Pull').id;
});

afterEach(async () => {
  for (const e of engines) await e.stop();
  db.close();
  await sandbox.close();
});

async function connectPipedrive(direction: 'pull' | 'two-way'): Promise<number> {
  const c = await engine.connect({ cardId, kind: 'pipedrive', mode: 'manual', config: { baseUrl: sandbox.url, auth: 'private-app' }, secrets: { private_app_token: TOKEN } });
  engine.setDirection(c.id, direction);
  return c.id;
}

const seed = (n: number): SandboxPerson[] => Array.from({ length: n }, (_, i) => sandbox.admin.seedPerson({ name: `First${i} Last${i}`, emails: [`person${i}@example.com`], phones: [`+1415555${String(i).padStart(4, '0')}`] }));
const listCalls = (): number => sandbox.admin.recentRequests().filter((r) => r.method === 'GET' && r.path === '/api/v2/persons').length;
const byEmail = (email: string) => listContacts(db, cardId).find((c) => c.emails[0]?.value.toLowerCase() === email);
const ferryId = (p: SandboxPerson | undefined): string => (p?.custom_fields[sandbox.admin.fieldKey('Ferry ID') ?? ''] ?? '');
const personByEmail = (email: string): SandboxPerson | undefined => sandbox.admin.persons().find((p) => p.emails[0]?.value === email);

describe('Pipedrive pull', () => {
  it('a first pull of 2,000 persons over several pages links the contacts Ferry has (e-mail in any case) and creates the rest, once each', { timeout: 180_000 }, async () => {
    seed(2_000);
    for (let i = 0; i < 2_000; i += 10) createContact(db, cardId, { firstName: `First${i}`, lastName: `Last${i}`, emails: [{ value: `PERSON${i}@Example.com` }], phones: [{ raw: `(415) 555-${String(i).padStart(4, '0')}` }] }, { region: 'US' });
    const id = await connectPipedrive('pull');
    sandbox.admin.clearRequests();

    const first = await engine.pullNow(id);
    expect(first).toMatchObject({ state: 'succeeded', read: 2_000, created: 1_800, linked: 200, conflicts: 0 });
    expect(listCalls()).toBe(2_000 / PULL_PAGE_SIZE);
    // one Ferry ID stamp per person (Pipedrive has no batch update), besides the list pages
    const byRoute = sandbox.admin.requests().byRoute;
    expect(byRoute['PATCH /api/v2/persons/:id']).toBe(2_000);
    expect(countContacts(db, cardId)).toBe(2_000);
    expect(new Set(listContacts(db, cardId).map((c) => c.emails[0]?.value.toLowerCase())).size).toBe(2_000);
    expect(byEmail('person11@example.com')).toMatchObject({ firstName: 'First11', lastName: 'Last11', phones: [expect.objectContaining({ raw: '+14155550011' })] });
    const links = db.prepare('SELECT COUNT(DISTINCT external_id) FROM sync_links WHERE connection_id = ?').pluck().get(id) as number;
    expect(links).toBe(2_000);
    // every person now carries its contact's Ferry ID, each a different one
    const uids = new Map((db.prepare('SELECT l.external_id AS e, c.uid AS u FROM sync_links l JOIN contacts c ON c.id = l.contact_id WHERE l.connection_id = ?').all(id) as { e: string; u: string }[]).map((r) => [r.e, r.u]));
    for (const p of sandbox.admin.persons()) expect(ferryId(p)).toBe(uids.get(String(p.id)));
    expect(countOutbox(db, id).pending).toBe(0);

    companyNow += 60_000;
    const again = await engine.pullNow(id);
    expect(again).toMatchObject({ state: 'succeeded', created: 0, updated: 0, conflicts: 0 });
    expect(countContacts(db, cardId)).toBe(2_000);
  });

  it('an incremental pull reads only what changed, with history, and costs one list call when nothing did', async () => {
    const persons = seed(30);
    const id = await connectPipedrive('pull');
    await engine.pullNow(id);
    companyNow += 60_000;
    await engine.pullNow(id); // reads back the Ferry ID stamps: an echo, nothing applied

    companyNow += 60_000;
    // as a user in Pipedrive, through the sandbox's HTTP admin route
    const edit = await fetch(`${sandbox.url}/__sandbox/persons/${persons[7]?.id ?? 0}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'First7 Lastname-Changed', emails: ['person7@example.com', 'p7@home.example'] }) });
    expect(edit.status).toBe(200);
    sandbox.admin.clearRequests();
    const pulled = await engine.pullNow(id);
    expect(pulled).toMatchObject({ state: 'succeeded', updated: 1, created: 0 });
    const contact = byEmail('person7@example.com');
    expect(contact).toMatchObject({ firstName: 'First7', lastName: 'Lastname-Changed', emails: [{ value: 'person7@example.com' }, expect.objectContaining({ value: 'p7@home.example' })] });
    // beside the entries of its creation by the first pull (old: null)
    expect(listHistory(db, contact?.id ?? 0, 20).filter((h) => h.old !== null).map((h) => [h.field, h.new])).toEqual(expect.arrayContaining([
      ['lastName', 'First7 Lastname-Changed'], ['emails', expect.stringContaining('p7@home.example')],
    ]));
    expect(listHistory(db, contact?.id ?? 0, 20).filter((h) => h.old !== null)).toHaveLength(2);
    expect(sandbox.admin.recentRequests().filter((r) => r.method !== 'GET')).toHaveLength(0);

    companyNow += 60_000;
    sandbox.admin.clearRequests();
    // the card's "N records pulled" counts what reached Ferry: 30 created, then 1 updated;
    // the person of the last second that every pull reads again is not pulled again
    const before = readCheckpoint(db, id).pulled;
    expect(before).toBe(31);
    const echo = await engine.pullNow(id);
    expect(echo).toMatchObject({ updated: 0, created: 0 });
    expect(echo.read).toBeGreaterThan(0);
    expect(sandbox.admin.recentRequests()).toHaveLength(1);
    expect(readCheckpoint(db, id).pulled).toBe(before);
  });

  it('persons sharing one update_time across a page boundary are all read when Ferry restarts between the pages', { timeout: 120_000 }, async () => {
    const persons = seed(PULL_PAGE_SIZE + 100);
    const id = await connectPipedrive('pull');
    await engine.pullNow(id);
    companyNow += 60_000;
    await engine.pullNow(id);

    // a bulk edit in Pipedrive: every person gets the same update_time (one-second precision)
    companyNow += 60_000;
    for (const p of persons) sandbox.admin.editPerson(p.id, { name: `${p.name} Bulk` });
    // Ferry stops after the first page (the app quits): Pipedrive's cursor dies with the process
    const stopped = await engine.pullNow(id, 'manual', (p) => { if (p.pages === 1) engine.pause(id); });
    expect(stopped).toMatchObject({ state: 'interrupted', read: PULL_PAGE_SIZE });
    const restarted = newEngine();
    restarted.resume(id);
    const resumed = await restarted.pullNow(id);
    expect(resumed.state).toBe('succeeded');
    expect(listContacts(db, cardId).filter((c) => c.lastName.endsWith('Bulk'))).toHaveLength(persons.length);
  });

  it('a person that only shares a name is not a second contact', async () => {
    createContact(db, cardId, { firstName: 'Sam', lastName: 'Lee', emails: [{ value: 'sam@ferry.example' }] }, { region: 'US' });
    sandbox.admin.seedPerson({ name: 'Sam Lee', emails: ['sam.lee@other.example'] });
    const id = await connectPipedrive('pull');
    expect(await engine.pullNow(id)).toMatchObject({ created: 0, potentialDuplicates: 1 });
  });

  it('a field the mapping sends to a Pipedrive custom field of its own is read back from it', async () => {
    const c = createContact(db, cardId, { firstName: 'Rosa', lastName: 'Role', title: 'Buyer', emails: [{ value: 'rosa@example.com' }] }, { region: 'US' });
    const id = await connectPipedrive('two-way');
    const res = await fetch(`${sandbox.url}/api/v2/personFields`, { method: 'POST', headers: { 'x-api-token': TOKEN, 'content-type': 'application/json' }, body: JSON.stringify({ field_name: 'Role', field_type: 'varchar' }) });
    const role = String(((await res.json()) as { data: { field_code: string } }).data.field_code);
    saveMapping(db, id, { fields: { title: { target: role } } }, Date.now());
    const reverse = reverseMapping(await engine.connectorOf(id), requireConnection(db, id));
    expect(reverse.fields.map((f) => f.field)).toContain('title');
    expect(reverse.notReadable.map((f) => f.field)).not.toContain('title');
    expect(reverse.notReadable.map((f) => f.field)).toContain('company');
    await engine.syncNow(id);
    expect(await engine.pullNow(id)).toMatchObject({ updated: 0, conflicts: 0 });
    companyNow += 60_000;
    sandbox.admin.editPerson(personByEmail('rosa@example.com')?.id ?? 0, { custom: { Role: 'Head of Buying' } });
    expect(await engine.pullNow(id)).toMatchObject({ updated: 1 });
    expect(getContact(db, c.id)?.title).toBe('Head of Buying');
    expect(countOutbox(db, id).pending).toBe(0);
  });

  it('`ferry pull --connection pipedrive` pulls from the command line (token from the environment)', async () => {
    seed(3);
    const dir = tempDir();
    const own = openDatabase(dir);
    const card = createCard(own, 'CLI').id;
    createConnection(own, { cardId: card, kind: 'pipedrive', label: 'Pipedrive', direction: 'pull', config: { baseUrl: sandbox.url, tokenEnv: 'FERRY_PIPEDRIVE_TOKEN', auth: 'private-app' } });
    own.close();
    // in a shell without the token: the sentence names it and fits a pull (it said "Set it and sync again")
    const without = await runFerry(['--data-dir', dir, 'pull', '--connection', 'pipedrive'], { FERRY_PIPEDRIVE_TOKEN: '' });
    expect(without.code).toBe(1);
    expect(without.stdout + without.stderr).toContain('The environment variable FERRY_PIPEDRIVE_TOKEN, which should hold the Pipedrive credentials, is not set. Set it and try again.');
    const r = await runFerry(['--data-dir', dir, 'pull', '--connection', 'pipedrive'], { FERRY_PIPEDRIVE_TOKEN: TOKEN });
    expect(r.code, r.stderr).toBe(0);
    const after = openDatabase(dir);
    expect(countContacts(after, card)).toBe(3);
    after.close();
  });

  it('`ferry rules pipedrive` lists what is read and why the rest is not', async () => {
    await connectPipedrive('pull');
    const r = await runFerry(['--data-dir', dataDir, 'rules', 'pipedrive']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/firstName/);
    expect(r.stdout).toMatch(/emails/);
    expect(r.stdout).toMatch(/title.*Ferry details/);
  });
});

describe('two-way rules on Pipedrive: a field changed on both sides since they last agreed', () => {
  async function bothSidesEdit(rule: 'crm-wins' | 'ferry-wins' | null): Promise<{ id: number; contactId: number }> {
    const c = createContact(db, cardId, { firstName: 'Ada', lastName: 'Lovelace', title: 'Analyst', emails: [{ value: 'ada@example.com' }] }, { region: 'US' });
    const id = await connectPipedrive('two-way');
    await engine.syncNow(id);
    await engine.pullNow(id);
    if (rule) setFieldRule(db, id, 'emails', rule);
    companyNow += 60_000;
    sandbox.admin.editPerson(personByEmail('ada@example.com')?.id ?? 0, { emails: ['ada@crm.example'] });
    updateContact(db, c.id, { emails: [{ value: 'ada@ferry.example' }] }, { region: 'US' });
    return { id, contactId: c.id };
  }

  it('ask (the default) keeps both values as a conflict and overwrites nothing', async () => {
    const { id, contactId } = await bothSidesEdit(null);
    expect((await engine.pullNow(id)).conflicts).toBe(1);
    expect(getContact(db, contactId)?.emails[0]?.value).toBe('ada@ferry.example');
    const [conflict] = listConflicts(db, { connectionId: id, state: 'open', limit: 10, offset: 0 }).items;
    expect(conflict?.field).toBe('emails');
    expect(conflict?.ferryValue).toContain('ada@ferry.example');
    expect(conflict?.crmValue).toContain('ada@crm.example');
    // `ferry conflicts` names the CRM whose value it is (it said only "CRM", with four connected)
    const listed = await runFerry(['--data-dir', dataDir, 'conflicts']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/emails: Ferry “.*ada@ferry\.example.*” · Pipedrive “.*ada@crm\.example.*”/);
  });

  it('crm-wins takes the CRM value and pushes nothing back', async () => {
    const { id, contactId } = await bothSidesEdit('crm-wins');
    await engine.pullNow(id);
    expect(getContact(db, contactId)?.emails.map((e) => e.value)).toEqual(['ada@crm.example']);
    expect(countOutbox(db, id).pending).toBe(0);
  });

  it('ferry-wins keeps Ferry\'s value and the next push sends it', async () => {
    const { id, contactId } = await bothSidesEdit('ferry-wins');
    await engine.pullNow(id);
    expect(getContact(db, contactId)?.emails.map((e) => e.value)).toEqual(['ada@ferry.example']);
    await engine.syncNow(id);
    expect(sandbox.admin.persons().map((p) => p.emails.map((e) => e.value))).toEqual([['ada@ferry.example']]);
  });
});

describe('two-way rules on Pipedrive\'s one name: each part under its own rule', () => {
  it('ferry-wins on the first name keeps Ferry\'s and the next push sends it, though the last name agrees', async () => {
    const c = createContact(db, cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }] }, { region: 'US' });
    const id = await connectPipedrive('two-way');
    await engine.syncNow(id);
    await engine.pullNow(id);
    setFieldRule(db, id, 'firstName', 'ferry-wins');
    companyNow += 60_000;
    sandbox.admin.editPerson(personByEmail('ada@example.com')?.id ?? 0, { name: 'Augusta Lovelace' });
    updateContact(db, c.id, { firstName: 'Countess' }, { region: 'US' });
    expect(await engine.pullNow(id)).toMatchObject({ conflicts: 0 });
    expect(getContact(db, c.id)).toMatchObject({ firstName: 'Countess', lastName: 'Lovelace' });
    await engine.syncNow(id);
    expect(personByEmail('ada@example.com')?.name).toBe('Countess Lovelace');
  });
});

describe('echoes', () => {
  it('push then pull: 0 changes applied, 0 pushed back; a pulled change is not pushed back to Pipedrive', async () => {
    createContact(db, cardId, {
      firstName: 'Echo', lastName: 'One', title: 'T', phones: [{ raw: '(415) 555-0100', label: 'Mobile' }], emails: [{ value: 'Echo@Example.com', label: 'Office' }, { value: 'echo@home.example', label: 'Home' }],
    }, { region: 'US' });
    const id = await connectPipedrive('two-way');
    await engine.syncNow(id);
    const pulled = await engine.pullNow(id);
    expect(pulled).toMatchObject({ read: 1, updated: 0, created: 0, conflicts: 0 });
    expect(countOutbox(db, id).pending).toBe(0);

    companyNow += 60_000;
    const person = sandbox.admin.persons()[0];
    sandbox.admin.editPerson(person?.id ?? 0, { name: 'Echo Two', phones: [{ value: '+14155550100', primary: true, label: 'mobile' }, { value: '+14155550199', primary: false, label: 'work' }] });
    expect((await engine.pullNow(id)).updated).toBe(1);
    const contact = listContacts(db, cardId)[0];
    // what Ferry had stays as the rep typed it (labels, spelling); only the change is applied
    expect(contact).toMatchObject({ firstName: 'Echo', lastName: 'Two', title: 'T' });
    expect(contact?.phones.map((p) => [p.raw, p.label])).toEqual([['(415) 555-0100', 'Mobile'], ['+14155550199', 'work']]);
    expect(contact?.emails.map((e) => e.label)).toEqual(['Office', 'Home']);
    expect(countOutbox(db, id).pending).toBe(0);
    sandbox.admin.clearRequests();
    expect((await engine.syncNow(id)).state).toBe('nothing_to_send');
    expect(sandbox.admin.recentRequests()).toHaveLength(0);
  });

  it('a middle initial added in Pipedrive reaches Ferry and is never pushed back over the rep\'s edit', async () => {
    // found trying the README: "Dorothy Vaughan" edited to "Dorothy J. Vaughan" in Pipedrive read as
    // unchanged, and the next sync wrote "Dorothy Vaughan" back into Pipedrive
    createContact(db, cardId, { firstName: 'Dorothy', lastName: 'Vaughan', emails: [{ value: 'dorothy@nasa.example' }] }, { region: 'US' });
    createContact(db, cardId, { firstName: 'Ludwig', lastName: 'van Beethoven', emails: [{ value: 'lvb@bonn.example' }] }, { region: 'US' });
    const id = await connectPipedrive('two-way');
    await engine.syncNow(id);
    await engine.pullNow(id);
    companyNow += 60_000;
    const byName = (name: string) => sandbox.admin.persons().find((p) => p.name === name);
    sandbox.admin.editPerson(byName('Dorothy Vaughan')?.id ?? 0, { name: 'Dorothy J. Vaughan' });
    sandbox.admin.editPerson(byName('Ludwig van Beethoven')?.id ?? 0, { name: 'Louis van Beethoven' });
    expect(await engine.pullNow(id)).toMatchObject({ updated: 2, conflicts: 0 });
    expect(byEmail('dorothy@nasa.example')).toMatchObject({ firstName: 'Dorothy J.', lastName: 'Vaughan' });
    expect(byEmail('lvb@bonn.example')).toMatchObject({ firstName: 'Louis', lastName: 'van Beethoven' });
    expect(countOutbox(db, id).pending).toBe(0);
    expect((await engine.syncNow(id)).state).toBe('nothing_to_send');
    expect(byName('Dorothy J. Vaughan')).toBeDefined();
  });
});
