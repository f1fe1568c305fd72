/**
 * A Lead someone converted in Salesforce is read-only (CANNOT_UPDATE_CONVERTED_LEAD,
 * "cannot reference converted lead"); Ferry follows ConvertedContactId and keeps the
 * person up to date on the Contact instead.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { contact, harness, item, type Harness } from './salesforce-helpers';

let h: Harness;
afterEach(async () => { await h.sandbox.close(); });

describe('Salesforce converted Leads', () => {
  it('an update to a converted Lead goes to its Contact, and later edits keep going there', async () => {
    h = await harness('Lead');
    const c = contact(1, { title: 'Buyer' });
    const [created] = await h.connector.push([item(c, 'Lead')], h.rec.ctx);
    const leadId = created?.outcome === 'created' ? created.externalId : '';
    const contactId = h.sandbox.admin.convertLead(leadId);

    const edited = { ...c, title: 'Head of Purchasing' };
    const [first] = await h.connector.push([{ ...item(edited, 'Lead', leadId) }], h.rec.ctx);
    expect(first).toMatchObject({ outcome: 'updated', externalId: contactId, aux: { sobject: 'Contact' } });
    expect(h.sandbox.admin.record(contactId)?.fields.Title).toBe('Head of Purchasing');

    const again = { ...edited, title: 'VP Purchasing' };
    const linked = { ...item(again, 'Lead', contactId), aux: first?.outcome === 'updated' ? first.aux ?? {} : {} };
    const [second] = await h.connector.push([linked], h.rec.ctx);
    expect(second).toMatchObject({ outcome: 'updated', externalId: contactId });
    expect(h.sandbox.admin.record(contactId)?.fields.Title).toBe('VP Purchasing');
    expect(h.sandbox.admin.records('Lead')).toHaveLength(1);
    expect(h.sandbox.admin.records('Contact')).toHaveLength(1);
  });
});
