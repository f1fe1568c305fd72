import { describe, expect, it } from 'vitest';
import { createContact } from '../../main/store/contacts';
import { countOutbox } from '../../main/store/outbox';
import { hubspotHarness, type HubSpotHarness } from '../support/hubspot-harness';

const ctx = { region: 'US' };
const UPSERT = 'POST /crm/v3/objects/contacts/batch/upsert';
/** 350 contacts: one push of four upsert calls (100, 100, 100, 50) */
const CONTACTS = 350;

function seed(h: HubSpotHarness, withNotes: (i: number) => boolean): void {
  h.db.transaction(() => {
    for (let i = 0; i < CONTACTS; i++) {
      createContact(h.db, h.cardId, {
        firstName: `Rep${i}`, lastName: 'Partial', emails: [{ value: `rep${i}@partial.example` }],
        ...(withNotes(i) ? { notes: `Met at booth ${i}` } : {}),
      }, ctx);
    }
  })();
}

/**
 * Issue 19: a HubSpot push of several upsert calls is refused part-way (429 or 5xx
 * on the k-th call). The calls HubSpot already accepted wrote their contacts: the
 * retry sends only the rest, so the portal's budget, which every laptop of the team
 * shares, is not spent twice, and each contact and note exists once.
 */
describe('HubSpot: a push refused part-way re-sends only what was not accepted', () => {
  it('a 503 on the third of four upsert calls: two more calls, not four; every contact and note once', async () => {
    const h = await hubspotHarness();
    seed(h, (i) => i % 3 === 0);
    h.sandbox.admin.clearRequests();
    h.sandbox.admin.injectFault({ kind: 'status', status: 503, skip: 2, pathPrefix: '/crm/v3/objects/contacts/batch/upsert' });

    const run = await h.engine.syncNow(h.connection.id);

    expect(run).toMatchObject({ state: 'succeeded', created: CONTACTS, updated: 0, failed: 0 });
    // 2 accepted + 1 refused + the 2 not yet accepted
    expect(h.sandbox.admin.requests().byRoute[UPSERT]).toBe(5);
    expect(h.sandbox.admin.contacts()).toHaveLength(CONTACTS);
    const notes = h.sandbox.admin.notes();
    expect(notes).toHaveLength(Math.ceil(CONTACTS / 3));
    expect(new Set(notes.flatMap((n) => n.contactIds)).size).toBe(notes.length);
  });

  it('a 429 on the third of four upsert calls: after the wait, two more calls', async () => {
    const h = await hubspotHarness();
    seed(h, () => false);
    h.sandbox.admin.clearRequests();
    h.sandbox.admin.injectFault({ kind: 'status', status: 429, skip: 2, pathPrefix: '/crm/v3/objects/contacts/batch/upsert' });

    const run = await h.engine.syncNow(h.connection.id);

    expect(run).toMatchObject({ state: 'succeeded', created: CONTACTS, updated: 0, rateLimited: 1 });
    expect(h.sandbox.admin.requests().byRoute[UPSERT]).toBe(5);
    expect(h.sandbox.admin.contacts()).toHaveLength(CONTACTS);
  });

  it('a 429 with notes: no call until the wait is over, then the rest and the notes of what was accepted; nothing twice', async () => {
    const h = await hubspotHarness();
    seed(h, (i) => i % 3 === 0);
    h.sandbox.admin.clearRequests();
    h.sandbox.admin.injectFault({ kind: 'status', status: 429, skip: 2, pathPrefix: '/crm/v3/objects/contacts/batch/upsert' });

    const run = await h.engine.syncNow(h.connection.id);

    expect(run).toMatchObject({ state: 'succeeded', created: CONTACTS, updated: 0, failed: 0, rateLimited: 1 });
    expect(h.sandbox.admin.requests().byRoute[UPSERT]).toBe(5);
    expect(h.sandbox.admin.contacts()).toHaveLength(CONTACTS);
    const notes = h.sandbox.admin.notes();
    expect(notes).toHaveLength(Math.ceil(CONTACTS / 3));
    expect(new Set(notes.flatMap((n) => n.contactIds)).size).toBe(notes.length);
  });

  it('a 503 on the third upsert call and again on the notes of what was accepted: the notes are found or made once, never twice', async () => {
    const h = await hubspotHarness();
    seed(h, (i) => i % 3 === 0);
    h.sandbox.admin.injectFault({ kind: 'status', status: 503, skip: 2, pathPrefix: '/crm/v3/objects/contacts/batch/upsert' });
    h.sandbox.admin.injectFault({ kind: 'status', status: 503, pathPrefix: '/crm/v3/objects/notes' });

    const run = await h.engine.syncNow(h.connection.id);

    expect(run).toMatchObject({ state: 'succeeded', failed: 0 });
    expect(run.created + run.updated).toBe(CONTACTS);
    expect(h.sandbox.admin.contacts()).toHaveLength(CONTACTS);
    const notes = h.sandbox.admin.notes();
    expect(notes).toHaveLength(Math.ceil(CONTACTS / 3));
    expect(new Set(notes.flatMap((n) => n.contactIds)).size).toBe(notes.length);
  });

  it('when HubSpot keeps refusing the rest, the accepted contacts are still saved as sent; only the rest waits', async () => {
    const h = await hubspotHarness();
    seed(h, () => false);
    h.sandbox.admin.injectFault({ kind: 'status', status: 503, skip: 2, count: 1_000, pathPrefix: '/crm/v3/objects/contacts/batch/upsert' });

    const run = await h.engine.syncNow(h.connection.id);

    expect(run).toMatchObject({ state: 'failed', created: 200, failed: CONTACTS - 200 });
    expect(countOutbox(h.db, h.connection.id)).toMatchObject({ pending: CONTACTS - 200 });
  });
});
