import { describe, expect, it } from 'vitest';
import { createContact, updateContact } from '../../main/store/contacts';
import { requireConnection } from '../../main/store/connections';
import { countOutbox } from '../../main/store/outbox';
import { listEvents } from '../../main/store/sync-log';
import { seedSampleContacts } from '../support/sample-contacts';
import { eventually, hubspotHarness, TOKEN } from '../support/hubspot-harness';

const ctx = { region: 'US' };

describe('sync engine with HubSpot (sandbox on loopback)', () => {
  it('first sync creates every contact in one batch call per 100; a re-sync with no changes makes zero API calls', async () => {
    const h = await hubspotHarness();
    seedSampleContacts(h.db, h.cardId, 250);
    const first = await h.engine.syncNow(h.connection.id);
    expect(first).toMatchObject({ state: 'succeeded', created: 250, updated: 0, quarantined: 0 });
    expect(h.sandbox.admin.contacts()).toHaveLength(250);
    const upserts = h.sandbox.admin.requests().byRoute['POST /crm/v3/objects/contacts/batch/upsert'];
    expect(upserts).toBe(3);

    const before = h.sandbox.admin.requests().total;
    const again = await h.engine.syncNow(h.connection.id);
    // nothing pending: no call, no run recorded
    expect(again).toMatchObject({ state: 'nothing_to_send', runId: null, planned: 0, apiCalls: 0 });
    expect(h.sandbox.admin.requests().total).toBe(before);
    expect(requireConnection(h.db, h.connection.id)).toMatchObject({ status: 'connected', lastError: null });
    expect(requireConnection(h.db, h.connection.id).lastSuccessAt).not.toBeNull();
    // connecting learned the portal id, so the app can link to each HubSpot record
    expect(h.connection.config.account).toBe('4242424');
  });

  it('an edit is one update of the same HubSpot record, logged old -> new', async () => {
    const h = await hubspotHarness();
    const c = createContact(h.db, h.cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }], company: 'Engines' }, ctx);
    await h.engine.syncNow(h.connection.id);
    const id = h.sandbox.admin.contactByEmail('ada@example.com')?.id;
    updateContact(h.db, c.id, { company: 'Analytical Engines' }, ctx);
    const run = await h.engine.syncNow(h.connection.id);
    expect(run).toMatchObject({ updated: 1, created: 0, apiCalls: 1 });
    expect(h.sandbox.admin.contacts()).toHaveLength(1);
    expect(h.sandbox.admin.contact(id!)?.properties.company).toBe('Analytical Engines');
    const [event] = listEvents(h.db, { connectionId: h.connection.id, limit: 1, offset: 0 }).items;
    expect(event).toMatchObject({ outcome: 'updated', changes: [{ field: 'company', old: 'Engines', new: 'Analytical Engines' }] });
  });

  it('changing the e-mail updates the linked record instead of creating a second one', async () => {
    const h = await hubspotHarness();
    const c = createContact(h.db, h.cardId, { firstName: 'Grace', emails: [{ value: 'grace@old.example' }] }, ctx);
    await h.engine.syncNow(h.connection.id);
    updateContact(h.db, c.id, { emails: [{ value: 'grace@new.example' }] }, ctx);
    await h.engine.syncNow(h.connection.id);
    expect(h.sandbox.admin.contacts()).toHaveLength(1);
    expect(h.sandbox.admin.contacts()[0]?.properties.email).toBe('grace@new.example');
  });

  it('clearing a field locally clears it in HubSpot', async () => {
    const h = await hubspotHarness();
    const c = createContact(h.db, h.cardId, { firstName: 'Linus', emails: [{ value: 'linus@example.com' }], title: 'Maintainer' }, ctx);
    await h.engine.syncNow(h.connection.id);
    updateContact(h.db, c.id, { title: '' }, ctx);
    await h.engine.syncNow(h.connection.id);
    expect(h.sandbox.admin.contactByEmail('linus@example.com')?.properties.jobtitle ?? '').toBe('');
  });

  it('a record HubSpot rejects is quarantined with its message; the rest go through; fixing it and retrying sends it', async () => {
    const h = await hubspotHarness({ mode: 'automatic' });
    for (let i = 0; i < 5; i++) createContact(h.db, h.cardId, { firstName: `P${i}`, emails: [{ value: `p${i}@example.com` }] }, ctx);
    const bad = createContact(h.db, h.cardId, { firstName: 'Bad', emails: [{ value: 'bad@@example' }] }, ctx);
    const run = await h.engine.syncNow(h.connection.id);
    expect(run).toMatchObject({ state: 'partial', created: 5, quarantined: 1 });
    expect(h.sandbox.admin.contacts()).toHaveLength(5);
    const [event] = listEvents(h.db, { connectionId: h.connection.id, outcomes: ['quarantined'], limit: 10, offset: 0 }).items;
    expect(event?.contactId).toBe(bad.id);
    expect(event?.crmError).toMatch(/email/i);
    expect(event?.message).toMatch(/HubSpot/);
    expect(requireConnection(h.db, h.connection.id).lastError).toMatch(/rejected 1 contact/);
    expect(countOutbox(h.db, h.connection.id)).toMatchObject({ pending: 0, quarantined: 1 });

    // a re-sync does not resend the known-bad version
    expect((await h.engine.syncNow(h.connection.id)).apiCalls).toBe(0);
    updateContact(h.db, bad.id, { emails: [{ value: 'fixed@example.com' }] }, ctx);
    const fixed = await h.engine.syncNow(h.connection.id);
    expect(fixed).toMatchObject({ state: 'succeeded', created: 1 });
    expect(h.sandbox.admin.contacts()).toHaveLength(6);
  });

  it('a 429 storm slows the sync down but it completes, nothing lost', async () => {
    const h = await hubspotHarness();
    seedSampleContacts(h.db, h.cardId, 120);
    h.sandbox.admin.injectFault({ kind: 'status', status: 429, count: 4, pathPrefix: '/crm/v3/objects/contacts' });
    const said: (string | null)[] = [];
    h.engine.on('status', (s) => said.push(s.message));
    const run = await h.engine.syncNow(h.connection.id);
    // while it lasts the rep sees why the sync is slow; the finished run clears it
    expect(said.some((m) => m !== null && /slow down/.test(m))).toBe(true);
    expect(requireConnection(h.db, h.connection.id).lastError).toBeNull();
    expect(run).toMatchObject({ state: 'succeeded', created: 120 });
    expect(run.rateLimited).toBeGreaterThanOrEqual(1);
    expect(h.sandbox.admin.contacts()).toHaveLength(120);
  });

  it('a brief 503 outage is retried within the run; a long one leaves an error that clears by itself', async () => {
    const h = await hubspotHarness();
    seedSampleContacts(h.db, h.cardId, 10);
    h.sandbox.admin.injectFault({ kind: 'status', status: 503, count: 2 });
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ state: 'succeeded', created: 10 });

    seedSampleContacts(h.db, h.cardId, 20);
    h.sandbox.admin.injectFault({ kind: 'status', status: 503, count: 50 });
    const failed = await h.engine.syncNow(h.connection.id);
    expect(failed.state).toBe('failed');
    expect(requireConnection(h.db, h.connection.id)).toMatchObject({ status: 'error' });
    expect(requireConnection(h.db, h.connection.id).lastError).toMatch(/HTTP 503.*nothing is lost/);
    h.sandbox.admin.clearFaults();
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ state: 'succeeded', created: 10 });
    expect(requireConnection(h.db, h.connection.id)).toMatchObject({ status: 'connected', lastError: null });
  });

  it('offline: the outbox is kept, the connection waits for the network, and drains when it is back', async () => {
    const h = await hubspotHarness({ mode: 'automatic' });
    await h.engine.syncNow(h.connection.id);
    h.sandbox.admin.injectFault({ kind: 'drop', phase: 'before', count: 100 });
    createContact(h.db, h.cardId, { firstName: 'Offline', emails: [{ value: 'offline@example.com' }] }, ctx);
    const run = await h.engine.syncNow(h.connection.id, 'automatic');
    expect(run.state).toBe('failed');
    expect(requireConnection(h.db, h.connection.id).status).toBe('waiting_for_network');
    expect(countOutbox(h.db, h.connection.id).pending).toBe(1);
    h.sandbox.admin.clearFaults();
    h.engine.setOnline(false);
    h.engine.setOnline(true);
    await eventually(() => h.sandbox.admin.contactByEmail('offline@example.com') !== undefined);
    await eventually(() => countOutbox(h.db, h.connection.id).pending === 0);
  });

  it('an answer lost after HubSpot wrote the batch is resent without creating duplicates', async () => {
    const h = await hubspotHarness();
    seedSampleContacts(h.db, h.cardId, 30);
    createContact(h.db, h.cardId, { firstName: 'No', lastName: 'Email', company: 'Nowhere' }, ctx);
    h.sandbox.admin.injectFault({ kind: 'drop', phase: 'after', count: 1, pathPrefix: '/crm/v3/objects/contacts/batch/upsert' });
    const first = await h.engine.syncNow(h.connection.id);
    expect(first.state).toBe('failed');
    h.engine.setOnline(false);
    h.engine.setOnline(true);
    await h.engine.syncNow(h.connection.id).catch(() => undefined);
    await eventually(() => requireConnection(h.db, h.connection.id).status === 'connected' && !h.engine.isRunning(h.connection.id));
    expect(h.sandbox.admin.contacts()).toHaveLength(31);
  });

  it('an expired token pauses the connection as needing reauthorization; reconnecting drains the outbox', async () => {
    const h = await hubspotHarness({ mode: 'automatic' });
    h.sandbox.admin.expireToken(TOKEN);
    createContact(h.db, h.cardId, { firstName: 'Kept', emails: [{ value: 'kept@example.com' }] }, ctx);
    const run = await h.engine.syncNow(h.connection.id, 'automatic');
    expect(run.state).toBe('failed');
    const paused = requireConnection(h.db, h.connection.id);
    expect(paused.status).toBe('needs_reauth');
    expect(paused.lastError).toMatch(/Reconnect HubSpot/);
    await expect(h.engine.syncNow(h.connection.id)).rejects.toThrow(/reconnected/);
    expect(countOutbox(h.db, h.connection.id).pending).toBe(1);

    // reconnect: a new token in the vault, then the connection is usable again
    h.sandbox.admin.registerToken({ token: 'pat-new-token-987654321' });
    await h.engine.reconnect(h.connection.id, { private_app_token: 'pat-new-token-987654321' });
    await eventually(() => h.sandbox.admin.contactByEmail('kept@example.com') !== undefined);
    await eventually(() => countOutbox(h.db, h.connection.id).pending === 0);
  });

  it('a missing scope pauses the connection and names the scope', async () => {
    const h = await hubspotHarness({ scopes: ['crm.objects.contacts.read', 'crm.schemas.contacts.read', 'crm.schemas.contacts.write'] });
    createContact(h.db, h.cardId, { firstName: 'Scope', emails: [{ value: 'scope@example.com' }] }, ctx);
    await h.engine.syncNow(h.connection.id);
    const c = requireConnection(h.db, h.connection.id);
    expect(c.status).toBe('paused');
    expect(c.lastError).toContain('crm.objects.contacts.write');
  });

  it('Automatic mode pushes a change within seconds, and notices writes from another process', async () => {
    const h = await hubspotHarness({ mode: 'automatic', realClock: true });
    h.engine.start();
    createContact(h.db, h.cardId, { firstName: 'Auto', emails: [{ value: 'auto@example.com' }] }, ctx);
    await eventually(() => h.sandbox.admin.contactByEmail('auto@example.com') !== undefined, 5_000);

    // another process (the CLI) writes to the same file through its own connection
    const { openDatabase } = await import('../../main/store/db');
    const other = openDatabase(h.dataDir);
    createContact(other, h.cardId, { firstName: 'FromCli', emails: [{ value: 'cli@example.com' }] }, ctx);
    other.close();
    await eventually(() => h.sandbox.admin.contactByEmail('cli@example.com') !== undefined, 5_000);
  });

  it('pause keeps the outbox; resume drains it', async () => {
    const h = await hubspotHarness({ mode: 'automatic', realClock: true });
    h.engine.start();
    h.engine.pause(h.connection.id);
    createContact(h.db, h.cardId, { firstName: 'Later', emails: [{ value: 'later@example.com' }] }, ctx);
    await new Promise((r) => setTimeout(r, 600));
    expect(h.sandbox.admin.contactByEmail('later@example.com')).toBeUndefined();
    expect(countOutbox(h.db, h.connection.id).pending).toBe(1);
    h.engine.resume(h.connection.id);
    await eventually(() => h.sandbox.admin.contactByEmail('later@example.com') !== undefined, 5_000);
  });

  it('dry run lists what would be created and updated, field by field, and writes nothing', async () => {
    const h = await hubspotHarness();
    const a = createContact(h.db, h.cardId, { firstName: 'Dry', emails: [{ value: 'dry@example.com' }], company: 'Old' }, ctx);
    await h.engine.syncNow(h.connection.id);
    updateContact(h.db, a.id, { company: 'New' }, ctx);
    createContact(h.db, h.cardId, { firstName: 'Fresh', emails: [{ value: 'fresh@example.com' }] }, ctx);
    const before = h.sandbox.admin.requests().total;
    const plan = await h.engine.dryRun(h.connection.id);
    expect(plan).toMatchObject({ creates: 1, updates: 1 });
    expect(plan.items.find((i) => i.action === 'update')?.changes).toEqual([{ field: 'company', old: 'Old', new: 'New' }]);
    expect(h.sandbox.admin.requests().total).toBe(before);
  });

  it('runs never overlap: requests during a run share one follow-up run that sends what changed meanwhile', async () => {
    const h = await hubspotHarness();
    seedSampleContacts(h.db, h.cardId, 10);
    const a = h.engine.syncNow(h.connection.id);
    // the first run has planned (its first progress report) before the rep saves another change
    await new Promise<void>((resolve) => { const off = h.engine.on('progress', () => { off(); resolve(); }); });
    createContact(h.db, h.cardId, { firstName: 'Meanwhile', emails: [{ value: 'meanwhile@example.com' }] }, ctx);
    const [b, c] = [h.engine.syncNow(h.connection.id), h.engine.syncNow(h.connection.id)];
    const [ra, rb, rc] = await Promise.all([a, b, c]);
    expect(rb.runId).toBe(rc.runId);
    expect(rb.runId).toBeGreaterThan(ra.runId!);
    expect(ra.finishedAt).toBeLessThanOrEqual(rb.startedAt);
    expect(h.sandbox.admin.contacts()).toHaveLength(11);
  });
});
