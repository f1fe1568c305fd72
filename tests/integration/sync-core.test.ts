import { afterEach, describe, expect, it } from 'vitest';
import { connectorFactories } from '../../main/crm/drivers';
import { ConnectorRegistry, createSandboxToken, type ConnectorFactory } from '../../main/crm/registry';
import { startRuntime } from '../../main/runtime/index';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../main/sandbox/salesforce/index';
import { startZapierSandbox } from '../../main/sandbox/zapier/index';
import { startWebhookSandbox } from '../../main/sandbox/webhook/index';
import { noSandboxes } from '../../main/services/ports';
import { createContactInputSchema } from '../../preload/schemas/contacts-api';
import { createCard } from '../../main/store/cards';
import { createContact, deleteContact } from '../../main/store/contacts';
import { listConnections, requireConnection } from '../../main/store/connections';
import { openDatabase, type Db } from '../../main/store/db';
import { countOutbox, listOutbox } from '../../main/store/outbox';
import { listEvents, listRuns } from '../../main/store/sync-log';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import { MAX_RECORD_ATTEMPTS } from '../../main/sync/retry';
import { isDue } from '../../main/sync/schedule';
import { FakeClock } from '../support/fake-clock';
import { tempDir } from '../support/temp-dir';

/** This process's sandbox token, handed to the sandboxes and to the runtime or registry (as the runtime does for its own). */
const SANDBOX_TOKEN = createSandboxToken();

const ctx = { region: 'US' };
const HUBSPOT_TOKEN = 'pat-na1-sync-core-hubspot-0001';
const SALESFORCE_TOKEN = '00Dsynccore!salesforce.token.0002';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

function store(): { db: Db; cardId: number; dataDir: string } {
  const dataDir = tempDir();
  const db = openDatabase(dataDir);
  cleanups.push(() => { db.close(); });
  return { db, cardId: createCard(db, 'Team').id, dataDir };
}

async function hubspotSandbox(): Promise<HubSpotSandbox> {
  const sandbox = await startHubSpotSandbox({ port: 0 });
  sandbox.admin.registerToken({ token: HUBSPOT_TOKEN });
  cleanups.push(() => sandbox.close());
  return sandbox;
}

function engineOver(db: Db, opts: { clock?: FakeClock; factories?: Record<string, ConnectorFactory>; vault?: InMemoryVault } = {}): SyncEngine {
  const engine = createSyncEngine({
    db,
    connectors: new ConnectorRegistry({ vault: opts.vault ?? new InMemoryVault(), sandboxToken: SANDBOX_TOKEN, ...(opts.factories ? { factories: { ...connectorFactories, ...opts.factories } } : {}) }),
    ...(opts.clock ? { clock: opts.clock } : {}),
    random: () => 0.5,
    pollMs: 20,
  });
  cleanups.push(() => engine.stop());
  return engine;
}

