import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry, createSandboxToken } from '../../main/crm/registry';

/** The per-process sandbox token, as the runtime hands it to both the sandboxes and the registry. */
const SANDBOX_TOKEN = createSandboxToken();
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../main/sandbox/salesforce/index';
import { startZapierSandbox, type ZapierSandbox } from '../../main/sandbox/zapier/index';
import { startWebhookSandbox, type WebhookSandbox } from '../../main/sandbox/webhook/index';
import { createCard } from '../../main/store/cards';
import { createContact, updateContact } from '../../main/store/contacts';
import { requireConnection, type Connection } from '../../main/store/connections';
import { openDatabase, type Db } from '../../main/store/db';
import { countOutbox } from '../../main/store/outbox';
import { seedDemoContacts } from '../../main/store/demo-seed';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import { eventually } from '../support/hubspot-harness';
import { tempDir } from '../support/temp-dir';

interface World {
  db: Db;
  cardId: number;
  engine: SyncEngine;
  hubspot: HubSpotSandbox;
  salesforce: SalesforceSandbox;
  zapier: ZapierSandbox;
  webhook: WebhookSandbox;
  connections: Record<'hubspot' | 'salesforce' | 'zapier' | 'webhook', Connection>;
}

const worlds: World[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) {
    await w.engine.stop();
    await Promise.all([w.hubspot.close(), w.salesforce.close(), w.zapier.close(), w.webhook.close()]);
    w.db.close();
  }
});

/** One card connected to all four kinds at once, each a sandbox on loopback. */
async function world(): Promise<World> {
  const [hubspot, salesforce, zapier, webhook] = await Promise.all([
    startHubSpotSandbox({ port: 0, token: SANDBOX_TOKEN }),
    startSalesforceSandbox({ port: 0, token: SANDBOX_TOKEN }),
    startZapierSandbox({ port: 0 }),
    startWebhookSandbox({ port: 0, secret: SANDBOX_TOKEN }),
  ]);
  const db = openDatabase(tempDir());
  const cardId = createCard(db, 'Team').id;
  // real time for the scheduler, but backoff waits shortened so an outage plays out in seconds
  const clock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 20))) };
  const engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault: new InMemoryVault(), sandboxToken: SANDBOX_TOKEN }), clock, random: () => 0.5, pollMs: 50 });
  const connect = (kind: World['connections'] extends Record<infer K, Connection> ? K : never, config: Record<string, unknown>) =>
    engine.connect({ cardId, kind, mode: 'automatic', config: { ...config, sandbox: true } });
  const connections = {
    hubspot: await connect('hubspot', { baseUrl: hubspot.url }),
    salesforce: await connect('salesforce', { baseUrl: salesforce.url, object: 'Contact' }),
    zapier: await connect('zapier', { baseUrl: zapier.hookUrl }),
    webhook: await connect('webhook', { baseUrl: webhook.url }),
  };
  const w = { db, cardId, engine, hubspot, salesforce, zapier, webhook, connections };
  worlds.push(w);
  return w;
}

const ctx = { region: 'US' };

describe('one card, several CRMs at once', () => {
  it('syncs HubSpot, Salesforce, Zapier and a webhook from the same changes', async () => {
    const w = await world();
    seedDemoContacts(w.db, w.cardId, 30, 'US');
    w.engine.start();
    await eventually(() => w.hubspot.admin.contacts().length === 30 && w.salesforce.admin.records('Contact').length === 30 && w.zapier.admin.accepted().length === 30 && w.webhook.admin.accepted().length === 30, 20_000);
    // a CRM holds a record a moment before Ferry has saved its answer: the queue empties right after
    await eventually(() => Object.values(w.connections).every((c) => countOutbox(w.db, c.id).pending === 0), 20_000);
    expect(w.hubspot.admin.contacts()).toHaveLength(30);
  });

  it('an outage of one CRM leaves the others in sync; once it ends, a retry catches up', async () => {
    const w = await world();
    w.engine.start();
    w.salesforce.admin.injectFault({ kind: 'status', status: 503, count: 10_000 });
    const a = createContact(w.db, w.cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }], company: 'Engines' }, ctx);
    await eventually(() => w.hubspot.admin.contactByEmail('ada@example.com') !== undefined && w.zapier.admin.accepted().length === 1 && w.webhook.admin.accepted().length === 1, 20_000);
    updateContact(w.db, a.id, { company: 'Analytical Engines' }, ctx);
    await eventually(() => w.hubspot.admin.contactByEmail('ada@example.com')?.properties.company === 'Analytical Engines', 20_000);
    await eventually(() => requireConnection(w.db, w.connections.salesforce.id).status === 'error', 20_000);
    expect(requireConnection(w.db, w.connections.salesforce.id).lastError).toMatch(/Salesforce/);
    expect(requireConnection(w.db, w.connections.hubspot.id).status).not.toBe('error');
    expect(w.salesforce.admin.records('Contact')).toHaveLength(0);

    // the outage ends; the scheduler would retry after its backoff, Resume retries now
    w.salesforce.admin.clearFaults();
    w.engine.resume(w.connections.salesforce.id);
    await eventually(() => w.salesforce.admin.records('Contact').length === 1, 20_000);
    expect(w.salesforce.admin.records('Contact')[0]?.fields.Email).toBe('ada@example.com');
  });
});
