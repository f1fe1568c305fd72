/**
 * Orgs with State and Country/Territory picklists refuse free-text countries and
 * states (FIELD_INTEGRITY_EXCEPTION); Ferry writes ISO codes mapped from what reps
 * type, and what does not map goes to the "From Ferry" block.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../preload/schemas/contact';
import { contact, harness, item, type Harness } from './salesforce-helpers';

let h: Harness;
afterEach(async () => { await h.sandbox.close(); });

const at = (country: string, region = ''): Partial<Contact> => ({ addresses: [{ street: '1 Main St', city: 'Springfield', region, postalCode: '12345', country }] });

async function pushed(object: 'Contact' | 'Lead', c: Contact) {
  const [result] = await h.connector.push([{ ...item(c, object), payload: h.connector.map(c, h.conn) }], h.rec.ctx);
  const id = result?.outcome === 'created' || result?.outcome === 'updated' ? result.externalId : '';
  return { result, fields: h.sandbox.admin.record(id)?.fields ?? {} };
}

describe('Salesforce State and Country/Territory picklists', () => {
  it('writes ISO codes for countries and states as reps type them', async () => {
    h = await harness('Contact', { schema: { stateCountryPicklists: true } });
    await h.connector.prepare(h.rec.ctx);
    expect((await pushed('Contact', contact(1, at('Deutschland')))).fields).toMatchObject({ MailingCountryCode: 'DE', MailingCountry: 'Germany' });
    expect((await pushed('Contact', contact(2, at('UK')))).fields).toMatchObject({ MailingCountryCode: 'GB', MailingCountry: 'United Kingdom' });
    expect((await pushed('Contact', contact(3, at('USA', 'NY')))).fields).toMatchObject({ MailingCountryCode: 'US', MailingStateCode: 'NY', MailingState: 'New York' });
    expect((await pushed('Contact', contact(4, at('United States', 'california')))).fields).toMatchObject({ MailingStateCode: 'CA' });
  });

  it('what maps to no code goes to the block, never a rejected record (Leads too)', async () => {
    h = await harness('Lead', { schema: { stateCountryPicklists: true } });
    await h.connector.prepare(h.rec.ctx);
    const { result, fields } = await pushed('Lead', contact(5, at('Narnia', 'Cair Paravel')));
    expect(result?.outcome).toBe('created');
    expect(fields.CountryCode).toBeUndefined();
    expect(fields.Description).toContain('Country: Narnia');
    expect(fields.Description).toContain('State: Cair Paravel');
    const bavaria = await pushed('Lead', contact(6, at('Germany', 'Bavaria')));
    expect(bavaria.fields).toMatchObject({ CountryCode: 'DE' });
    expect(bavaria.fields.Description).toContain('State: Bavaria');
  });
});
