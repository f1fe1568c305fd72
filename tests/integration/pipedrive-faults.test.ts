import { describe, expect, it } from 'vitest';
import { createContact, updateContact } from '../../main/store/contacts';
import { requireConnection } from '../../main/store/connections';
import { countOutbox } from '../../main/store/outbox';
import { listEvents } from '../../main/store/sync-log';
import { seedSampleContacts } from '../support/sample-contacts';
import { GENEROUS_LIMITS, PIPEDRIVE_TOKEN, pipedriveHarness } from '../support/pipedrive-harness';

const ctx = { region: 'US' };

describe('Pipedrive: the fault classes, against the sandbox', () => {
  it('429: a burst refusal slows the sync down, it completes, nothing lost or doubled', async () => {
    const h = await pipedriveHarness({ seed: (db, cardId) => seedSampleContacts(db, cardId, 60) });
    h.sandbox.admin.injectFault({ kind: 'status', status: 429, count: 3, pathPrefix: '/api/v2/persons' });
    const run = await h.engine.syncNow(h.connection.id);
    expect(run).toMatchObject({ state: 'succeeded', created: 60 });
    expect(run.rateLimited).toBeGreaterThanOrEqual(1);
    expect(h.sandbox.admin.persons()).toHaveLength(60);
    expect(requireConnection(h.db, h.connection.id).lastError).toBeNull();
  });

  it('the daily token budget: once spent, the run stops with a sentence that says it resumes by itself; nothing is lost', async () => {
    // 300 tokens: connecting spends 42 (users/me 2, the field list 20, two new fields 10 each), a list 20, a new person 10
    const h = await pipedriveHarness({ limits: { ...GENEROUS_LIMITS, dailyBudget: 300 }, seed: (db, cardId) => seedSampleContacts(db, cardId, 40) });
    const run = await h.engine.syncNow(h.connection.id);
    expect(run.state).not.toBe('succeeded');
    expect(requireConnection(h.db, h.connection.id).lastError).toMatch(/daily API allowance.*nothing is lost/);
    const sent = h.sandbox.admin.persons().length;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(40);
    // the refused batch is not linked: all 40 wait, and the persons it did create are found again, not doubled
    expect(countOutbox(h.db, h.connection.id).pending).toBe(40);
    h.sandbox.admin.setLimits({ dailyBudget: 1_000_000 });
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ state: 'succeeded', created: 40 - sent, updated: sent });
    expect(h.sandbox.admin.persons()).toHaveLength(40);
    expect(new Set(h.sandbox.admin.persons().map((p) => h.field(p, 'Ferry ID'))).size).toBe(40);
  });

  it('5xx: a brief outage is retried within the run; a long one leaves an error that clears once Pipedrive is back', async () => {
    const h = await pipedriveHarness({ seed: (db, cardId) => seedSampleContacts(db, cardId, 10) });
    h.sandbox.admin.injectFault({ kind: 'status', status: 503, count: 2, pathPrefix: '/api/v2/persons' });
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ state: 'succeeded', created: 10 });

    seedSampleContacts(h.db, h.cardId, 20);
    h.sandbox.admin.injectFault({ kind: 'status', status: 500, count: 500 });
    expect((await h.engine.syncNow(h.connection.id)).state).toBe('failed');
    expect(requireConnection(h.db, h.connection.id)).toMatchObject({ status: 'error' });
    h.sandbox.admin.clearFaults();
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ state: 'succeeded', created: 10 });
    expect(h.sandbox.admin.persons()).toHaveLength(20);
    expect(requireConnection(h.db, h.connection.id)).toMatchObject({ status: 'connected', lastError: null });
  });

  it('a revoked or changed API token pauses the connection as needing reauthorization; the outbox is kept', async () => {
    const h = await pipedriveHarness();
    h.sandbox.admin.revokeToken(PIPEDRIVE_TOKEN);
    createContact(h.db, h.cardId, { firstName: 'Kept', emails: [{ value: 'kept@example.com' }] }, ctx);
    const run = await h.engine.syncNow(h.connection.id);
    expect(run.state).toBe('failed');
    const paused = requireConnection(h.db, h.connection.id);
    expect(paused.status).toBe('needs_reauth');
    expect(paused.lastError).toMatch(/Reconnect Pipedrive/);
    expect(countOutbox(h.db, h.connection.id).pending).toBe(1);
    expect(h.sandbox.admin.persons()).toHaveLength(0);
  });

  it('a person Pipedrive refuses is quarantined with Pipedrive\'s own words; the rest go through; fixing it sends it', async () => {
    const h = await pipedriveHarness();
    h.sandbox.admin.rejectEmails('@@');
    for (let i = 0; i < 5; i++) createContact(h.db, h.cardId, { firstName: `P${i}`, emails: [{ value: `p${i}@example.com` }] }, ctx);
    const bad = createContact(h.db, h.cardId, { firstName: 'Bad', emails: [{ value: 'bad@@example' }] }, ctx);
    const run = await h.engine.syncNow(h.connection.id);
    expect(run).toMatchObject({ state: 'partial', created: 5, quarantined: 1 });
    const [event] = listEvents(h.db, { connectionId: h.connection.id, outcomes: ['quarantined'], limit: 10, offset: 0 }).items;
    expect(event?.contactId).toBe(bad.id);
    expect(event?.crmError).toMatch(/^HTTP 400 Validation failed: emails: 'bad@@example' is not a valid email address/);
    expect(event?.message).toMatch(/Pipedrive did not accept this person: "Validation failed/);
    expect((await h.engine.syncNow(h.connection.id)).apiCalls).toBe(0);
    updateContact(h.db, bad.id, { emails: [{ value: 'fixed@example.com' }] }, ctx);
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ state: 'succeeded', created: 1 });
    expect(h.sandbox.admin.persons()).toHaveLength(6);
  });

  it('an answer lost after Pipedrive created the person: the resend finds it by its Ferry ID instead of creating another', async () => {
    const h = await pipedriveHarness({ seed: (db, cardId) => seedSampleContacts(db, cardId, 12) });
    h.sandbox.admin.injectFault({ kind: 'drop', phase: 'after', count: 1, pathPrefix: '/api/v2/persons' });
    // the first list page of the look-up is dropped too sometimes; either way nothing may be doubled
    await h.engine.syncNow(h.connection.id).catch(() => undefined);
    h.engine.setOnline(false);
    h.engine.setOnline(true);
    for (let i = 0; i < 3 && countOutbox(h.db, h.connection.id).pending > 0; i++) await h.engine.syncNow(h.connection.id).catch(() => undefined);
    expect(countOutbox(h.db, h.connection.id).pending).toBe(0);
    const persons = h.sandbox.admin.persons();
    expect(persons).toHaveLength(12);
    expect(new Set(persons.map((p) => h.field(p, 'Ferry ID'))).size).toBe(12);
  });
});
