import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/store/db';
import { createCard } from '../../main/store/cards';
import { createConnection, updateConnection } from '../../main/store/connections';
import { createContact, deleteContact, findMatchingContact, getContact, listContacts, searchContacts, toFtsQuery, updateContact } from '../../main/store/contacts';
import { listOutbox } from '../../main/store/outbox';
import { seedDemoContacts } from '../../main/store/demo-seed';
import { tempDir } from '../support/temp-dir';

const ctx = { region: 'US' };

function setup(): { db: Db; cardId: number } {
  const db = openDatabase(tempDir());
  return { db, cardId: createCard(db, 'Test card').id };
}

describe('contacts store', () => {
  it('creates a contact with normalised e-mail and E.164 phone, keeping what the user typed', () => {
    const { db, cardId } = setup();
    const c = createContact(db, cardId, {
      firstName: ' Ada ', lastName: 'Lovelace', emails: [{ value: '  Ada@Example.COM ' }],
      phones: [{ raw: '(617) 555-0142', label: 'mobile' }, { raw: 'call reception' }], company: 'Analytical Engines',
    }, ctx);
    expect(c.firstName).toBe('Ada');
    expect(c.emails[0]?.value).toBe('Ada@Example.COM');
    expect(c.phones[0]).toEqual({ raw: '(617) 555-0142', label: 'mobile', e164: '+16175550142' });
    expect(c.phones[1]).toEqual({ raw: 'call reception', e164: null });
    expect(c.version).toBe(1);
    expect(findMatchingContact(db, cardId, 'ada@example.com', null)?.id).toBe(c.id);
  });

  it('uses the default region from settings for numbers without a country code', () => {
    const { db, cardId } = setup();
    const c = createContact(db, cardId, { lastName: 'Weber', phones: [{ raw: '030 901820' }] }, { region: 'DE' });
    expect(c.phones[0]?.e164).toBe('+4930901820');
  });

  it('queues outbox rows for every active connection whatever its mode, in the same write; a delete leaves nothing pending', () => {
    const { db, cardId } = setup();
    const auto = createConnection(db, { cardId, kind: 'hubspot', label: 'HubSpot', mode: 'automatic' });
    const manual = createConnection(db, { cardId, kind: 'zapier', label: 'Zapier', mode: 'manual' });
    const scheduled = createConnection(db, { cardId, kind: 'salesforce', label: 'Salesforce', mode: 'scheduled', intervalMinutes: 15 });
    const c = createContact(db, cardId, { firstName: 'Grace', emails: [{ value: 'grace@navy.mil' }] }, ctx);
    for (const conn of [auto, manual, scheduled]) expect(listOutbox(db, conn.id).map((o) => [o.contactId, o.contactVersion])).toEqual([[c.id, 1]]);

    updateContact(db, c.id, { company: 'US Navy' }, ctx);
    // coalesced: one row per contact, carrying the newest version
    expect(listOutbox(db, manual.id).map((o) => [o.contactId, o.contactVersion])).toEqual([[c.id, 2]]);

    deleteContact(db, c.id);
    for (const conn of [auto, manual, scheduled]) expect(listOutbox(db, conn.id)).toEqual([]);
  });

  it('an update changes only the fields it names', () => {
    const { db, cardId } = setup();
    const c = createContact(db, cardId, { firstName: 'Alan', lastName: 'Turing', emails: [{ value: 'alan@bletchley.uk' }], tags: ['vip'] }, ctx);
    const u = updateContact(db, c.id, { company: 'Bletchley Park' }, ctx);
    expect(u).toMatchObject({ firstName: 'Alan', lastName: 'Turing', company: 'Bletchley Park', tags: ['vip'], version: 2 });
    expect(u.emails[0]?.value).toBe('alan@bletchley.uk');
  });

  it('an update that changes nothing keeps the version and queues nothing', () => {
    const { db, cardId } = setup();
    const auto = createConnection(db, { cardId, kind: 'hubspot', label: 'HubSpot', mode: 'automatic' });
    const c = createContact(db, cardId, { firstName: 'Alan', company: 'Bletchley' }, ctx);
    db.prepare('DELETE FROM outbox').run();
    const same = updateContact(db, c.id, { company: 'Bletchley' }, ctx);
    expect(same.version).toBe(1);
    expect(listOutbox(db, auto.id)).toEqual([]);
  });

  it('a write that fails leaves neither the contact change nor an outbox row', () => {
    const { db, cardId } = setup();
    const auto = createConnection(db, { cardId, kind: 'hubspot', label: 'HubSpot', mode: 'automatic' });
    const c = createContact(db, cardId, { firstName: 'Linus' }, ctx);
    db.prepare('DELETE FROM outbox').run();
    // make the outbox insert fail inside the transaction
    db.exec(`CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
    expect(() => updateContact(db, c.id, { company: 'Kernel' }, ctx)).toThrow(/disk full/);
    expect(getContact(db, c.id)?.company).toBe('');
    expect(getContact(db, c.id)?.version).toBe(1);
    expect(listOutbox(db, auto.id)).toEqual([]);
  });

  it('disconnected connections get no outbox rows', () => {
    const { db, cardId } = setup();
    const hub = createConnection(db, { cardId, kind: 'hubspot', label: 'HubSpot', mode: 'automatic' });
    updateConnection(db, hub.id, { disconnectedAt: Date.now() });
    createContact(db, cardId, { firstName: 'Nobody' }, ctx);
    expect(listOutbox(db, hub.id)).toEqual([]);
  });

  it('soft delete hides the contact from lists and search but keeps the row', () => {
    const { db, cardId } = setup();
    const c = createContact(db, cardId, { firstName: 'Margaret', lastName: 'Hamilton', notes: 'Apollo guidance' }, ctx);
    deleteContact(db, c.id);
    expect(listContacts(db, cardId)).toEqual([]);
    expect(searchContacts(db, cardId, 'apollo')).toEqual([]);
    expect(getContact(db, c.id)?.deletedAt).not.toBeNull();
  });

  it('full-text search finds names, e-mails, company, notes and tags by prefix, diacritics-insensitive', () => {
    const { db, cardId } = setup();
    const a = createContact(db, cardId, { firstName: 'Zoë', lastName: 'Müller', emails: [{ value: 'zoe@globex.example' }], company: 'Globex', notes: 'Wants a pilot in Q3', tags: ['trade-show'] }, ctx);
    createContact(db, cardId, { firstName: 'Bob', lastName: 'Stone', company: 'Initech' }, ctx);
    const ids = (q: string) => searchContacts(db, cardId, q).map((c) => c.id);
    expect(ids('zoe')).toEqual([a.id]);
    expect(ids('mull')).toEqual([a.id]);
    expect(ids('globex')).toEqual([a.id]);
    expect(ids('pilot')).toEqual([a.id]);
    expect(ids('trade')).toEqual([a.id]);
    expect(ids('zoe pilot')).toEqual([a.id]);
    expect(ids('zoe initech')).toEqual([]);
    // edits are searchable at once
    updateContact(db, a.id, { notes: 'Signed the contract' }, ctx);
    expect(ids('pilot')).toEqual([]);
    expect(ids('contract')).toEqual([a.id]);
  });

  it('search matches e-mail and tag values, not the labels around them', () => {
    const { db, cardId } = setup();
    createContact(db, cardId, { firstName: 'Ada', emails: [{ value: 'ada@example.com', label: 'work' }], tags: ['vip'] }, ctx);
    expect(searchContacts(db, cardId, 'work')).toEqual([]);
    expect(searchContacts(db, cardId, 'label')).toEqual([]);
    expect(searchContacts(db, cardId, 'example')).toHaveLength(1);
    expect(searchContacts(db, cardId, 'vip')).toHaveLength(1);
  });

  it('search input can never be FTS syntax', () => {
    const { db, cardId } = setup();
    createContact(db, cardId, { firstName: 'Quote"Man' }, ctx);
    for (const q of ['"', 'a OR b', 'NEAR(', '*', 'title:x', '-', '((', "'"]) {
      expect(() => searchContacts(db, cardId, q)).not.toThrow();
    }
    expect(toFtsQuery('  ')).toBeNull();
  });

  it('rejects invalid input with a clear error and writes nothing', () => {
    const { db, cardId } = setup();
    expect(() => createContact(db, cardId, { firstName: 'x'.repeat(5000) }, ctx)).toThrow();
    expect(() => createContact(db, cardId, { unknownField: 1 } as never, ctx)).toThrow();
    expect(listContacts(db, cardId)).toEqual([]);
  });

  it('keeps emoji, right-to-left names and a 10 MB note intact', () => {
    const { db, cardId } = setup();
    const notes = 'long note '.repeat(1024 * 1024);
    const c = createContact(db, cardId, { firstName: '🚀 Ana', lastName: 'محمد', company: 'שלום בע"מ', notes }, ctx);
    const back = getContact(db, c.id)!;
    expect(back.firstName).toBe('🚀 Ana');
    expect(back.lastName).toBe('محمد');
    expect(back.company).toBe('שלום בע"מ');
    expect(back.notes.length).toBe(notes.length);
  });

  it('demo seed is deterministic and idempotent', () => {
    const { db, cardId } = setup();
    expect(seedDemoContacts(db, cardId, 25, 'US')).toBe(25);
    expect(seedDemoContacts(db, cardId, 25, 'US')).toBe(0);
    const other = setup();
    seedDemoContacts(other.db, other.cardId, 25, 'US');
    const emails = (d: Db, card: number) => listContacts(d, card).map((c) => c.emails[0]?.value).sort();
    expect(emails(db, cardId)).toEqual(emails(other.db, other.cardId));
  });
});
