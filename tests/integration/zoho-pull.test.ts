/**
 * Pull and two-way sync against the Zoho CRM sandbox, real SQLite: a first pull
 * over several COQL pages links what Ferry has and creates the rest, an
 * incremental pull reads only what changed (Modified_Time), records sharing one
 * Modified_Time second across a page boundary are all read, rules settle a field
 * both sides changed, echoes never loop, and deletes in Zoho reach Ferry when the
 * connection takes them.
 */
import { describe, expect, it } from 'vitest';
import { PROBE_PAGE_SIZE, PULL_PAGE_SIZE } from '../../main/crm/zoho/pull';
import { listHistory } from '../../main/store/contact-history';
import { listConflicts } from '../../main/store/conflicts';
import { countContacts, createContact, getContact, listContacts, updateContact } from '../../main/store/contacts';
import { setFieldRule } from '../../main/store/field-rules';
import { countOutbox } from '../../main/store/outbox';
import { adaAndBobThenAdaDeleted } from '../support/deletes-on-pull';
import { zohoHarness, type ZohoHarness } from '../support/zoho-harness';

const region = { region: 'US' };
/** the sandbox org's clock: frozen, so records written together share one Modified_Time, as in a mass update or an import */
let orgNow = Date.parse('2026-11-02T09:00:00.000Z');

async function pulling(direction: 'pull' | 'two-way'): Promise<ZohoHarness> {
  orgNow = Date.parse('2026-11-02T09:00:00.000Z');
  const h = await zohoHarness({ sandbox: { clock: () => orgNow, credits: 10_000_000 } });
  h.engine.setDirection(h.connection.id, direction);
  return h;
}

const person = (i: number): Record<string, string> => ({ Email: `person${i}@example.com`, First_Name: `First${i}`, Last_Name: `Last${i}`, Title: 'Buyer' });
const seed = (h: ZohoHarness, n: number): string[] => Array.from({ length: n }, (_, i) => h.sandbox.admin.seedContact(person(i)));
const coqlCalls = (h: ZohoHarness): number => h.sandbox.admin.recentRequests().filter((r) => r.path.endsWith('/coql')).length;
const byEmail = (h: ZohoHarness, email: string) => listContacts(h.db, h.cardId).find((c) => c.emails[0]?.value.toLowerCase() === email);
const recordByEmail = (h: ZohoHarness, email: string) => h.sandbox.admin.contacts().find((c) => c.fields.Email === email);

