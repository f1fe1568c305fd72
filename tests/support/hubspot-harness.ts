import { afterEach } from 'vitest';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { ConnectorRegistry } from '../../main/crm/registry';
import { openDatabase, type Db } from '../../main/store/db';
import { createCard } from '../../main/store/cards';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import type { Connection, SyncMode } from '../../main/store/connections';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { FakeClock } from './fake-clock';
import { tempDir } from './temp-dir';

export const TOKEN = 'pat-test-token-0123456789';

export interface HubSpotHarness {
  sandbox: HubSpotSandbox;
  db: Db;
  dataDir: string;
  cardId: number;
  engine: SyncEngine;
  clock: FakeClock;
  vault: InMemoryVault;
  connection: Connection;
}

const open: HubSpotHarness[] = [];

/**
 * A real SQLite file, the HubSpot sandbox on loopback and the engine with a
 * private-app token in the vault — connected, nothing synced yet. The engine's
 * clock is fake so retries and rate-limit waits cost no real time.
 */
/**
 * `portalOnEngineClock`: the portal's rate windows run on the engine's fake clock, so a
 * rate-limit wait (FakeClock.slept) moves the portal's windows as it would in real time.
 */
export async function hubspotHarness(opts: { mode?: SyncMode; scopes?: string[]; rateLimit?: number; realClock?: boolean; portalOnEngineClock?: boolean } = {}): Promise<HubSpotHarness> {
  const clock = new FakeClock(Date.now());
  const sandbox = await startHubSpotSandbox({ port: 0, ...(opts.rateLimit ? { rateLimit: opts.rateLimit } : {}), ...(opts.portalOnEngineClock ? { clock: () => clock.now() } : {}) });
  sandbox.admin.registerToken(opts.scopes ? { token: TOKEN, scopes: opts.scopes } : { token: TOKEN });
  const dataDir = tempDir();
  const db = openDatabase(dataDir);
  const cardId = createCard(db, 'Test').id;
  const vault = new InMemoryVault();
  const engine = createSyncEngine({
    db,
    connectors: new ConnectorRegistry({ vault }),
    ...(opts.realClock ? {} : { clock }),
    random: () => 0.5,
    pollMs: 50,
  });
  const connection = await engine.connect({
    cardId,
    kind: 'hubspot',
    mode: opts.mode ?? 'manual',
    config: { baseUrl: sandbox.url, auth: 'private-app' },
    secrets: { private_app_token: TOKEN },
  });
  const harness = { sandbox, db, dataDir, cardId, engine, clock, vault, connection };
  open.push(harness);
  return harness;
}

afterEach(async () => {
  for (const h of open.splice(0)) {
    await h.engine.stop();
    await h.sandbox.close();
    h.db.close();
  }
});

/** Waits (really) until the condition holds, polling; fails after `ms`. */
export async function eventually(condition: () => boolean, ms = 10_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
