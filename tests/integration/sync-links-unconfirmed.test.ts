import { describe, expect, it } from 'vitest';
import { createCard } from '../../main/store/cards';
import { createConnection } from '../../main/store/connections';
import { createContact, deleteContact } from '../../main/store/contacts';
import { openDatabase } from '../../main/store/db';
import { getLinks, recordAttempts, saveLink } from '../../main/store/sync-links';
import { contactSyncStatus } from '../../main/store/sync-log';
import { tempDir } from '../support/temp-dir';

const ctx = { region: 'US' };

/** The engine's record of pushes sent but never confirmed (Connector.attemptKey), on a real SQLite file. */
describe('sync links: unconfirmed attempts', () => {
  function setup() {
    const db = openDatabase(tempDir());
    const cardId = createCard(db, 'Card').id;
    const connectionId = createConnection(db, { cardId, kind: 'mailchimp', label: 'Mailchimp', config: {} }).id;
    const contact = createContact(db, cardId, { firstName: 'Ada', emails: [{ value: 'ada@one.example' }] }, ctx);
    return { db, connectionId, contact };
  }

  it('keeps each distinct attempt in order until a push is confirmed, hidden from the connector\'s aux, and never looks like a link', () => {
    const { db, connectionId, contact } = setup();
    recordAttempts(db, connectionId, [{ contactId: contact.id, key: { email: 'ada@one.example' } }]);
    recordAttempts(db, connectionId, [{ contactId: contact.id, key: { email: 'ada@one.example' } }]);
    recordAttempts(db, connectionId, [{ contactId: contact.id, key: { email: 'ada@two.example' } }]);
    const link = getLinks(db, connectionId, [contact.id]).get(contact.id)!;
    expect(link).toMatchObject({ externalId: null, payloadHash: null, aux: {}, unconfirmed: [{ email: 'ada@one.example' }, { email: 'ada@two.example' }] });
    // the contact card does not show a CRM record for it
    expect(contactSyncStatus(db, contact.id)[0]).toMatchObject({ externalId: null, state: 'waiting' });

    saveLink(db, { connectionId, contactId: contact.id, externalId: 'c-1', payloadHash: 'h', payload: {}, aux: { note: 'n' }, syncedVersion: contact.version, syncedAt: 1 });
    expect(getLinks(db, connectionId, [contact.id]).get(contact.id)).toMatchObject({ externalId: 'c-1', aux: { note: 'n' }, unconfirmed: [] });

    // a linked record's aux survives a later attempt beside it
    recordAttempts(db, connectionId, [{ contactId: contact.id, key: { email: 'ada@three.example' } }]);
    expect(getLinks(db, connectionId, [contact.id]).get(contact.id)).toMatchObject({ externalId: 'c-1', aux: { note: 'n' }, unconfirmed: [{ email: 'ada@three.example' }] });
  });

  it('an attempt for a contact deleted meanwhile writes nothing', () => {
    const { db, connectionId, contact } = setup();
    deleteContact(db, contact.id);
    db.prepare('DELETE FROM contacts WHERE id = ?').run(contact.id);
    recordAttempts(db, connectionId, [{ contactId: contact.id, key: { email: 'ada@one.example' } }]);
    expect(getLinks(db, connectionId, [contact.id]).size).toBe(0);
  });
});
