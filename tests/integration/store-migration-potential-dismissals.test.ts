import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/store/db';
import { migrations } from '../../main/store/migrations/index';
import { createCard } from '../../main/store/cards';
import { createContact } from '../../main/store/contacts';
import { dismissPotentialDuplicate, listPotentialDuplicates, notePotentialDuplicate } from '../../main/store/potential-duplicates';
import { tempDir } from '../support/temp-dir';

describe('migration 006 (potential duplicate dismissals) on a database written by version 5', () => {
  it('keeps every potential duplicate it finds, listed, with no company yet; a dismissal then outlives a pull that notes it again', () => {
    const dir = tempDir();
    const v5 = openDatabase(dir, { migrations: migrations.filter((m) => m.version <= 5) });
    const cardId = createCard(v5, 'Old').id;
    const contactId = createContact(v5, cardId, { firstName: 'Sam', lastName: 'Lee' }, { region: 'US' }).id;
    const connectionId = Number(v5.prepare("INSERT INTO connections(card_id, kind, label, created_at, updated_at) VALUES (?, 'hubspot', 'HubSpot', 1, 1)").run(cardId).lastInsertRowid);
    v5.prepare(`INSERT INTO potential_duplicates(contact_id, connection_id, external_id, why, crm_name, crm_email, found_at)
      VALUES (?, ?, '501', 'same name, different e-mail', 'Sam Lee', 'sam@other.example', 7)`).run(contactId, connectionId);
    v5.close();

    const db = openDatabase(dir);
    expect(listPotentialDuplicates(db, { contactId })).toEqual([{ contactId, connectionId, externalId: '501', why: 'same name, different e-mail', crmName: 'Sam Lee', crmEmail: 'sam@other.example', crmCompany: '', foundAt: 7 }]);
    const key = { contactId, connectionId, externalId: '501' };
    expect(dismissPotentialDuplicate(db, key, 9)).toBe(true);
    expect(dismissPotentialDuplicate(db, key, 10)).toBe(false);
    expect(notePotentialDuplicate(db, { ...key, why: 'same name, different e-mail', crmName: 'Sam Lee', crmEmail: 'sam@other.example', crmCompany: 'Northwind', foundAt: 11 })).toBe(false);
    expect(listPotentialDuplicates(db, { connectionId })).toEqual([]);
    db.close();
  });
});
