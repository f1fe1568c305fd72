/**
 * Pull and two-way sync against the Mailchimp sandbox, real SQLite: a first pull
 * over several pages of 1,000 members links what Ferry has and creates the rest,
 * an incremental pull reads only what changed (last_changed, one-second precision),
 * members sharing one last_changed across a page boundary are all read, rules
 * settle a field both sides changed, echoes never loop, and an archived member
 * reaches Ferry as a delete when the connection takes them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startMailchimpSandbox, SANDBOX_AUDIENCE_ID, type MailchimpSandbox } from '../../main/sandbox/mailchimp/index';
import { createCard } from '../../main/store/cards';
import { requireConnection } from '../../main/store/connections';
import { countContacts, createContact, getContact, listContacts, updateContact } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';
import { countOutbox } from '../../main/store/outbox';
import { listHistory } from '../../main/store/contact-history';
import { setFieldRule } from '../../main/store/field-rules';
import { fromCrmDeleteSentence, setFromCrmDeleteMode } from '../../main/forget/delete-setting';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import { MEMBER_PAGE } from '../../main/crm/mailchimp/pull';
import { tempDir } from '../support/temp-dir';
import { titleRuleTests } from '../support/title-rule-tests';

const KEY = '0123456789abcdef0123456789abcdef-us21';
const LIST_ROUTE = 'GET /3.0/lists/:list/members';
let sandbox: MailchimpSandbox;
let db: Db;
let engine: SyncEngine;
let cardId: number;
/** Mailchimp's clock: frozen between steps, so members written together share one last_changed (to the second) */
let mailchimpNow = Date.parse('2026-11-02T09:00:00.000Z');
const tick = (): void => { mailchimpNow += 60_000; };

beforeEach(async () => {
  mailchimpNow = Date.parse('2026-11-02T09:00:00.000Z');
  sandbox = await startMailchimpSandbox({ port: 0, apiKey: KEY, clock: () => mailchimpNow });
  db = openDatabase(tempDir());
  engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault: new InMemoryVault() }) });
  cardId = createCard(db, 'Pull').id;
});

afterEach(async () => {
  await engine.stop();
  db.close();
  await sandbox.close();
});

async function connectMailchimp(direction: 'pull' | 'two-way'): Promise<number> {
  const c = await engine.connect({ cardId, kind: 'mailchimp', config: { baseUrl: sandbox.apiRoot, auth: 'api-key', audience: SANDBOX_AUDIENCE_ID }, secrets: { access_token: KEY } });
  engine.setDirection(c.id, direction);
  return c.id;
}

const email = (i: number): string => `person${i}@example.com`;
/** members added in Mailchimp (a signup form, an import), all in the current second */
const seed = (n: number): void => { for (let i = 0; i < n; i++) sandbox.admin.addMember(email(i), { FNAME: `First${i}`, LNAME: `Last${i}`, TITLE: 'Buyer' }); };
const listCalls = (): number => sandbox.admin.recentRequests().filter((r) => r.route === LIST_ROUTE).length;
const byEmail = (address: string) => listContacts(db, cardId).find((c) => c.emails[0]?.value.toLowerCase() === address);

describe('the sandbox lists members as Mailchimp does', () => {
  const get = async (query: string): Promise<{ status: number; body: { members?: { email_address: string; status: string; last_changed: string }[]; total_items?: number } }> => {
    const answer = await fetch(`${sandbox.apiRoot}/lists/${SANDBOX_AUDIENCE_ID}/members?${query}`, { headers: { authorization: `Basic ${Buffer.from(`any:${KEY}`).toString('base64')}` } });
    return { status: answer.status, body: await answer.json() as never };
  };

  it('by last_changed to the second, strictly after since_last_changed, at most 1,000 a page; archived members only when asked for', async () => {
    sandbox.admin.addMember('a@example.com');
    mailchimpNow += 1_500;
    sandbox.admin.addMember('b@example.com');
    sandbox.admin.addMember('c@example.com');
    sandbox.admin.archiveMember('c@example.com');
    const all = await get('sort_field=last_changed&sort_dir=ASC&count=1000');
    expect(all.body.members?.map((m) => m.email_address)).toEqual(['a@example.com', 'b@example.com']);
    // Mailchimp's format: to the second, with an offset
    expect(all.body.members?.[0]?.last_changed).toBe('2026-11-02T09:00:00+00:00');
    const after = await get(`sort_field=last_changed&since_last_changed=${encodeURIComponent('2026-11-02T09:00:00+00:00')}`);
    expect(after.body.members?.map((m) => m.email_address)).toEqual(['b@example.com']);
    expect((await get('status=archived')).body.members?.map((m) => [m.email_address, m.status])).toEqual([['c@example.com', 'archived']]);
    expect((await get('count=1001')).status).toBe(400);
    expect((await get('since_last_changed=yesterday-ish')).status).toBe(400);
    expect((await get('count=1&offset=1')).body).toMatchObject({ total_items: 2, members: [expect.objectContaining({ email_address: 'b@example.com' })] });
  });
});