describe('Zoho CRM pull', () => {
  it('a first pull of 4,500 records over three COQL pages links the contacts Ferry has (e-mail in any case) and creates the rest, once each', { timeout: 120_000 }, async () => {
    const h = await pulling('pull');
    seed(h, 4_500);
    for (let i = 0; i < 4_500; i += 10) createContact(h.db, h.cardId, { firstName: `First${i}`, lastName: `Last${i}`, title: 'Buyer', emails: [{ value: `PERSON${i}@Example.com` }] }, region);
    h.sandbox.admin.clearRequests();

    const first = await h.engine.pullNow(h.connection.id);
    expect(first.error, "the first pull's error").toBeNull();
    expect(first).toMatchObject({ state: 'succeeded', read: 4_500, created: 4_050, linked: 450, conflicts: 0 });
    // every record shares one Modified_Time: pages of 2,000, 2,000 and 500 follow each other by id
    expect(coqlCalls(h)).toBe(Math.ceil(4_500 / PULL_PAGE_SIZE));
    expect(countContacts(h.db, h.cardId)).toBe(4_500);
    expect(new Set(listContacts(h.db, h.cardId).map((c) => c.emails[0]?.value.toLowerCase())).size).toBe(4_500);
    const links = h.db.prepare('SELECT COUNT(DISTINCT external_id) FROM sync_links WHERE connection_id = ?').pluck().get(h.connection.id) as number;
    expect(links).toBe(4_500);
    // every record now carries its contact's Ferry Id, so a later push updates it
    const uidByEmail = new Map(listContacts(h.db, h.cardId).map((c) => [c.emails[0]?.value.toLowerCase(), c.uid]));
    for (const r of h.sandbox.admin.contacts()) expect(r.fields.Ferry_Id).toBe(uidByEmail.get(r.fields.Email ?? ''));
    expect(countOutbox(h.db, h.connection.id).pending).toBe(0);

    orgNow += 60_000;
    const again = await h.engine.pullNow(h.connection.id);
    expect(again).toMatchObject({ state: 'succeeded', created: 0, updated: 0 });
    expect(countContacts(h.db, h.cardId)).toBe(4_500);
  });

  it('an incremental pull reads only what changed, with history, and costs one COQL call when nothing did', async () => {
    const h = await pulling('pull');
    const ids = seed(h, 30);
    await h.engine.pullNow(h.connection.id);
    orgNow += 60_000;
    await h.engine.pullNow(h.connection.id);

    orgNow += 60_000;
    h.sandbox.admin.editContact(ids[7] ?? '', { Title: 'Head of Purchasing', Mailing_City: 'Austin' });
    h.sandbox.admin.clearRequests();
    const pulled = await h.engine.pullNow(h.connection.id);
    expect(pulled).toMatchObject({ state: 'succeeded', read: 1, updated: 1, created: 0 });
    const contact = byEmail(h, 'person7@example.com');
    expect(contact).toMatchObject({ title: 'Head of Purchasing', addresses: [expect.objectContaining({ city: 'Austin' })] });
    expect(listHistory(h.db, contact?.id ?? 0, 10).map((e) => e.field)).toContain('title');
    expect(listHistory(h.db, contact?.id ?? 0, 10).find((e) => e.field === 'title')).toMatchObject({ old: 'Buyer', new: 'Head of Purchasing', connectionId: h.connection.id });

    h.sandbox.admin.clearRequests();
    const credits = h.sandbox.admin.snapshot().creditsUsed;
    expect(await h.engine.pullNow(h.connection.id)).toMatchObject({ read: 0, updated: 0, created: 0 });
    expect(h.sandbox.admin.recentRequests()).toHaveLength(1);
    // a pull that starts where the last one ended probes with LIMIT 200: 1 credit, not 3
    expect(h.sandbox.admin.snapshot().creditsUsed - credits).toBe(1);
  });

  it('records sharing one Modified_Time second across a page boundary are all read', { timeout: 60_000 }, async () => {
    const h = await pulling('pull');
    const ids = seed(h, PULL_PAGE_SIZE + 100);
    await h.engine.pullNow(h.connection.id);
    orgNow += 60_000;
    await h.engine.pullNow(h.connection.id);

    // a mass update within one second: Zoho keeps Modified_Time to the second, so every record shares it
    orgNow += 60_000;
    for (const [n, recordId] of ids.entries()) {
      orgNow += n % 500 === 0 ? 1 : 0; // milliseconds move, the second does not
      h.sandbox.admin.editContact(recordId, { Title: 'Mass updated' });
    }
    h.sandbox.admin.clearRequests();
    const pulled = await h.engine.pullNow(h.connection.id);
    expect(pulled).toMatchObject({ state: 'succeeded', read: ids.length, updated: ids.length });
    expect(listContacts(h.db, h.cardId).filter((c) => c.title === 'Mass updated')).toHaveLength(ids.length);
    // a probe of 200, then full pages: boundaries at 200 and 2,200 records, all inside one second
    expect(coqlCalls(h)).toBe(1 + Math.ceil((ids.length - PROBE_PAGE_SIZE) / PULL_PAGE_SIZE));
  });

  it('a record that only shares a name is not a second contact', async () => {
    const h = await pulling('pull');
    createContact(h.db, h.cardId, { firstName: 'Sam', lastName: 'Lee', emails: [{ value: 'sam@ferry.example' }] }, region);
    h.sandbox.admin.seedContact({ Email: 'sam.lee@other.example', First_Name: 'Sam', Last_Name: 'Lee' });
    expect(await h.engine.pullNow(h.connection.id)).toMatchObject({ created: 0, potentialDuplicates: 1 });
  });

  it("the placeholder last name Ferry writes reads as empty; fields Zoho keeps in Ferry's block are not read", async () => {
    const h = await pulling('two-way');
    const c = createContact(h.db, h.cardId, { emails: [], company: 'Initech', phones: [{ raw: '+1 415 555 0100' }] }, region);
    await h.engine.syncNow(h.connection.id);
    const [record] = h.sandbox.admin.contacts();
    expect(record?.fields.Last_Name).toBe('(unknown)');
    orgNow += 60_000;
    h.sandbox.admin.editContact(record?.id ?? '', { Title: 'CTO', Description: 'edited in Zoho' });
    expect(await h.engine.pullNow(h.connection.id)).toMatchObject({ updated: 1, conflicts: 0 });
    expect(getContact(h.db, c.id)).toMatchObject({ lastName: '', title: 'CTO', company: 'Initech', notes: '' });
  });
});

