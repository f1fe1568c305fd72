import { Client } from '@hubspot/api-client';
import { describe, expect, it } from 'vitest';
import type { MappingInput } from '../../preload/schemas/mapping';
import { saveMapping } from '../../main/mapping/save';
import { createContact, updateContact } from '../../main/store/contacts';
import { countOutbox } from '../../main/store/outbox';
import { listEvents } from '../../main/store/sync-log';
import { hubspotHarness, TOKEN, type HubSpotHarness } from '../support/hubspot-harness';

const ctx = { region: 'US' };
const UPSERT = 'POST /crm/v3/objects/contacts/batch/upsert';

/** A teammate working in HubSpot itself (its own SDK client against the sandbox). */
const hubspotUser = (h: HubSpotHarness): Client => new Client({ accessToken: TOKEN, basePath: h.sandbox.url, numberOfApiCallRetries: 0 });
const setMapping = (h: HubSpotHarness, mapping: MappingInput): number => saveMapping(h.db, h.connection.id, mapping, h.clock.now()).queued;
const props = (h: HubSpotHarness, email: string): Record<string, string | null | undefined> => h.sandbox.admin.contactByEmail(email)?.properties ?? {};

describe('field mapping against the HubSpot sandbox', () => {
  it('sends a custom field to the HubSpot property it is mapped to, and nowhere else', async () => {
    const h = await hubspotHarness();
    setMapping(h, { fields: { 'custom.Department': { target: 'industry' } } });
    createContact(h.db, h.cardId, { firstName: 'Ada', emails: [{ value: 'ada@example.com' }], customFields: { Department: 'Research' } }, ctx);
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ state: 'succeeded', created: 1 });
    expect(props(h, 'ada@example.com').industry).toBe('Research');
    expect(props(h, 'ada@example.com').ferry_cf_department).toBeUndefined();
  });

  it('maps a "Lifecycle" value to lifecyclestage options, and sets aside (without a call) a value HubSpot has no option for', async () => {
    const h = await hubspotHarness();
    setMapping(h, { fields: { 'custom.Lifecycle': { target: 'lifecyclestage', transforms: [{ kind: 'valueMap', map: { Customer: 'customer', 'Sales lead': 'salesqualifiedlead' } }] } } });
    createContact(h.db, h.cardId, { firstName: 'Cu', emails: [{ value: 'cu@example.com' }], customFields: { Lifecycle: 'customer' } }, ctx);
    createContact(h.db, h.cardId, { firstName: 'Sl', emails: [{ value: 'sl@example.com' }], customFields: { Lifecycle: 'Sales lead' } }, ctx);
    const vip = createContact(h.db, h.cardId, { firstName: 'Vip', emails: [{ value: 'vip@example.com' }], customFields: { Lifecycle: 'VIP' } }, ctx);
    const run = await h.engine.syncNow(h.connection.id);
    expect(run).toMatchObject({ created: 2, quarantined: 1 });
    expect(props(h, 'cu@example.com').lifecyclestage).toBe('customer');
    expect(props(h, 'sl@example.com').lifecyclestage).toBe('salesqualifiedlead');
    expect(h.sandbox.admin.contactByEmail('vip@example.com')).toBeUndefined();
    const event = listEvents(h.db, { connectionId: h.connection.id, limit: 10, offset: 0 }).items.find((e) => e.contactId === vip.id);
    expect(event?.message).toMatch(/has no option 'VIP'/);
    // HubSpot never saw the refused value: one upsert carried the two good contacts
    expect(h.sandbox.admin.requests().byRoute[UPSERT]).toBe(1);
  });

  it('fill only if empty keeps the value HubSpot already holds and fills an empty one', async () => {
    const h = await hubspotHarness();
    await hubspotUser(h).crm.contacts.basicApi.create({ properties: { email: 'jo@example.com', jobtitle: 'CTO' }, associations: [] });
    await hubspotUser(h).crm.contacts.basicApi.create({ properties: { email: 'kim@example.com' }, associations: [] });
    setMapping(h, { fields: { title: { policy: 'fill_if_empty' } } });
    createContact(h.db, h.cardId, { firstName: 'Jo', emails: [{ value: 'jo@example.com' }], title: 'Engineer', company: 'Acme' }, ctx);
    createContact(h.db, h.cardId, { firstName: 'Kim', emails: [{ value: 'kim@example.com' }], title: 'Designer' }, ctx);
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ state: 'succeeded', quarantined: 0 });
    expect(props(h, 'jo@example.com')).toMatchObject({ jobtitle: 'CTO', company: 'Acme' });
    expect(props(h, 'kim@example.com').jobtitle).toBe('Designer');
    expect(h.sandbox.admin.contacts()).toHaveLength(2);
  });

  it('never overwrite after create: the first push sends it, later edits leave HubSpot\'s value', async () => {
    const h = await hubspotHarness();
    setMapping(h, { fields: { company: { policy: 'create_only' } } });
    const c = createContact(h.db, h.cardId, { firstName: 'Lin', emails: [{ value: 'lin@example.com' }], company: 'Old Co', title: 'Dev' }, ctx);
    await h.engine.syncNow(h.connection.id);
    updateContact(h.db, c.id, { company: 'New Co', title: 'Lead dev' }, ctx);
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ updated: 1 });
    expect(props(h, 'lin@example.com')).toMatchObject({ company: 'Old Co', jobtitle: 'Lead dev' });
  });

  it('sets lifecycle stage and lead status by rule (tag "customer")', async () => {
    const h = await hubspotHarness();
    setMapping(h, { rules: [{ when: { tag: 'customer' }, set: { lifecyclestage: 'customer', hs_lead_status: 'CONNECTED' } }, { when: { tag: 'expo' }, set: { lifecyclestage: 'lead' } }] });
    createContact(h.db, h.cardId, { firstName: 'A', emails: [{ value: 'a@example.com' }], tags: ['Customer', 'expo'] }, ctx);
    createContact(h.db, h.cardId, { firstName: 'B', emails: [{ value: 'b@example.com' }], tags: ['expo'] }, ctx);
    createContact(h.db, h.cardId, { firstName: 'C', emails: [{ value: 'c@example.com' }] }, ctx);
    await h.engine.syncNow(h.connection.id);
    expect(props(h, 'a@example.com')).toMatchObject({ lifecyclestage: 'customer', hs_lead_status: 'CONNECTED' });
    expect(props(h, 'b@example.com').lifecyclestage).toBe('lead');
    expect(props(h, 'c@example.com').lifecyclestage ?? '').toBe('');
  });

  it('transforms: national phone, a meeting date in a time zone to a date property, title case, a default for empty, joined names', async () => {
    const h = await hubspotHarness();
    await hubspotUser(h).crm.properties.coreApi.create('contacts', { name: 'first_met', label: 'First met', type: 'date' as never, fieldType: 'date' as never, groupName: 'contactinformation' });
    setMapping(h, {
      fields: {
        phones: { target: 'phone', transforms: [{ kind: 'phone', format: 'national' }] },
        'meeting.at': { target: 'first_met', transforms: [{ kind: 'date', format: 'date', timeZone: 'Asia/Tokyo' }] },
        company: { transforms: [{ kind: 'trim' }, { kind: 'case', to: 'title' }] },
        website: { transforms: [{ kind: 'default', value: 'https://unknown.example' }] },
        firstName: { target: 'salutation', transforms: [{ kind: 'join', with: ['lastName'], separator: ' ' }] },
      },
    });
    createContact(h.db, h.cardId, {
      firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }], phones: [{ raw: '+44 20 7946 0958' }],
      company: '  analytical   engines ', meeting: { at: '2024-05-01T20:30', place: '', event: '', notes: '' },
    }, ctx);
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ created: 1, quarantined: 0 });
    expect(props(h, 'ada@example.com')).toMatchObject({
      phone: '020 7946 0958', first_met: '2024-05-01', company: 'Analytical Engines', website: 'https://unknown.example', salutation: 'Ada Lovelace',
    });
  });

  it('a mapping change queues only the contacts it affects, and the old HubSpot field is left as it was', async () => {
    const h = await hubspotHarness();
    for (let i = 0; i < 10; i++) {
      createContact(h.db, h.cardId, { firstName: `P${i}`, emails: [{ value: `p${i}@example.com` }], title: i < 2 ? 'Chief' : '', ...(i < 3 ? { customFields: { Department: 'Sales' } } : {}) }, ctx);
    }
    await h.engine.syncNow(h.connection.id);
    expect(props(h, 'p0@example.com').ferry_cf_department).toBe('Sales');
    expect(setMapping(h, { fields: { 'custom.Department': { target: 'industry' } } })).toBe(3);
    expect(countOutbox(h.db, h.connection.id, h.clock.now()).pending).toBe(3);
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ updated: 3, created: 0 });
    expect(props(h, 'p0@example.com')).toMatchObject({ industry: 'Sales', ferry_cf_department: 'Sales' });
    expect(setMapping(h, { fields: { 'custom.Department': { target: 'industry' }, title: { target: null } } })).toBe(2);
    await h.engine.syncNow(h.connection.id);
    // no longer sent, and not cleared either
    expect(props(h, 'p0@example.com').jobtitle).toBe('Chief');
  });
});
