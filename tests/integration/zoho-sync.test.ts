import { describe, expect, it } from 'vitest';
import { createContact, updateContact } from '../../main/store/contacts';
import { requireConnection } from '../../main/store/connections';
import { countOutbox } from '../../main/store/outbox';
import { listEvents } from '../../main/store/sync-log';
import { seedSampleContacts } from '../support/sample-contacts';
import { zohoHarness, ZOHO_TOKEN } from '../support/zoho-harness';

const ctx = { region: 'US' };
const UPSERT = 'POST /crm/:version/:module/upsert';

describe('Zoho CRM through the sync engine (sandbox on loopback)', () => {
  it('connecting creates the unique Ferry Id field and learns the org; a first push of 10,000 contacts takes 100 upserts, two at a time; a re-sync makes no call', async () => {
    const h = await zohoHarness();
    expect(h.sandbox.admin.snapshot().customFields).toMatchObject([{ api_name: 'Ferry_Id', unique: true }]);
    expect(h.connection.config).toMatchObject({ account: '60012345678' });
    seedSampleContacts(h.db, h.cardId, 10_000);
    h.sandbox.admin.clearRequests();
    const first = await h.engine.syncNow(h.connection.id);
    expect(first).toMatchObject({ state: 'succeeded', created: 10_000, updated: 0, quarantined: 0 });
    expect(h.sandbox.admin.contacts()).toHaveLength(10_000);
    const requests = h.sandbox.admin.requests();
    expect(requests.byRoute[UPSERT]).toBe(100);
    // calls per contact on the first push, everything counted (the org and field checks of prepare too)
    expect(requests.total / 10_000).toBeLessThanOrEqual(0.0103);
    expect(requests.rateLimited).toBe(0);
    expect(h.sandbox.admin.snapshot().limits.peakInFlight).toBeLessThanOrEqual(2);
    // an upsert of 100 records costs 10 credits (api-limits.html)
    expect(h.sandbox.admin.snapshot().creditsUsed).toBeLessThanOrEqual(1_000 + 5);

    const total = h.sandbox.admin.requests().total;
    const again = await h.engine.syncNow(h.connection.id);
    expect(again).toMatchObject({ state: 'nothing_to_send', apiCalls: 0 });
    expect(h.sandbox.admin.requests().total).toBe(total);
  }, 120_000);

  it('an edit updates the same record (logged old → new); a changed e-mail too; clearing a field clears it in Zoho', async () => {
    const h = await zohoHarness();
    const c = createContact(h.db, h.cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }], title: 'Analyst', company: 'Engines' }, ctx);
    await h.engine.syncNow(h.connection.id);
    const [record] = h.sandbox.admin.contacts();
    updateContact(h.db, c.id, { title: 'Countess' }, ctx);
    const run = await h.engine.syncNow(h.connection.id);
    expect(run).toMatchObject({ updated: 1, created: 0, apiCalls: 1 });
    expect(h.sandbox.admin.contacts()).toEqual([expect.objectContaining({ id: record!.id, fields: expect.objectContaining({ Title: 'Countess' }) })]);
    const [event] = listEvents(h.db, { connectionId: h.connection.id, limit: 1, offset: 0 }).items;
    expect(event).toMatchObject({ outcome: 'updated', changes: [{ field: 'Title', old: 'Analyst', new: 'Countess' }] });

    updateContact(h.db, c.id, { emails: [{ value: 'ada@new.example' }], title: '' }, ctx);
    await h.engine.syncNow(h.connection.id);
    expect(h.sandbox.admin.contacts()).toHaveLength(1);
    expect(h.sandbox.admin.contacts()[0]?.fields).toMatchObject({ Email: 'ada@new.example', Ferry_Id: c.uid });
    expect(h.sandbox.admin.contacts()[0]?.fields.Title).toBeUndefined();
  });

  it('a contact the team already has in Zoho (same e-mail) is updated and takes the Ferry Id, not duplicated', async () => {
    const h = await zohoHarness();
    await fetch(`${h.sandbox.url}/crm/v8/Contacts/upsert`, {
      method: 'POST', headers: { authorization: `Zoho-oauthtoken ${ZOHO_TOKEN}` },
      body: JSON.stringify({ data: [{ Last_Name: 'Hopper', Email: 'grace@navy.example', Phone: '+1 202 555 0100' }] }),
    });
    const c = createContact(h.db, h.cardId, { firstName: 'Grace', lastName: 'Hopper', emails: [{ value: 'grace@navy.example' }] }, ctx);
    const run = await h.engine.syncNow(h.connection.id);
    expect(run).toMatchObject({ created: 0, updated: 1 });
    expect(h.sandbox.admin.contacts()).toHaveLength(1);
    // the team's own phone is kept: a first upsert never blanks a field Ferry has no value for
    expect(h.sandbox.admin.contacts()[0]?.fields).toMatchObject({ Ferry_Id: c.uid, Phone: '+1 202 555 0100', First_Name: 'Grace' });
  });

  it('every Ferry value lands somewhere: standard fields, and the labelled "From Ferry" block in Description', async () => {
    const h = await zohoHarness();
    createContact(h.db, h.cardId, {
      firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical Engines', title: 'Countess', website: 'https://ada.example',
      emails: [{ value: 'ada@example.com' }, { value: 'ada@home.example' }, { value: 'countess@example.org', label: 'club' }],
      phones: [{ raw: '+1 415 555 0100', label: 'work' }, { raw: '+1 415 555 0101', label: 'mobile' }],
      addresses: [{ street: '1 Market St', city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'US' }],
      tags: ['vip', 'boats'], customFields: { 'Shoe size': '38' }, notes: 'Likes sailing.',
      meeting: { at: '2025-01-05', place: 'Lisbon', event: 'Web Summit', notes: 'Wants a demo' },
    }, ctx);
    await h.engine.syncNow(h.connection.id);
    const f = h.sandbox.admin.contacts()[0]!.fields;
    expect(f).toMatchObject({
      First_Name: 'Ada', Last_Name: 'Lovelace', Email: 'ada@example.com', Secondary_Email: 'ada@home.example', Title: 'Countess',
      Phone: '+14155550100', Mobile: '+14155550101', Mailing_Street: '1 Market St', Mailing_City: 'San Francisco', Mailing_Zip: '94105',
    });
    for (const line of ['Likes sailing.', 'From Ferry', 'Company: Analytical Engines', 'Website: https://ada.example', 'Tags: vip; boats',
      'Other e-mail (club): countess@example.org', 'Custom field “Shoe size”: 38', 'Met on: 2025-01-05', 'Met at: Lisbon', 'Event: Web Summit', 'Meeting notes: Wants a demo']) {
      expect(f.Description).toContain(line);
    }
  });
});