describe('two-way rules on Zoho CRM: a field changed on both sides since they last agreed', () => {
  async function bothSidesEdit(rule: 'crm-wins' | 'ferry-wins' | null): Promise<{ h: ZohoHarness; contactId: number }> {
    const h = await pulling('two-way');
    const c = createContact(h.db, h.cardId, { firstName: 'Ada', lastName: 'Lovelace', title: 'Analyst', emails: [{ value: 'ada@example.com' }] }, region);
    await h.engine.syncNow(h.connection.id);
    await h.engine.pullNow(h.connection.id);
    if (rule) setFieldRule(h.db, h.connection.id, 'title', rule);
    orgNow += 60_000;
    h.sandbox.admin.editContact(recordByEmail(h, 'ada@example.com')?.id ?? '', { Title: 'Engineer (CRM)' });
    updateContact(h.db, c.id, { title: 'Engineer (Ferry)' }, region);
    return { h, contactId: c.id };
  }

  it('ask (the default) keeps both values as a conflict and overwrites nothing', async () => {
    const { h, contactId } = await bothSidesEdit(null);
    expect((await h.engine.pullNow(h.connection.id)).conflicts).toBe(1);
    expect(getContact(h.db, contactId)?.title).toBe('Engineer (Ferry)');
    const [conflict] = listConflicts(h.db, { connectionId: h.connection.id, state: 'open', limit: 10, offset: 0 }).items;
    expect(conflict).toMatchObject({ field: 'title', ferryValue: 'Engineer (Ferry)', crmValue: 'Engineer (CRM)' });
  });

  it('crm-wins takes the CRM value and pushes nothing back', async () => {
    const { h, contactId } = await bothSidesEdit('crm-wins');
    await h.engine.pullNow(h.connection.id);
    expect(getContact(h.db, contactId)?.title).toBe('Engineer (CRM)');
    expect(countOutbox(h.db, h.connection.id).pending).toBe(0);
  });

  it("ferry-wins keeps Ferry's value and the next push sends it", async () => {
    const { h, contactId } = await bothSidesEdit('ferry-wins');
    await h.engine.pullNow(h.connection.id);
    expect(getContact(h.db, contactId)?.title).toBe('Engineer (Ferry)');
    await h.engine.syncNow(h.connection.id);
    expect(recordByEmail(h, 'ada@example.com')?.fields.Title).toBe('Engineer (Ferry)');
    expect(h.sandbox.admin.contacts()).toHaveLength(1);
  });
});

describe('echoes', () => {
  it('push then pull: 0 changes applied, 0 pushed back; a pulled change is not pushed back to Zoho', async () => {
    const h = await pulling('two-way');
    createContact(h.db, h.cardId, { firstName: 'Echo', lastName: 'One', title: 'T', phones: [{ raw: '+1 415 555 0100' }], emails: [{ value: 'echo@example.com' }], addresses: [{ street: '1 Market St', city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'US' }] }, region);
    await h.engine.syncNow(h.connection.id);
    const pulled = await h.engine.pullNow(h.connection.id);
    expect(pulled).toMatchObject({ read: 1, updated: 0, created: 0, conflicts: 0 });
    expect(countOutbox(h.db, h.connection.id).pending).toBe(0);

    orgNow += 60_000;
    h.sandbox.admin.editContact(recordByEmail(h, 'echo@example.com')?.id ?? '', { Title: 'From Zoho', Mailing_City: 'Oakland' });
    expect((await h.engine.pullNow(h.connection.id)).updated).toBe(1);
    expect(byEmail(h, 'echo@example.com')).toMatchObject({ title: 'From Zoho', addresses: [expect.objectContaining({ city: 'Oakland', street: '1 Market St' })] });
    expect(countOutbox(h.db, h.connection.id).pending).toBe(0);
    h.sandbox.admin.clearRequests();
    expect((await h.engine.syncNow(h.connection.id)).state).toBe('nothing_to_send');
    expect(h.sandbox.admin.recentRequests()).toHaveLength(0);
  });
});

describe('deletes in Zoho CRM reaching Ferry on pull', () => {
  /** Ada and Bob sent to Zoho CRM on a two-way connection and pulled once; then Zoho deletes Ada's record (its Recycle Bin). */
  async function adaDeletedInZoho(mode: 'delete' | null): Promise<{ h: ZohoHarness; ada: number; bob: number }> {
    const h = await pulling('two-way');
    const { ada, bob } = await adaAndBobThenAdaDeleted(h, {
      connect: () => Promise.resolve(h.connection.id),
      recordOf: (email) => recordByEmail(h, email)?.id,
      deleteRecord: (id) => h.sandbox.admin.deleteContact(id),
    }, mode);
    return { h, ada, bob };
  }

  it('off (the default): Ferry does not list deleted records, and the contact stays', async () => {
    const { h, ada } = await adaDeletedInZoho(null);
    h.sandbox.admin.clearRequests();
    expect((await h.engine.pullNow(h.connection.id)).state).toBe('succeeded');
    expect(getContact(h.db, ada)?.deletedAt).toBeNull();
    expect(h.sandbox.admin.recentRequests().filter((r) => r.path.includes('/deleted'))).toHaveLength(0);
  });

  it('delete: a contact deleted in Zoho (in its Recycle Bin) is deleted in Ferry, the others stay, and nothing is sent back', async () => {
    const { h, ada, bob } = await adaDeletedInZoho('delete');
    await h.engine.pullNow(h.connection.id);
    expect(getContact(h.db, ada)?.deletedAt).not.toBeNull();
    expect(getContact(h.db, bob)?.deletedAt).toBeNull();
    expect(countOutbox(h.db, h.connection.id).pending).toBe(0);
    // handled once: a later pull lists it again but changes nothing
    expect((await h.engine.pullNow(h.connection.id)).state).toBe('succeeded');
    expect(getContact(h.db, bob)?.deletedAt).toBeNull();
  });
});