describe('Mailchimp pull', () => {
  it('a first pull of 2,500 members over three pages links the contacts Ferry has (e-mail in any case) and creates the rest, once each, and stamps FERRYID', { timeout: 120_000 }, async () => {
    seed(2_500);
    for (let i = 0; i < 2_500; i += 10) createContact(db, cardId, { firstName: `First${i}`, lastName: `Last${i}`, title: 'Buyer', emails: [{ value: `PERSON${i}@Example.com` }] }, { region: 'US' });
    const id = await connectMailchimp('pull');
    sandbox.admin.clearRequests();

    const first = await engine.pullNow(id);
    expect(first).toMatchObject({ state: 'succeeded', read: 2_500, created: 2_250, linked: 250, conflicts: 0 });
    // every member shares one second: the window cannot move, so the offset pages within it
    expect(listCalls()).toBeGreaterThanOrEqual(Math.ceil(2_500 / MEMBER_PAGE));
    expect(countContacts(db, cardId)).toBe(2_500);
    expect(new Set(listContacts(db, cardId).map((c) => c.emails[0]?.value.toLowerCase())).size).toBe(2_500);
    const links = db.prepare('SELECT COUNT(DISTINCT external_id) FROM sync_links WHERE connection_id = ?').pluck().get(id) as number;
    expect(links).toBe(2_500);
    // every member now carries Ferry's key, each a different contact's
    const stamped = sandbox.admin.members().map((m) => String(m.merge_fields.FERRYID ?? ''));
    expect(stamped.filter(Boolean)).toHaveLength(2_500);
    expect(new Set(stamped).size).toBe(2_500);
    expect(countOutbox(db, id).pending).toBe(0);

    tick();
    const again = await engine.pullNow(id);
    expect(again).toMatchObject({ state: 'succeeded', created: 0, updated: 0, conflicts: 0 });
    expect(countContacts(db, cardId)).toBe(2_500);
  });

  it('an incremental pull reads only what changed, with history, and costs one call when nothing did', async () => {
    seed(30);
    const id = await connectMailchimp('pull');
    await engine.pullNow(id);
    tick();
    await engine.pullNow(id); // reads back the FERRYID stamps: an echo, nothing applied

    tick();
    sandbox.admin.editMember(email(7), { TITLE: 'Head of Purchasing' });
    sandbox.admin.clearRequests();
    const pulled = await engine.pullNow(id);
    expect(pulled).toMatchObject({ state: 'succeeded', read: 1, updated: 1, created: 0 });
    const contact = byEmail(email(7));
    expect(contact?.title).toBe('Head of Purchasing');
    expect(listHistory(db, contact?.id ?? 0, 10)[0]).toMatchObject({ field: 'title', old: 'Buyer', new: 'Head of Purchasing', connectionId: id });

    sandbox.admin.clearRequests();
    expect(await engine.pullNow(id)).toMatchObject({ read: 0, updated: 0, created: 0 });
    expect(sandbox.admin.recentRequests()).toHaveLength(1);
  });

  it('members sharing one last_changed across a page boundary are all read', { timeout: 120_000 }, async () => {
    seed(1_300);
    const id = await connectMailchimp('pull');
    await engine.pullNow(id);
    tick();
    await engine.pullNow(id);

    // two mass edits, one second each: the first page ends inside the second one
    tick();
    for (let i = 0; i < 500; i++) sandbox.admin.editMember(email(i), { TITLE: 'Mass edit one' });
    tick();
    for (let i = 500; i < 1_300; i++) sandbox.admin.editMember(email(i), { TITLE: 'Mass edit two' });
    sandbox.admin.clearRequests();
    const pulled = await engine.pullNow(id);
    expect(pulled).toMatchObject({ state: 'succeeded', read: 1_300, updated: 1_300 });
    expect(listContacts(db, cardId).filter((c) => c.title === 'Mass edit one')).toHaveLength(500);
    expect(listContacts(db, cardId).filter((c) => c.title === 'Mass edit two')).toHaveLength(800);
    expect(listCalls()).toBe(2);
  });

  it('a member who only shares a name is not a second contact', async () => {
    createContact(db, cardId, { firstName: 'Sam', lastName: 'Lee', emails: [{ value: 'sam@ferry.example' }] }, { region: 'US' });
    sandbox.admin.addMember('sam.lee@other.example', { FNAME: 'Sam', LNAME: 'Lee' });
    const id = await connectMailchimp('pull');
    expect(await engine.pullNow(id)).toMatchObject({ created: 0, potentialDuplicates: 1 });
  });
});

