import { describe, expect, it } from 'vitest';
import { createContact, updateContact } from '../../main/store/contacts';
import { getConnectionFilter, setConnectionFilter } from '../../main/store/connection-filter';
import { countOutbox } from '../../main/store/outbox';
import { listEvents } from '../../main/store/sync-log';
import { countFilterMatches } from '../../main/store/filter-count';
import { filterMismatch } from '../../main/filters/match';
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
    // only Peter waits: Hank is in HubSpot as he is
    expect(countOutbox(h.db, h.connection.id).pending).toBe(1);
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ created: 1, unchanged: 0 });
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

  it('all of these tags: only contacts with every one are queued and sent, and the Sync log names the missing tag', async () => {
    const h = await hubspotHarness();
    setConnectionFilter(h.db, h.connection.id, { allTags: ['customer', 'VIP'] }, Date.now());
    createContact(h.db, h.cardId, { firstName: 'Both', emails: [{ value: 'both@example.com' }], tags: ['vip', 'customer'] }, ctx);
    const one = createContact(h.db, h.cardId, { firstName: 'One', emails: [{ value: 'one@example.com' }], tags: ['customer'] }, ctx);
    expect(countOutbox(h.db, h.connection.id).pending).toBe(1);
    expect(countFilterMatches(h.db, h.cardId, { allTags: ['customer', 'VIP'] })).toEqual({ matching: 1, total: 2 });
    expect(countFilterMatches(h.db, h.cardId, { tags: ['customer', 'VIP'] })).toEqual({ matching: 2, total: 2 });
    await h.engine.syncNow(h.connection.id);
    expect(h.sandbox.admin.contacts().map((c) => c.properties.email)).toEqual(['both@example.com']);
    expect(filterMismatch(one, { allTags: ['customer', 'VIP'] })).toBe('it does not have the tag “VIP”');
  });

  it('a connection made while the admin\'s policy sets a filter and a mapping has them before anything can be sent', async () => {
    const { createCard } = await import('../../main/store/cards');
    const { checkConnect, NO_POLICY_STATE, policySchema } = await import('../../main/admin-policy/index');
    const { TOKEN } = await import('../support/hubspot-harness');
    const h = await hubspotHarness();
    const cardId = createCard(h.db, 'Policy').id;
    createContact(h.db, cardId, { firstName: 'Cus', emails: [{ value: 'cus@example.com' }], tags: ['customer'], title: 'CTO' }, ctx);
    createContact(h.db, cardId, { firstName: 'Lea', emails: [{ value: 'lea@example.com' }], tags: ['lead'] }, ctx);
    const state = { ...NO_POLICY_STATE, policy: policySchema.parse({ format: 'ferry-policy', version: 1, connections: { hubspot: { filter: { tags: ['customer'] }, mapping: { fields: { title: { target: 'industry' } } } } } }) };
    const settings = checkConnect(state, 'hubspot', 'HubSpot', { mode: 'manual' });
    expect(settings).toMatchObject({ mode: 'manual', filter: { tags: ['customer'] }, mapping: { fields: { title: { target: 'industry' } } } });
    const connection = await h.engine.connect({ cardId, kind: 'hubspot', config: { baseUrl: h.sandbox.url, auth: 'private-app' }, secrets: { private_app_token: TOKEN }, ...settings });
    expect(getConnectionFilter(h.db, connection.id)).toEqual({ tags: ['customer'] });
    expect(countOutbox(h.db, connection.id).pending).toBe(1);
    expect(await h.engine.syncNow(connection.id)).toMatchObject({ created: 1 });
    expect(h.sandbox.admin.contacts().map((c) => [c.properties.email, c.properties.industry])).toEqual([['cus@example.com', 'CTO']]);
  });

  it('a filter with a rule Ferry does not know is refused', () => {
    return hubspotHarness().then((h) => {
      expect(() => setConnectionFilter(h.db, h.connection.id, { tag: ['x'] } as never, Date.now())).toThrow();
      expect(() => setConnectionFilter(h.db, h.connection.id, { fields: [{ field: 'company', op: 'equals' }] }, Date.now())).toThrow(/need a value/);
    });
  });
});

