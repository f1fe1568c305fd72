import { describe, expect, it } from 'vitest';
import type { MappingInput } from '../../preload/schemas/mapping';
import { saveMapping } from '../../main/mapping/save';
import { SANDBOX_AUDIENCE_ID } from '../../main/sandbox/mailchimp/state';
import { createContact, updateContact } from '../../main/store/contacts';
import { listEvents } from '../../main/store/sync-log';
import { mappingServiceFor } from '../support/mapping-service';
import { MAILCHIMP_KEY, mailchimpHarness, type MailchimpHarness } from '../support/mailchimp-harness';

const ctx = { region: 'US' };
const BATCH = 'POST /3.0/lists/:list';

const setMapping = (h: MailchimpHarness, mapping: MappingInput): number => saveMapping(h.db, h.connection.id, mapping, Date.now()).queued;

/** An audience admin adding a merge field in Mailchimp (Marketing API, basic auth with the key). */
async function addMergeField(h: MailchimpHarness, body: unknown): Promise<void> {
  const res = await fetch(`${h.sandbox.apiRoot}/lists/${SANDBOX_AUDIENCE_ID}/merge-fields`, {
    method: 'POST', headers: { Authorization: `Basic ${Buffer.from(`ferry:${MAILCHIMP_KEY}`).toString('base64')}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

async function typedFields(h: MailchimpHarness): Promise<void> {
  await addMergeField(h, { tag: 'SEATS', name: 'Seats', type: 'number' });
  await addMergeField(h, { tag: 'PLAN', name: 'Plan', type: 'dropdown', options: { choices: ['Free', 'Standard', 'Premium'] } });
}

describe('field mapping against the Mailchimp sandbox', () => {
  it('lists the audience\'s merge fields with their types and choices; the address is not a target', async () => {
    const h = await mailchimpHarness();
    await typedFields(h);
    const view = await mappingServiceFor(h.db, h.engine).view(h.connection.id);
    const field = (name: string) => view.crmFields?.find((f) => f.name === name);
    expect(field('SEATS')).toMatchObject({ label: 'Seats', type: 'number', writable: true });
    expect(field('PLAN')).toMatchObject({ type: 'enumeration', writable: true });
    expect(field('PLAN')?.options?.map((o) => o.value)).toEqual(['Free', 'Standard', 'Premium']);
    expect(field('ADDRESS')).toMatchObject({ writable: false });
    expect(field('FERRYID')).toBeUndefined();
    expect(view.rows.find((r) => r.ferryField === 'title')).toMatchObject({ target: 'TITLE', targetType: 'string' });
    expect(view.rows.find((r) => r.ferryField === 'emails')).toMatchObject({ fixed: true });
  });

  it('refuses a merge field the audience lacks, and the address field, with a sentence', async () => {
    const h = await mailchimpHarness();
    const mapping = mappingServiceFor(h.db, h.engine);
    await expect(mapping.setField(h.connection.id, 'custom.Shoe size', { target: 'SHOES' })).rejects.toThrow("Mailchimp has no field 'SHOES'");
    await expect(mapping.setField(h.connection.id, 'addresses', { target: 'ADDRESS' })).rejects.toThrow('does not let Ferry write the field Address');
  });

  it('sends a number merge field a number and a dropdown one of its choices; text for a number, or a choice the field lacks, is set aside before the batch', async () => {
    const h = await mailchimpHarness();
    await typedFields(h);
    setMapping(h, {
      fields: {
        'custom.Seats': { target: 'SEATS' },
        'custom.Plan': { target: 'PLAN', transforms: [{ kind: 'case', to: 'title' }] },
      },
    });
    createContact(h.db, h.cardId, { firstName: 'Ok', emails: [{ value: 'ok@example.com' }], customFields: { Seats: '12', Plan: 'premium' } }, ctx);
    const text = createContact(h.db, h.cardId, { firstName: 'Few', emails: [{ value: 'few@example.com' }], customFields: { Seats: 'a few' } }, ctx);
    const odd = createContact(h.db, h.cardId, { firstName: 'Odd', emails: [{ value: 'odd@example.com' }], customFields: { Plan: 'Platinum' } }, ctx);
    h.sandbox.admin.clearRequests();
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ created: 1, quarantined: 2 });
    expect(h.sandbox.admin.member('ok@example.com')?.merge_fields).toMatchObject({ SEATS: 12, PLAN: 'Premium' });
    // the custom fields the mapping sends elsewhere get no merge field of their own
    expect(h.sandbox.admin.snapshot().mergeFields.filter((f) => f.tag.startsWith('CF'))).toEqual([]);
    expect(Object.keys(h.sandbox.admin.member('ok@example.com')?.merge_fields ?? {}).filter((t) => t.startsWith('CF'))).toEqual([]);
    expect(h.sandbox.admin.member('few@example.com')).toBeUndefined();
    const events = listEvents(h.db, { connectionId: h.connection.id, limit: 10, offset: 0 }).items;
    expect(events.find((e) => e.contactId === text.id)?.message).toMatch(/Seats \(SEATS\) takes a number, and 'a few' is not one/);
    expect(events.find((e) => e.contactId === odd.id)?.message).toMatch(/has no option 'Platinum'/);
    expect(h.sandbox.admin.requests().byRoute[BATCH]).toBe(1);
  });

  it('fill only if empty keeps a merge field value the member already has (one read per member), and fills an empty one', async () => {
    const h = await mailchimpHarness();
    const jo = createContact(h.db, h.cardId, { firstName: 'Jo', emails: [{ value: 'jo@example.com' }] }, ctx);
    const kim = createContact(h.db, h.cardId, { firstName: 'Kim', emails: [{ value: 'kim@example.com' }] }, ctx);
    await h.engine.syncNow(h.connection.id);
    // the marketing team fills Jo's job title in Mailchimp
    const res = await fetch(`${h.sandbox.apiRoot}/lists/${SANDBOX_AUDIENCE_ID}/members/${h.sandbox.admin.member('jo@example.com')?.id ?? ''}`, {
      method: 'PATCH', headers: { Authorization: `Basic ${Buffer.from(`ferry:${MAILCHIMP_KEY}`).toString('base64')}`, 'content-type': 'application/json' }, body: JSON.stringify({ merge_fields: { TITLE: 'CTO' } }),
    });
    expect(res.status).toBe(200);
    setMapping(h, { fields: { title: { policy: 'fill_if_empty' } } });
    updateContact(h.db, jo.id, { title: 'Engineer', company: 'Acme' }, ctx);
    updateContact(h.db, kim.id, { title: 'Designer' }, ctx);
    h.sandbox.admin.clearRequests();
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ updated: 2, quarantined: 0 });
    expect(h.sandbox.admin.member('jo@example.com')?.merge_fields).toMatchObject({ TITLE: 'CTO', COMPANY: 'Acme' });
    expect(h.sandbox.admin.member('kim@example.com')?.merge_fields.TITLE).toBe('Designer');
    expect(h.sandbox.admin.requests().byRoute['GET /3.0/lists/:list/members/:hash']).toBe(2);
  });
});