describe('Zoho CRM faults, each with its outcome and sentence', () => {
  it('a record Zoho refuses (INVALID_DATA) is set aside with Zoho\'s words; the rest are created', async () => {
    const h = await zohoHarness();
    for (let i = 0; i < 4; i++) createContact(h.db, h.cardId, { firstName: `P${i}`, emails: [{ value: `p${i}@example.com` }] }, ctx);
    h.sandbox.admin.rejectEmails('^blocked@');
    const bad = createContact(h.db, h.cardId, { firstName: 'Bad', emails: [{ value: 'blocked@example.com' }] }, ctx);
    const run = await h.engine.syncNow(h.connection.id);
    expect(run).toMatchObject({ state: 'partial', created: 4, quarantined: 1 });
    const [event] = listEvents(h.db, { connectionId: h.connection.id, outcomes: ['quarantined'], limit: 10, offset: 0 }).items;
    expect(event?.contactId).toBe(bad.id);
    expect(event?.crmError).toMatch(/^INVALID_DATA invalid data \(Email\) expected email/);
    expect(event?.message).toContain("Zoho CRM did not accept the e-mail address 'blocked@example.com'");
    expect(countOutbox(h.db, h.connection.id)).toMatchObject({ pending: 0, quarantined: 1 });
  });

  it('a value another record holds in a field the org made unique (DUPLICATE_DATA) is set aside, naming the field', async () => {
    const h = await zohoHarness();
    createContact(h.db, h.cardId, { firstName: 'One', emails: [{ value: 'one@example.com' }], phones: [{ raw: '+1 415 555 0199', label: 'mobile' }] }, ctx);
    const two = createContact(h.db, h.cardId, { firstName: 'Two', emails: [{ value: 'two@example.com' }], phones: [{ raw: '+1 415 555 0198', label: 'mobile' }] }, ctx);
    await h.engine.syncNow(h.connection.id);
    // the org's admin marks Mobile "Do not allow duplicate values"; then Two takes One's number
    h.sandbox.admin.markUnique('Mobile');
    updateContact(h.db, two.id, { phones: [{ raw: '+1 415 555 0199', label: 'mobile' }] }, ctx);
    const run = await h.engine.syncNow(h.connection.id);
    expect(run).toMatchObject({ updated: 0, quarantined: 1 });
    const [event] = listEvents(h.db, { connectionId: h.connection.id, outcomes: ['quarantined'], limit: 10, offset: 0 }).items;
    expect(event?.message).toMatch(/already has another contact with the same mobile number '\+14155550199'/);
    expect(event?.crmError).toMatch(/^DUPLICATE_DATA duplicate data \(Mobile\)/);
    expect(h.sandbox.admin.contacts()).toHaveLength(2);
  });

  it('429 (concurrency) waits and continues; a 503 is retried; nothing is duplicated', async () => {
    const h = await zohoHarness();
    seedSampleContacts(h.db, h.cardId, 300);
    h.sandbox.admin.injectFault({ kind: 'status', status: 429, count: 1, pathPrefix: '/crm/v8/Contacts/upsert' });
    h.sandbox.admin.injectFault({ kind: 'status', status: 503, count: 2, pathPrefix: '/crm/v8/Contacts/upsert' });
    const run = await h.engine.syncNow(h.connection.id);
    expect(run).toMatchObject({ state: 'succeeded', created: 300 });
    expect(h.sandbox.admin.contacts()).toHaveLength(300);
    expect(h.sandbox.admin.requests().byStatus).toMatchObject({ 429: 1, 503: 2 });
  });

  it('credits used up for the 24 hours: the run stops with a sentence, keeps every change, and goes on once credits are there', async () => {
    // 3 credits for connecting (org, fields, the new field), 10 per upsert of 100
    const h = await zohoHarness({ sandbox: { credits: 25 } });
    seedSampleContacts(h.db, h.cardId, 400);
    const run = await h.engine.syncNow(h.connection.id);
    expect(run.state).toBe('failed');
    expect(h.sandbox.admin.contacts()).toHaveLength(200);
    const c = requireConnection(h.db, h.connection.id);
    expect(c.lastError).toMatch(/Zoho CRM account has used its daily API allowance/);
    expect(countOutbox(h.db, h.connection.id).pending).toBe(200);
    h.sandbox.admin.setLimits({ credits: 100_000 });
    await h.engine.syncNow(h.connection.id);
    expect(h.sandbox.admin.contacts()).toHaveLength(400);
  });

  it('an expired token pauses the connection as needing reauthorization; reconnecting drains the outbox', async () => {
    const h = await zohoHarness({ mode: 'automatic' });
    h.sandbox.admin.expireToken(ZOHO_TOKEN);
    createContact(h.db, h.cardId, { firstName: 'Kept', emails: [{ value: 'kept@example.com' }] }, ctx);
    const run = await h.engine.syncNow(h.connection.id, 'automatic');
    expect(run.state).toBe('failed');
    const paused = requireConnection(h.db, h.connection.id);
    expect(paused.status).toBe('needs_reauth');
    expect(paused.lastError).toMatch(/Reconnect Zoho CRM/);
    expect(countOutbox(h.db, h.connection.id).pending).toBe(1);
    h.sandbox.admin.registerToken({ token: '1000.new-token-987654321' });
    await h.engine.reconnect(h.connection.id, { access_token: '1000.new-token-987654321' });
    await h.engine.syncNow(h.connection.id);
    expect(h.sandbox.admin.contacts()).toHaveLength(1);
    expect(countOutbox(h.db, h.connection.id).pending).toBe(0);
  });
});
