import { describe, expect, it } from 'vitest';
import type { MappingInput } from '../../preload/schemas/mapping';
import { saveMapping } from '../../main/mapping/save';
import type { Connection } from '../../main/store/connections';
import { createContact, updateContact } from '../../main/store/contacts';
import { listEvents } from '../../main/store/sync-log';
import { mappingServiceFor } from '../support/mapping-service';
import { DYNAMICS_TOKEN, dynamicsHarness, type DynamicsHarness } from './dynamics-harness';

const ctx = { region: 'US' };
const BATCH = 'POST /api/data/:version/$batch';

const setMapping = (h: DynamicsHarness, connection: Connection, mapping: MappingInput): number => saveMapping(h.db, connection.id, mapping, Date.now()).queued;
const row = (h: DynamicsHarness, email: string): Record<string, string | null> | undefined => h.sandbox.admin.contacts().find((r) => r.fields.emailaddress1 === email)?.fields;

/** Someone editing a contact in Dynamics 365 itself (a Web API PATCH by the record's id). */
async function editInDynamics(h: DynamicsHarness, email: string, columns: Record<string, unknown>): Promise<void> {
  const id = h.sandbox.admin.contacts().find((r) => r.fields.emailaddress1 === email)?.contactid;
  const res = await fetch(`${h.sandbox.url}/api/data/v9.2/contacts(${id ?? ''})`, {
    method: 'PATCH', headers: { Authorization: `Bearer ${DYNAMICS_TOKEN}`, 'content-type': 'application/json', 'If-Match': '*' }, body: JSON.stringify(columns),
  });
  expect(res.status).toBe(204);
}

describe('field mapping against the Dynamics 365 (Dataverse) sandbox', () => {
  it('lists the contact columns from the table metadata: types, choice options, and what cannot be written', async () => {
    const h = await dynamicsHarness();
    const connection = await h.connect();
    const view = await mappingServiceFor(h.db, h.engine).view(connection.id);
    const field = (name: string) => view.crmFields?.find((f) => f.name === name);
    expect(field('preferredcontactmethodcode')).toMatchObject({ type: 'enumeration', writable: true, label: 'Preferred Method of Contact' });
    expect(field('preferredcontactmethodcode')?.options).toContainEqual({ value: '2', label: 'Email' });
    expect(field('numberofchildren')).toMatchObject({ type: 'number', writable: true });
    expect(field('birthdate')).toMatchObject({ type: 'date' });
    expect(field('donotemail')).toMatchObject({ type: 'bool' });
    expect(field('jobtitle')).toMatchObject({ type: 'string', maxLength: 100 });
    expect(field('fullname')).toMatchObject({ writable: false });
    expect(field('parentcustomerid')).toMatchObject({ writable: false });
    expect(field('cr8f2_ferryid')).toBeUndefined();
    expect(view.rows.find((r) => r.ferryField === 'title')).toMatchObject({ target: 'jobtitle', targetType: 'string', fixed: false });
  });

  it('refuses a column Dynamics does not have or Ferry cannot write, with a sentence', async () => {
    const h = await dynamicsHarness();
    const connection = await h.connect();
    const mapping = mappingServiceFor(h.db, h.engine);
    await expect(mapping.setField(connection.id, 'custom.Shoe size', { target: 'new_shoesize' })).rejects.toThrow("Dynamics 365 has no field 'new_shoesize'");
    await expect(mapping.setField(connection.id, 'title', { target: 'fullname' })).rejects.toThrow('does not let Ferry write the field Full Name');
  });

  it('sends a choice as its integer value and a number as a number; text for a number, or an option the column lacks, is set aside before the $batch', async () => {
    const h = await dynamicsHarness();
    const connection = await h.connect();
    setMapping(h, connection, {
      fields: {
        'custom.Kids': { target: 'numberofchildren' },
        'custom.Contact by': { target: 'preferredcontactmethodcode', transforms: [{ kind: 'valueMap', map: { email: '2', phone: '3' } }] },
        'custom.Born': { target: 'birthdate', transforms: [{ kind: 'date', format: 'date' }] },
      },
    });
    createContact(h.db, h.cardId, { lastName: 'Ok', emails: [{ value: 'ok@example.com' }], customFields: { Kids: '2', 'Contact by': 'Email', Born: '1990-04-12' } }, ctx);
    const text = createContact(h.db, h.cardId, { lastName: 'Two', emails: [{ value: 'two@example.com' }], customFields: { Kids: 'two' } }, ctx);
    const fax = createContact(h.db, h.cardId, { lastName: 'Fax', emails: [{ value: 'fax@example.com' }], customFields: { 'Contact by': 'pigeon' } }, ctx);
    h.sandbox.admin.clearRequests();
    expect(await h.engine.syncNow(connection.id)).toMatchObject({ created: 1, quarantined: 2 });
    // the sandbox takes Edm.Int32 only as a JSON number and a choice only with one of its Values
    expect(row(h, 'ok@example.com')).toMatchObject({ numberofchildren: '2', preferredcontactmethodcode: '2', birthdate: '1990-04-12' });
    expect(row(h, 'ok@example.com')?.description ?? '').not.toContain('Kids');
    expect(row(h, 'two@example.com')).toBeUndefined();
    const events = listEvents(h.db, { connectionId: connection.id, limit: 10, offset: 0 }).items;
    expect(events.find((e) => e.contactId === text.id)?.message).toMatch(/No\. of Children \(numberofchildren\) takes a number, and 'two' is not one/);
    expect(events.find((e) => e.contactId === fax.id)?.message).toMatch(/has no option 'pigeon'/);
    expect(h.sandbox.admin.requests().byRoute[BATCH]).toBe(1);
  });

  it('fill only if empty keeps a job title set in Dynamics since the last push (read by the Ferry ID key in one query), and fills an empty one', async () => {
    const h = await dynamicsHarness();
    const connection = await h.connect();
    const jo = createContact(h.db, h.cardId, { firstName: 'Jo', lastName: 'Jo', emails: [{ value: 'jo@example.com' }] }, ctx);
    const kim = createContact(h.db, h.cardId, { firstName: 'Kim', lastName: 'Kim', emails: [{ value: 'kim@example.com' }] }, ctx);
    await h.engine.syncNow(connection.id);
    await editInDynamics(h, 'jo@example.com', { jobtitle: 'CTO' });
    setMapping(h, connection, { fields: { title: { policy: 'fill_if_empty' } } });
    updateContact(h.db, jo.id, { title: 'Engineer', website: 'https://jo.example' }, ctx);
    updateContact(h.db, kim.id, { title: 'Designer' }, ctx);
    h.sandbox.admin.clearRequests();
    expect(await h.engine.syncNow(connection.id)).toMatchObject({ updated: 2, quarantined: 0 });
    expect(row(h, 'jo@example.com')).toMatchObject({ jobtitle: 'CTO', websiteurl: 'https://jo.example' });
    expect(row(h, 'kim@example.com')?.jobtitle).toBe('Designer');
    expect(h.sandbox.admin.requests().byRoute['GET /api/data/:version/:record']).toBe(1);
  });
});
