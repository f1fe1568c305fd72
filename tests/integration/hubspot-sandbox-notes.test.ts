import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AssociationTypes } from '@hubspot/api-client';
import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/objects/notes';
import { apiError, startHarness, type Harness } from './hubspot-sandbox-helpers';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.sandbox.close(); });

const toContact = (id: string) => [{
  to: { id },
  types: [{ associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined, associationTypeId: AssociationTypes.noteToContact }],
}];

async function contact(email: string): Promise<string> {
  return (await h.client.crm.contacts.basicApi.create({ properties: { email }, associations: [] })).id;
}

describe('notes', () => {
  it('creates a note associated with a contact, updates it in place, and lists it from the contact', async () => {
    expect(AssociationTypes.noteToContact).toBe(202);
    const contactId = await contact('n@example.com');
    const note = await h.client.crm.objects.notes.basicApi.create({
      properties: { hs_timestamp: '2025-01-06T09:00:00.000Z', hs_note_body: 'Met at the expo' },
      associations: toContact(contactId),
    });
    expect(note.properties.hs_note_body).toBe('Met at the expo');

    await h.client.crm.objects.notes.basicApi.update(note.id, { properties: { hs_note_body: 'Met at the expo; wants a demo' } });
    const read = await h.client.crm.objects.notes.basicApi.getById(note.id, ['hs_note_body'], undefined, ['contacts']);
    expect(read.properties.hs_note_body).toBe('Met at the expo; wants a demo');
    expect(read.associations?.contacts?.results[0]?.id).toBe(contactId);

    const assoc = await h.client.crm.associations.v4.basicApi.getPage('contacts', contactId, 'notes');
    expect(assoc.results.map((r) => String(r.toObjectId))).toEqual([note.id]);
    expect(assoc.results[0]?.associationTypes[0]?.typeId).toBe(201);
    expect(h.sandbox.admin.notesForContact(contactId).map((n) => n.properties.hs_note_body)).toEqual(['Met at the expo; wants a demo']);
    expect(h.sandbox.admin.notes()).toHaveLength(1);
  });

  it('batch creates and batch updates notes, 100 at a time at most', async () => {
    const contactId = await contact('b@example.com');
    const inputs = Array.from({ length: 100 }, (_, i) => ({ properties: { hs_timestamp: String(Date.UTC(2025, 0, 6) + i), hs_note_body: `note ${i}` }, associations: toContact(contactId) }));
    const created = await h.client.crm.objects.notes.batchApi.create({ inputs });
    expect(created.results).toHaveLength(100);
    const updated = await h.client.crm.objects.notes.batchApi.update({ inputs: created.results.slice(0, 2).map((n) => ({ id: n.id, properties: { hs_note_body: 'edited' } })) });
    expect(updated.results.map((n) => n.properties.hs_note_body)).toEqual(['edited', 'edited']);
    expect(h.sandbox.admin.notesForContact(contactId)).toHaveLength(100);
    const tooMany = await apiError(h.client.crm.objects.notes.batchApi.create({ inputs: [...inputs, ...inputs.slice(0, 1)] }));
    expect(tooMany.code).toBe(400);
  });

  it('requires hs_timestamp, caps hs_note_body at 65,536 characters, and checks the association', async () => {
    const contactId = await contact('v@example.com');
    const noTime = await apiError(h.client.crm.objects.notes.basicApi.create({ properties: { hs_note_body: 'x' }, associations: toContact(contactId) }));
    expect(noTime.body.category).toBe('VALIDATION_ERROR');
    expect(noTime.body.message).toContain('hs_timestamp');
    const long = await apiError(h.client.crm.objects.notes.basicApi.create({ properties: { hs_timestamp: '1736150400000', hs_note_body: 'x'.repeat(65_537) }, associations: toContact(contactId) }));
    expect(long.code).toBe(400);
    await h.client.crm.objects.notes.basicApi.create({ properties: { hs_timestamp: '1736150400000', hs_note_body: 'x'.repeat(65_536) }, associations: toContact(contactId) });
    const noContact = await apiError(h.client.crm.objects.notes.basicApi.create({ properties: { hs_timestamp: '1736150400000' }, associations: toContact('987654') }));
    expect(noContact.code).toBe(400);
    expect(h.sandbox.admin.notes()).toHaveLength(1);
  });
});
