import { describe, expect, it } from 'vitest';
import type { MappingInput } from '../../preload/schemas/mapping';
import { saveMapping } from '../../main/mapping/save';
import { createContact, updateContact } from '../../main/store/contacts';
import { listEvents } from '../../main/store/sync-log';
import { mappingServiceFor } from '../support/mapping-service';
import { zohoHarness, ZOHO_TOKEN, type ZohoHarness } from '../support/zoho-harness';

const ctx = { region: 'US' };
const UPSERT = 'POST /crm/:version/:module/upsert';

const setMapping = (h: ZohoHarness, mapping: MappingInput): number => saveMapping(h.db, h.connection.id, mapping, Date.now()).queued;
const record = (h: ZohoHarness, email: string): Record<string, string> | undefined => h.sandbox.admin.contacts().find((r) => r.fields.Email === email)?.fields;

/** A Zoho CRM user (or admin) calling the API themselves. */
async function asZohoUser(h: ZohoHarness, method: 'POST', path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${h.sandbox.url}/crm/v8${path}`, { method, headers: { Authorization: `Zoho-oauthtoken ${ZOHO_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBeLessThan(300);
  return res.json();
}

const addNumberField = (h: ZohoHarness): Promise<unknown> => asZohoUser(h, 'POST', '/settings/fields?module=Contacts', { fields: [{ field_label: 'Employees', data_type: 'integer' }] });

describe('field mapping against the Zoho CRM sandbox', () => {
  it('lists the Contacts fields from Zoho\'s field metadata, with their types, options and writability', async () => {
    const h = await zohoHarness();
    await addNumberField(h);
    const view = await mappingServiceFor(h.db, h.engine).view(h.connection.id);
    const field = (name: string) => view.crmFields?.find((f) => f.name === name);
    expect(field('Lead_Source')).toMatchObject({ type: 'enumeration', writable: true });
    expect(field('Lead_Source')?.options?.map((o) => o.value)).toContain('Trade Show');
    expect(field('Date_of_Birth')).toMatchObject({ type: 'date', writable: true });
    expect(field('Email_Opt_Out')).toMatchObject({ type: 'bool' });
    expect(field('Employees')).toMatchObject({ type: 'number', writable: true });
    expect(field('Title')).toMatchObject({ type: 'string', maxLength: 100 });
    expect(field('Created_Time')).toMatchObject({ type: 'datetime', writable: false });
    // Ferry's own key is not a target
    expect(field('Ferry_Id')).toBeUndefined();
    expect(view.rows.find((r) => r.ferryField === 'title')).toMatchObject({ target: 'Title', targetType: 'string' });
    expect(view.rows.find((r) => r.ferryField === 'emails')).toMatchObject({ fixed: true });
    expect(view.rows.find((r) => r.ferryField === 'company')?.target).toMatch(/Description/);
  });

  it('refuses, with a sentence, a field Zoho does not have or does not let Ferry write; and the e-mail stays the key', async () => {
    const h = await zohoHarness();
    const mapping = mappingServiceFor(h.db, h.engine);
    await expect(mapping.setField(h.connection.id, 'custom.Shoe size', { target: 'Shoe_Size' })).rejects.toThrow("Zoho CRM has no field 'Shoe_Size'");
    await expect(mapping.setField(h.connection.id, 'title', { target: 'Created_Time' })).rejects.toThrow('does not let Ferry write the field Created Time');
    await expect(mapping.setField(h.connection.id, 'emails', { target: 'Secondary_Email' })).rejects.toThrow(/matches Zoho CRM records on the e-mail address/);
    const view = await mapping.setField(h.connection.id, 'custom.Source', { target: 'lead_source' });
    expect(view.rows.find((r) => r.ferryField === 'custom.Source')).toMatchObject({ target: 'Lead_Source', targetType: 'enumeration', problem: null });
  });

  it('sends mapped values in the type their field takes, and sets aside (without a call) text for a number or an option Zoho lacks', async () => {
    const h = await zohoHarness();
    await addNumberField(h);
    setMapping(h, {
      fields: {
        'custom.Headcount': { target: 'Employees' },
        'custom.Met via': { target: 'Lead_Source', transforms: [{ kind: 'valueMap', map: { expo: 'Trade Show', web: 'Web Research' } }] },
        title: { target: 'Department' },
      },
    });
    createContact(h.db, h.cardId, { lastName: 'Ok', emails: [{ value: 'ok@example.com' }], title: 'Research', customFields: { Headcount: '42', 'Met via': 'Expo' } }, ctx);
    const text = createContact(h.db, h.cardId, { lastName: 'Many', emails: [{ value: 'many@example.com' }], customFields: { Headcount: 'many' } }, ctx);
    const odd = createContact(h.db, h.cardId, { lastName: 'Zep', emails: [{ value: 'zep@example.com' }], customFields: { 'Met via': 'Zeppelin' } }, ctx);
    h.sandbox.admin.clearRequests();
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ created: 1, quarantined: 2 });
    // the sandbox takes an integer field only as a JSON number, and a picklist only with one of its values
    expect(record(h, 'ok@example.com')).toMatchObject({ Employees: '42', Lead_Source: 'Trade Show', Department: 'Research' });
    expect(record(h, 'ok@example.com')?.Title).toBeUndefined();
    expect(record(h, 'ok@example.com')?.Description ?? '').not.toContain('Headcount');
    expect(record(h, 'many@example.com')).toBeUndefined();
    const events = listEvents(h.db, { connectionId: h.connection.id, limit: 10, offset: 0 }).items;
    expect(events.find((e) => e.contactId === text.id)?.message).toMatch(/Employees \(Employees\) takes a number, and 'many' is not one/);
    expect(events.find((e) => e.contactId === odd.id)?.message).toMatch(/has no option 'Zeppelin'/);
    expect(h.sandbox.admin.requests().byRoute[UPSERT]).toBe(1);
  });

  it('fill only if empty keeps the value a team\'s own Zoho contact holds (read in one COQL query), and fills an empty one', async () => {
    const h = await zohoHarness();
    await asZohoUser(h, 'POST', '/Contacts/upsert', { data: [{ Last_Name: 'Jo', Email: 'jo@example.com', Title: 'CTO' }, { Last_Name: 'Kim', Email: 'kim@example.com' }] });
    setMapping(h, { fields: { title: { policy: 'fill_if_empty' } } });
    createContact(h.db, h.cardId, { firstName: 'Jo', lastName: 'Jo', emails: [{ value: 'jo@example.com' }], title: 'Engineer', phones: [{ raw: '+15551234567' }] }, ctx);
    createContact(h.db, h.cardId, { firstName: 'Kim', lastName: 'Kim', emails: [{ value: 'kim@example.com' }], title: 'Designer' }, ctx);
    h.sandbox.admin.clearRequests();
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ state: 'succeeded', updated: 2, quarantined: 0 });
    expect(record(h, 'jo@example.com')).toMatchObject({ Title: 'CTO', Phone: '+15551234567', First_Name: 'Jo' });
    expect(record(h, 'kim@example.com')?.Title).toBe('Designer');
    expect(h.sandbox.admin.contacts()).toHaveLength(2);
    expect(h.sandbox.admin.requests().byRoute['POST /crm/:version/coql']).toBe(1);
  });

  it('fill only if empty on a linked contact reads it by id: a title set in Zoho since is kept', async () => {
    const h = await zohoHarness();
    const c = createContact(h.db, h.cardId, { lastName: 'Lin', emails: [{ value: 'lin@example.com' }] }, ctx);
    await h.engine.syncNow(h.connection.id);
    await asZohoUser(h, 'POST', '/Contacts/upsert', { data: [{ Last_Name: 'Lin', Email: 'lin@example.com', Title: 'Head of Sales' }], duplicate_check_fields: ['Email'] });
    setMapping(h, { fields: { title: { policy: 'fill_if_empty' } } });
    updateContact(h.db, c.id, { title: 'Intern' }, ctx);
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ updated: 1 });
    expect(record(h, 'lin@example.com')?.Title).toBe('Head of Sales');
    expect(h.sandbox.admin.requests().byRoute['GET /crm/:version/:module']).toBe(1);
  });
});