describe('filters on the command line, in the admin policy and in the configuration export', () => {
  it('ferry filter set/show/clear; the admin policy locks it with the one sentence', async () => {
    const { runFerry } = await import('../support/run-ferry');
    const { tempDir } = await import('../support/temp-dir');
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { openDatabase } = await import('../../main/store/db');
    const { createCard } = await import('../../main/store/cards');
    const { createConnection } = await import('../../main/store/connections');
    const dir = tempDir();
    const dataDir = path.join(dir, 'data');
    const db = openDatabase(dataDir);
    const cardId = createCard(db, 'Mine').id;
    createConnection(db, { cardId, kind: 'hubspot', label: 'HubSpot', config: { baseUrl: 'http://127.0.0.1:9', tokenEnv: 'FERRY_HUBSPOT_TOKEN', auth: 'private-app' } });
    createContact(db, cardId, { firstName: 'Ada', emails: [{ value: 'ada@example.com' }], tags: ['vip'], company: 'Globex' }, ctx);
    createContact(db, cardId, { firstName: 'Bob', emails: [{ value: 'bob@example.com' }], company: 'Initech' }, ctx);
    db.close();
    const ferry = (...args: string[]) => runFerry(['--data-dir', dataDir, ...args]);

    const set = await ferry('filter', 'set', 'hubspot', '--tag', 'vip', '--where', 'company=Globex');
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('HubSpot gets contacts tagged “vip”, and company is “Globex”.');
    expect(set.stdout).toContain('1 contact waits to be sent.');
    const shown = await ferry('filter', 'show', 'hubspot', '--json');
    expect(JSON.parse(shown.stdout)).toEqual([{ connectionId: 1, filter: { tags: ['vip'], fields: [{ field: 'company', op: 'equals', value: 'Globex' }] }, locked: false, pending: 1, matching: 1, total: 2 }]);
    const cleared = await ferry('filter', 'clear', 'hubspot');
    expect(cleared.stdout).toContain('HubSpot gets every contact.');
    expect(cleared.stdout).toContain('2 contacts wait to be sent.');

    const policy = path.join(dir, 'policy.json');
    fs.writeFileSync(policy, JSON.stringify({ format: 'ferry-policy', version: 1, connections: { hubspot: { filter: { tags: ['customer'] } } } }));
    const locked = await runFerry(['--data-dir', dataDir, 'filter', 'set', 'hubspot', '--tag', 'vip'], { FERRY_POLICY_FILE: policy });
    expect(locked.code).toBe(1);
    expect(locked.stderr.trim()).toBe('ferry: What Ferry sends to HubSpot is set by your admin.');
  });

  it('the configuration export carries the filter, and importing it applies it', async () => {
    const h = await hubspotHarness();
    const { createConfigTransfer } = await import('../../main/services/config-transfer');
    const { NO_POLICY_STATE } = await import('../../main/admin-policy/index');
    const policy = { current: () => NO_POLICY_STATE, importSigned: () => { throw new Error('not here'); } };
    const transfer = createConfigTransfer({ db: h.db, clock: h.clock, sync: h.engine, policy });
    // the export skips sandbox connections; this harness's HubSpot is a real-CRM connection on loopback
    setConnectionFilter(h.db, h.connection.id, { excludeTags: ['private'] }, Date.now());
    const { json } = transfer.exportConfig(undefined);
    expect(JSON.parse(json).connections[0].filter).toEqual({ excludeTags: ['private'] });
    setConnectionFilter(h.db, h.connection.id, {}, Date.now());
    const report = transfer.importConfig({ json });
    expect(report.applied).toEqual(['hubspot']);
    expect(getConnectionFilter(h.db, h.connection.id)).toEqual({ excludeTags: ['private'] });
  });
});