describe('sync core', () => {
  it('a deleted contact leaves nothing pending: the scheduler starts no run for it, and the log says the record was kept', async () => {
    const { db, cardId } = store();
    const sandbox = await hubspotSandbox();
    const clock = new FakeClock();
    const engine = engineOver(db, { clock });
    const connection = await engine.connect({ cardId, kind: 'hubspot', mode: 'automatic', config: { baseUrl: sandbox.url, auth: 'private-app' }, secrets: { private_app_token: HUBSPOT_TOKEN } });
    const ada = createContact(db, cardId, { firstName: 'Ada', emails: [{ value: 'ada@example.com' }] }, ctx);
    expect(await engine.syncNow(connection.id, 'automatic')).toMatchObject({ created: 1 });
    const runsBefore = listRuns(db, { connectionId: connection.id, limit: 100, offset: 0 }).total;

    deleteContact(db, ada.id, clock.now());
    clock.advance(60_000);
    expect(countOutbox(db, connection.id, clock.now())).toEqual({ pending: 0, quarantined: 0, due: 0 });
    // the scheduler's own question: nothing is due, so no run starts (before: a run every poll, forever)
    expect(isDue(db, requireConnection(db, connection.id), clock.now(), { online: true, automaticDelayMs: 2_000, debounceMs: 400 })).toBeNull();
    // and the scheduler, left running, records no empty run
    engine.start();
    await new Promise((r) => setTimeout(r, 300));
    expect(listRuns(db, { connectionId: connection.id, limit: 100, offset: 0 }).total).toBe(runsBefore);
    expect(sandbox.admin.contacts()).toHaveLength(1);
    const [event] = listEvents(db, { connectionId: connection.id, contactId: ada.id, outcomes: ['skipped'], limit: 5, offset: 0 }).items;
    expect(event?.message).toBe('Deleted in Ferry, kept in HubSpot.');
  });

  it('a record the CRM keeps failing for a temporary reason backs off, then is set aside after 8 tries; nothing is re-sent forever', async () => {
    const { db, cardId } = store();
    const sandbox = await hubspotSandbox();
    const clock = new FakeClock();
    let flakyId = -1;
    const sends: number[] = [];
    // HubSpot leaves one input out of its batch answer every time (a multi-status answer that names nobody)
    const flaky: ConnectorFactory = async (connection, secrets) => {
      const real = await connectorFactories.hubspot!(connection, secrets);
      return {
        ...real,
        push: async (items, pushCtx) => {
          for (const i of items) if (i.contactId === flakyId) sends.push(clock.now());
          return (await real.push(items, pushCtx)).filter((r) => r.contactId !== flakyId);
        },
      };
    };
    const engine = engineOver(db, { clock, factories: { hubspot: flaky } });
    const connection = await engine.connect({ cardId, kind: 'hubspot', mode: 'automatic', config: { baseUrl: sandbox.url, auth: 'private-app' }, secrets: { private_app_token: HUBSPOT_TOKEN } });
    createContact(db, cardId, { firstName: 'Fine', emails: [{ value: 'fine@example.com' }] }, ctx);
    flakyId = createContact(db, cardId, { firstName: 'Flaky', emails: [{ value: 'flaky@example.com' }] }, ctx).id;

    const waits: number[] = [];
    for (let run = 0; run < 20; run++) {
      await engine.syncNow(connection.id, 'automatic');
      const [row] = listOutbox(db, connection.id);
      if (!row || row.state === 'quarantined') break;
      const wait = row.nextAttemptAt - clock.now();
      waits.push(wait);
      // asked again before the delay has passed: nothing is sent, no run is recorded
      clock.advance(Math.floor(wait / 2));
      expect(await engine.syncNow(connection.id, 'automatic')).toMatchObject({ state: 'nothing_to_send', runId: null });
      clock.advance(wait - Math.floor(wait / 2));
    }
    expect(sends).toHaveLength(MAX_RECORD_ATTEMPTS);
    // each wait is longer than the one before (capped exponential backoff)
    for (let i = 1; i < waits.length; i++) expect(waits[i]!).toBeGreaterThan(waits[i - 1]!);
    const [row] = listOutbox(db, connection.id);
    expect(row).toMatchObject({ contactId: flakyId, state: 'quarantined' });
    expect(row?.lastError).toMatch(/did not take this contact after 8 tries/);
    // set aside: automatic runs no longer send it, and make no call at all
    clock.advance(24 * 3_600_000);
    const calls = sandbox.admin.requests().total;
    expect(await engine.syncNow(connection.id, 'automatic')).toMatchObject({ state: 'nothing_to_send', apiCalls: 0 });
    expect(sandbox.admin.requests().total).toBe(calls);
    // the log shows the backoff, try by try
    const failed = listEvents(db, { connectionId: connection.id, contactId: flakyId, outcomes: ['failed'], limit: 20, offset: 0 }).items;
    expect(failed).toHaveLength(MAX_RECORD_ATTEMPTS - 1);
    expect(failed.at(-1)?.message).toMatch(/will send it again in .* \(try 1 of 8\)/);
  });

  it('a failed connect leaves nothing behind: the next connections work, each with only its own secret', async () => {
    const { db, cardId } = store();
    const hubspot = await hubspotSandbox();
    const salesforce: SalesforceSandbox = await startSalesforceSandbox({ port: 0, token: SALESFORCE_TOKEN });
    const zapier = await startZapierSandbox({ port: 0 });
    const webhook = await startWebhookSandbox({ port: 0, secret: SANDBOX_TOKEN });
    cleanups.push(() => salesforce.close(), () => zapier.close(), () => webhook.close());
    const vault = new InMemoryVault();
    const reads: string[] = [];
    const get = vault.get.bind(vault);
    vault.get = async (key) => { reads.push(key); return get(key); };
    const engine = engineOver(db, { vault });

    await expect(engine.connect({ cardId, kind: 'hubspot', config: { baseUrl: hubspot.url, auth: 'private-app' }, secrets: { private_app_token: 'pat-wrong' } }))
      .rejects.toThrow(/HubSpot/);
    expect(listConnections(db, cardId, { includeDisconnected: true })).toEqual([]);
    expect(await vault.get('connection:1:private_app_token')).toBeNull();

    const zap = await engine.connect({ cardId, kind: 'zapier', config: { baseUrl: zapier.hookUrl, sandbox: true } });
    const sf = await engine.connect({ cardId, kind: 'salesforce', config: { baseUrl: salesforce.url, object: 'Contact' }, secrets: { access_token: SALESFORCE_TOKEN } });
    const hook = await engine.connect({ cardId, kind: 'webhook', config: { baseUrl: webhook.url, sandbox: true } });
    const hub = await engine.connect({ cardId, kind: 'hubspot', config: { baseUrl: hubspot.url, auth: 'private-app' }, secrets: { private_app_token: HUBSPOT_TOKEN } });
    // ids are never reused: the failed attempt's id stays unused
    expect([zap.id, sf.id, hook.id, hub.id].every((id) => id > 1)).toBe(true);

    createContact(db, cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }] }, ctx);
    for (const c of [zap, sf, hook, hub]) expect(await engine.syncNow(c.id)).toMatchObject({ state: 'succeeded', created: 1 });
    expect(hubspot.admin.contacts()).toHaveLength(1);
    expect(salesforce.admin.records('Contact')).toHaveLength(1);
    expect(zapier.admin.deliveries()).toHaveLength(1);
    expect(webhook.admin.deliveries()).toHaveLength(1);
    // each connector read only its own connection's entries
    for (const key of reads) expect(key).toMatch(new RegExp(`^connection:(1|${sf.id}|${hub.id}):`));
    expect(reads.filter((k) => k.startsWith(`connection:${sf.id}:`)).every((k) => !k.endsWith('private_app_token'))).toBe(true);
  });

  it('a Salesforce access token pasted in the app connects and syncs (through the contract, not only the CLI)', async () => {
    const salesforce = await startSalesforceSandbox({ port: 0, token: SALESFORCE_TOKEN });
    cleanups.push(() => salesforce.close());
    const rt = await startRuntime({ dataDir: tempDir(), host: 'web', vault: 'memory', sandboxes: noSandboxes, firstRun: false, scheduler: false, sandboxToken: SANDBOX_TOKEN });
    cleanups.push(() => rt.close());
    const view = await rt.services.connections.connect({ kind: 'salesforce', config: { baseUrl: salesforce.url, object: 'Lead' }, secrets: { token: SALESFORCE_TOKEN } });
    expect(view).toMatchObject({ kind: 'salesforce', status: 'connected', hasSecret: true });
    rt.services.contacts.create(createContactInputSchema.parse({ contact: { firstName: 'Grace', lastName: 'Hopper', emails: [{ value: 'grace@example.com' }], company: 'Navy' } }));
    expect(await rt.services.connections.syncNow({ connectionId: view.id })).toMatchObject({ state: 'succeeded', created: 1 });
    expect(salesforce.admin.records('Lead')).toHaveLength(1);
  });
});