describe('two-way rules on Mailchimp: a field changed on both sides since they last agreed', () => {
  async function bothSidesEdit(rule: 'crm-wins' | 'ferry-wins' | null): Promise<{ id: number; contactId: number }> {
    const c = createContact(db, cardId, { firstName: 'Ada', lastName: 'Lovelace', title: 'Analyst', emails: [{ value: 'ada@example.com' }] }, { region: 'US' });
    const id = await connectMailchimp('two-way');
    await engine.syncNow(id);
    await engine.pullNow(id);
    if (rule) setFieldRule(db, id, 'title', rule);
    tick();
    sandbox.admin.editMember('ada@example.com', { TITLE: 'Engineer (Mailchimp)' });
    updateContact(db, c.id, { title: 'Engineer (Ferry)' }, { region: 'US' });
    return { id, contactId: c.id };
  }

  titleRuleTests({
    crmName: 'Mailchimp', db: () => db, engine: () => engine, bothSidesEdit, crmTitle: 'Engineer (Mailchimp)',
    titleInCrm: () => sandbox.admin.member('ada@example.com')?.merge_fields.TITLE,
  });

});

describe('echoes', () => {
  it('push then pull: 0 changes applied, 0 pushed back; a pulled change is not pushed back to Mailchimp', async () => {
    createContact(db, cardId, {
      firstName: 'Echo', lastName: 'One', title: 'T', company: 'Echo Co', phones: [{ raw: '+1 415 555 0100' }], emails: [{ value: 'Echo@Example.com' }],
      addresses: [{ street: '1 Market St', city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'US' }], tags: ['marketing-consent'],
      meeting: { at: null, place: 'Booth 4', event: 'Expo', notes: '' },
    }, { region: 'US' });
    const id = await connectMailchimp('two-way');
    await engine.syncNow(id);
    tick();
    const pulled = await engine.pullNow(id);
    expect(pulled).toMatchObject({ read: 1, updated: 0, created: 0, conflicts: 0 });
    expect(countOutbox(db, id).pending).toBe(0);

    tick();
    sandbox.admin.editMember('echo@example.com', { TITLE: 'From Mailchimp', ADDRESS: { addr1: '1 Market St', addr2: '', city: 'Oakland', state: 'CA', zip: '94105', country: 'US' } });
    expect((await engine.pullNow(id)).updated).toBe(1);
    expect(byEmail('echo@example.com')).toMatchObject({ title: 'From Mailchimp', addresses: [expect.objectContaining({ city: 'Oakland', street: '1 Market St' })] });
    expect(countOutbox(db, id).pending).toBe(0);
    sandbox.admin.clearRequests();
    expect((await engine.syncNow(id)).state).toBe('nothing_to_send');
    expect(sandbox.admin.recentRequests()).toHaveLength(0);
  });
});

describe('members archived in Mailchimp reaching Ferry on pull', () => {
  it('delete: an archived member\'s contact is deleted in Ferry, the others stay; off (the default) lists nothing', async () => {
    const ada = createContact(db, cardId, { firstName: 'Ada', emails: [{ value: 'ada@example.com' }] }, { region: 'US' }).id;
    const bob = createContact(db, cardId, { firstName: 'Bob', emails: [{ value: 'bob@example.com' }] }, { region: 'US' }).id;
    const id = await connectMailchimp('two-way');
    await engine.syncNow(id);
    await engine.pullNow(id);
    tick();
    expect(sandbox.admin.archiveMember('ada@example.com')).toBe(true);

    sandbox.admin.clearRequests();
    await engine.pullNow(id);
    expect(getContact(db, ada)?.deletedAt).toBeNull();
    // Ferry does not look for archived members: the incremental read only
    expect(listCalls()).toBe(1);

    // Mailchimp's word is "archive", and only archived members are listed: the setting says so
    expect(setFromCrmDeleteMode(db, id, 'delete', Date.now())).toBeDefined();
    expect(fromCrmDeleteSentence(requireConnection(db, id))).toMatch(/^Contacts archived in Mailchimp are deleted in Ferry too/);
    sandbox.admin.clearRequests();
    const pulled = await engine.pullNow(id);
    // the incremental read, and one page of archived members
    expect(listCalls()).toBe(2);
    expect(getContact(db, ada)?.deletedAt).not.toBeNull();
    expect(pulled.error).toBe('1 contact was archived in Mailchimp: see the log.');
    expect(db.prepare('SELECT message FROM sync_events WHERE contact_id = ? ORDER BY id DESC LIMIT 1').pluck().get(ada)).toBe('Archived in Mailchimp, so deleted in Ferry too (Restore brings it back).');
    expect(getContact(db, bob)?.deletedAt).toBeNull();
    expect(countOutbox(db, id).pending).toBe(0);
  });
});
