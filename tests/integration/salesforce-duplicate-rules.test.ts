/**
 * Salesforce duplicate rules as they really behave: REST bodies spell the details
 * key `duplicateResut` (sic), the standard Lead rule also matches Contacts, and
 * standard matching rules are fuzzy (name plus company or phone), not e-mail lookups.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { contact, harness, item, type Harness } from './salesforce-helpers';

let h: Harness;
afterEach(async () => { await h.sandbox.close(); });

describe('Salesforce duplicate rules', () => {
  it('a Lead the standard Lead rule matches to a Contact (003…) is a conflict, never linked to that Contact', async () => {
    h = await harness('Lead');
    h.sandbox.admin.addDuplicateRule({ object: 'Lead', action: 'block' });
    const existingContact = h.sandbox.admin.seedRecord('Contact', { FirstName: 'First1', LastName: 'Last1', Email: 'person1@example.com' });
    const [result] = await h.connector.push([item(contact(1), 'Lead')], h.rec.ctx);
    expect(result).toMatchObject({ outcome: 'conflict', candidates: [existingContact] });
    expect(h.sandbox.admin.record(existingContact)?.fields.Title).toBeUndefined();
    expect(h.sandbox.admin.records('Lead')).toHaveLength(0);
  });

  it('a fuzzy match with another e-mail (same name and company) is a conflict, not an update of someone else', async () => {
    h = await harness('Lead');
    h.sandbox.admin.addDuplicateRule({ object: 'Lead', action: 'block' });
    const namesake = h.sandbox.admin.seedRecord('Lead', { FirstName: 'Fred', LastName: 'Last1', Company: 'Company 1', Email: 'fred.last@other.example', Status: 'Open - Not Contacted' });
    const [result] = await h.connector.push([item(contact(1), 'Lead')], h.rec.ctx);
    expect(result).toMatchObject({ outcome: 'conflict', candidates: [namesake] });
    expect(h.sandbox.admin.record(namesake)?.fields.Email).toBe('fred.last@other.example');
  });

  it('a single same-object match with this contact\'s e-mail (any case) or none is linked and updated', async () => {
    h = await harness('Lead');
    h.sandbox.admin.addDuplicateRule({ object: 'Lead', action: 'block' });
    const same = h.sandbox.admin.seedRecord('Lead', { FirstName: 'F', LastName: 'Last1', Company: 'Company 1', Email: 'PERSON1@example.com', Status: 'Open - Not Contacted' });
    const blank = h.sandbox.admin.seedRecord('Lead', { FirstName: 'First2', LastName: 'Last2', Company: 'Company 2', Status: 'Open - Not Contacted' });
    const results = await h.connector.push([item(contact(1), 'Lead'), item(contact(2), 'Lead')], h.rec.ctx);
    expect(results).toMatchObject([{ outcome: 'updated', externalId: same }, { outcome: 'updated', externalId: blank }]);
    expect(h.sandbox.admin.records('Lead')).toHaveLength(2);
  });
});
