import { describe, expect, it } from 'vitest';
import type { MappingInput } from '../../preload/schemas/mapping';
import { saveMapping } from '../../main/mapping/save';
import type { SandboxPerson } from '../../main/sandbox/pipedrive/index';
import { createContact, updateContact } from '../../main/store/contacts';
import { listEvents } from '../../main/store/sync-log';
import { mappingServiceFor } from '../support/mapping-service';
import { PIPEDRIVE_TOKEN, pipedriveHarness, type PipedriveHarness } from '../support/pipedrive-harness';

const ctx = { region: 'US' };
const WRITE = 'POST /api/v2/persons';

const setMapping = (h: PipedriveHarness, mapping: MappingInput): number => saveMapping(h.db, h.connection.id, mapping, Date.now()).queued;
const person = (h: PipedriveHarness, email: string): SandboxPerson | undefined => h.sandbox.admin.persons().find((p) => p.emails.some((e) => e.value === email));

/** A Pipedrive admin or user calling the API themselves. */
async function asPipedriveUser(h: PipedriveHarness, method: 'POST' | 'PATCH', path: string, body: unknown): Promise<{ data: Record<string, unknown> }> {
  const res = await fetch(`${h.sandbox.url}/api/v2${path}`, { method, headers: { 'x-api-token': PIPEDRIVE_TOKEN, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return res.json() as Promise<{ data: Record<string, unknown> }>;
}

async function addFields(h: PipedriveHarness): Promise<{ headcount: string; segment: string; role: string }> {
  const code = async (body: unknown): Promise<string> => String((await asPipedriveUser(h, 'POST', '/personFields', body)).data.field_code);
  return {
    headcount: await code({ field_name: 'Headcount', field_type: 'double' }),
    segment: await code({ field_name: 'Segment', field_type: 'enum', options: [{ label: 'SMB' }, { label: 'Enterprise' }] }),
    role: await code({ field_name: 'Role', field_type: 'varchar' }),
  };
}

describe('field mapping against the Pipedrive sandbox', () => {
  it('lists the person fields with their types and options; standard fields and Ferry\'s own are not targets', async () => {
    const h = await pipedriveHarness();
    const codes = await addFields(h);
    const view = await mappingServiceFor(h.db, h.engine).view(h.connection.id);
    const field = (name: string) => view.crmFields?.find((f) => f.name === name);
    expect(field(codes.headcount)).toMatchObject({ label: 'Headcount', type: 'number', writable: true });
    expect(field(codes.segment)).toMatchObject({ type: 'enumeration', writable: true });
    expect(field(codes.segment)?.options?.map((o) => o.label)).toEqual(['SMB', 'Enterprise']);
    expect(field('label_ids')).toMatchObject({ type: 'multiselect', writable: false });
    expect(field('add_time')).toMatchObject({ writable: false });
    expect(view.crmFields?.some((f) => f.label === 'Ferry ID' || f.label === 'Ferry details')).toBe(false);
    expect(view.rows.find((r) => r.ferryField === 'title')?.target).toMatch(/Ferry details/);
  });

  it('refuses a field Pipedrive does not have, or one Ferry cannot write, with a sentence', async () => {
    const h = await pipedriveHarness();
    const mapping = mappingServiceFor(h.db, h.engine);
    await expect(mapping.setField(h.connection.id, 'custom.Shoe size', { target: 'abc123' })).rejects.toThrow("Pipedrive has no field 'abc123'");
    await expect(mapping.setField(h.connection.id, 'tags', { target: 'label_ids' })).rejects.toThrow('does not let Ferry write the field Labels');
  });

  it('sends a number as a number and an option as its id; text for a number, or an option the field lacks, is set aside without a call', async () => {
    const h = await pipedriveHarness();
    const codes = await addFields(h);
    const view = await mappingServiceFor(h.db, h.engine).view(h.connection.id);
    const enterprise = view.crmFields?.find((f) => f.name === codes.segment)?.options?.find((o) => o.label === 'Enterprise')?.value ?? '';
    setMapping(h, {
      fields: {
        'custom.Headcount': { target: codes.headcount },
        'custom.Segment': { target: codes.segment, transforms: [{ kind: 'valueMap', map: { enterprise, big: enterprise } }] },
      },
    });
    createContact(h.db, h.cardId, { firstName: 'Ok', emails: [{ value: 'ok@example.com' }], customFields: { Headcount: '1200', Segment: 'Big' } }, ctx);
    const text = createContact(h.db, h.cardId, { firstName: 'Lots', emails: [{ value: 'lots@example.com' }], customFields: { Headcount: 'lots' } }, ctx);
    const odd = createContact(h.db, h.cardId, { firstName: 'Odd', emails: [{ value: 'odd@example.com' }], customFields: { Segment: 'Government' } }, ctx);
    h.sandbox.admin.clearRequests();
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ created: 1, quarantined: 2 });
    // the sandbox takes a double only as a JSON number and an enum only as one of its option ids
    expect(person(h, 'ok@example.com')?.custom_fields).toMatchObject({ [codes.headcount]: '1200', [codes.segment]: enterprise });
    expect(h.field(person(h, 'ok@example.com'), 'Ferry details') ?? '').not.toContain('Headcount');
    expect(person(h, 'lots@example.com')).toBeUndefined();
    const events = listEvents(h.db, { connectionId: h.connection.id, limit: 10, offset: 0 }).items;
    expect(events.find((e) => e.contactId === text.id)?.message).toMatch(/Headcount \(\w+\) takes a number, and 'lots' is not one/);
    expect(events.find((e) => e.contactId === odd.id)?.message).toMatch(/has no option 'Government'/);
    expect(h.sandbox.admin.requests().byRoute[WRITE]).toBe(1);
  });

  it('fill only if empty keeps a value set in Pipedrive since the last push, and fills an empty one (one read for the batch)', async () => {
    const h = await pipedriveHarness();
    const codes = await addFields(h);
    setMapping(h, { fields: { 'custom.Role': { target: codes.role, policy: 'fill_if_empty' } } });
    const jo = createContact(h.db, h.cardId, { firstName: 'Jo', emails: [{ value: 'jo@example.com' }], customFields: { Role: 'Engineer' } }, ctx);
    const kim = createContact(h.db, h.cardId, { firstName: 'Kim', emails: [{ value: 'kim@example.com' }] }, ctx);
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ created: 2 });
    expect(person(h, 'jo@example.com')?.custom_fields[codes.role]).toBe('Engineer');
    await asPipedriveUser(h, 'PATCH', `/persons/${person(h, 'jo@example.com')?.id ?? 0}`, { custom_fields: { [codes.role]: 'CTO' } });
    updateContact(h.db, jo.id, { customFields: { Role: 'Intern' }, title: 'Intern' }, ctx);
    updateContact(h.db, kim.id, { customFields: { Role: 'Designer' } }, ctx);
    h.sandbox.admin.clearRequests();
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ updated: 2, quarantined: 0 });
    expect(person(h, 'jo@example.com')?.custom_fields[codes.role]).toBe('CTO');
    expect(h.field(person(h, 'jo@example.com'), 'Ferry details')).toContain('Title: Intern');
    expect(person(h, 'kim@example.com')?.custom_fields[codes.role]).toBe('Designer');
    expect(h.sandbox.admin.requests().byRoute['GET /api/v2/persons']).toBe(1);
  });

  it('fill only if empty also reads a person a crashed push created but never linked (found by its Ferry ID)', async () => {
    const h = await pipedriveHarness();
    const codes = await addFields(h);
    setMapping(h, { fields: { 'custom.Role': { target: codes.role, policy: 'fill_if_empty' } } });
    const c = createContact(h.db, h.cardId, { firstName: 'Lee', emails: [{ value: 'lee@example.com' }], customFields: { Role: 'Intern' } }, ctx);
    const ferryId = h.sandbox.admin.fieldKey('Ferry ID') ?? '';
    await asPipedriveUser(h, 'POST', '/persons', { name: 'Lee', emails: [{ value: 'lee@example.com', primary: true, label: 'work' }], custom_fields: { [ferryId]: c.uid, [codes.role]: 'Head of Sales' } });
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ created: 0, updated: 1 });
    expect(h.sandbox.admin.persons()).toHaveLength(1);
    expect(person(h, 'lee@example.com')?.custom_fields[codes.role]).toBe('Head of Sales');
  });
});
