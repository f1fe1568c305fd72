import { describe, expect, it } from 'vitest';
import { createContact, updateContact } from '../../main/store/contacts';
import { getConnectionFilter, setConnectionFilter } from '../../main/store/connection-filter';
import { countOutbox } from '../../main/store/outbox';
import { listEvents } from '../../main/store/sync-log';
import { hubspotHarness } from '../support/hubspot-harness';

const ctx = { region: 'US' };

describe('connection filters ride on the pending queue', () => {
  it('tags: only tagged contacts are queued and sent; removing the tag keeps the CRM record and logs why it is no longer sent', async () => {
    const h = await hubspotHarness();
    setConnectionFilter(h.db, h.connection.id, { tags: ['customer'] }, Date.now());
    const ada = createContact(h.db, h.cardId, { firstName: 'Ada', emails: [{ value: 'ada@example.com' }], tags: ['Customer'] }, ctx);
    createContact(h.db, h.cardId, { firstName: 'Bob', emails: [{ value: 'bob@example.com' }], tags: ['lead'] }, ctx);
    // Bob is not pending at all: the card and the tray count only what will be sent
    expect(countOutbox(h.db, h.connection.id).pending).toBe(1);
    const run = await h.engine.syncNow(h.connection.id);
    expect(run).toMatchObject({ created: 1, planned: 1 });
    expect(h.sandbox.admin.contacts().map((c) => c.properties.email)).toEqual(['ada@example.com']);

    updateContact(h.db, ada.id, { tags: ['former'] }, ctx);
    expect(countOutbox(h.db, h.connection.id).pending).toBe(0);
    const again = await h.engine.syncNow(h.connection.id);
    expect(again).toMatchObject({ state: 'nothing_to_send', apiCalls: 0 });
    // not deleted in HubSpot, and the log says why
    expect(h.sandbox.admin.contacts()).toHaveLength(1);
    const [event] = listEvents(h.db, { connectionId: h.connection.id, limit: 1, offset: 0 }).items;
    expect(event).toMatchObject({ outcome: 'skipped', contactId: ada.id, message: 'No longer sent to HubSpot: it does not have the tag “customer” (this connection\'s filter). Its HubSpot record is kept, not deleted.' });
    // a further edit does not log it again
    updateContact(h.db, ada.id, { title: 'Countess' }, ctx);
    expect(listEvents(h.db, { connectionId: h.connection.id, limit: 10, offset: 0 }).items.filter((e) => e.outcome === 'skipped')).toHaveLength(1);
  });

  it('a filter change re-plans: newly matching contacts are queued and sent, the rest not', async () => {
    const h = await hubspotHarness();
    setConnectionFilter(h.db, h.connection.id, { fields: [{ field: 'company', op: 'equals', value: 'Globex' }] }, Date.now());
    createContact(h.db, h.cardId, { firstName: 'Hank', emails: [{ value: 'hank@globex.example' }], company: 'Globex' }, ctx);
    createContact(h.db, h.cardId, { firstName: 'Peter', emails: [{ value: 'peter@initech.example' }], company: 'Initech' }, ctx);
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ created: 1 });
    setConnectionFilter(h.db, h.connection.id, { fields: [{ field: 'company', op: 'contains', value: 'e' }] }, Date.now());
    // Hank is queued too, but unchanged: only Peter is sent
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ created: 1, unchanged: 1 });
    expect(h.sandbox.admin.contacts()).toHaveLength(2);
    expect(getConnectionFilter(h.db, h.connection.id)).toEqual({ fields: [{ field: 'company', op: 'contains', value: 'e' }] });
  });

  it('excluded tags, custom fields, created-after and changed-after each keep the right contacts out', async () => {
    const h = await hubspotHarness();
    const now = Date.now();
    const early = createContact(h.db, h.cardId, { firstName: 'Early', emails: [{ value: 'early@example.com' }], customFields: { Region: 'EMEA' } }, { ...ctx, now: now - 10 * 86_400_000 });
    createContact(h.db, h.cardId, { firstName: 'Late', emails: [{ value: 'late@example.com' }], customFields: { Region: 'EMEA' }, tags: ['do-not-sync'] }, ctx);
    createContact(h.db, h.cardId, { firstName: 'Other', emails: [{ value: 'other@example.com' }], customFields: { Region: 'APAC' } }, ctx);
    const yesterday = new Date(now - 86_400_000).toISOString().slice(0, 10);
    setConnectionFilter(h.db, h.connection.id, { excludeTags: ['do-not-sync'], fields: [{ field: 'custom.region', op: 'equals', value: 'emea' }], createdAfter: yesterday }, now);
    expect(countOutbox(h.db, h.connection.id).pending).toBe(0);
    setConnectionFilter(h.db, h.connection.id, { fields: [{ field: 'custom.Region', op: 'equals', value: 'EMEA' }], changedAfter: yesterday }, now);
    // Early was changed ten days ago; Late was changed today
    expect(countOutbox(h.db, h.connection.id).pending).toBe(1);
    updateContact(h.db, early.id, { title: 'Touched today' }, ctx);
    expect(countOutbox(h.db, h.connection.id).pending).toBe(2);
    await h.engine.syncNow(h.connection.id);
    expect(h.sandbox.admin.contacts().map((c) => c.properties.email).sort()).toEqual(['early@example.com', 'late@example.com']);
  });

  it('a filter with a rule Ferry does not know is refused', () => {
    return hubspotHarness().then((h) => {
      expect(() => setConnectionFilter(h.db, h.connection.id, { tag: ['x'] } as never, Date.now())).toThrow();
      expect(() => setConnectionFilter(h.db, h.connection.id, { fields: [{ field: 'company', op: 'equals' }] }, Date.now())).toThrow(/need a value/);
    });
  });
});
