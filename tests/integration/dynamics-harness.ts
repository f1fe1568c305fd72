import { afterEach } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { startDynamicsSandbox, type DynamicsSandbox, type DynamicsSandboxOptions } from '../../main/sandbox/dynamics/index';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { createCard } from '../../main/store/cards';
import type { Connection } from '../../main/store/connections';
import { openDatabase, type Db } from '../../main/store/db';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import { FakeClock } from '../support/fake-clock';
import { tempDir } from '../support/temp-dir';

export const DYNAMICS_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOi.dynamics-test-token';

export interface DynamicsHarness {
  sandbox: DynamicsSandbox;
  db: Db;
  cardId: number;
  engine: SyncEngine;
  vault: InMemoryVault;
  connect(): Promise<Connection>;
}

const open: DynamicsHarness[] = [];

/**
 * A real SQLite file, the Dataverse sandbox on loopback and the engine with a
 * typed access token in the vault; `connect()` connects (prepare runs then).
 * The engine's clock is fake, so retries and Retry-After waits cost no real time.
 */
export async function dynamicsHarness(options: DynamicsSandboxOptions = {}): Promise<DynamicsHarness> {
  const sandbox = await startDynamicsSandbox({ port: 0, token: DYNAMICS_TOKEN, ...options });
  const db = openDatabase(tempDir());
  const cardId = createCard(db, 'Test').id;
  const vault = new InMemoryVault();
  const engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault }), clock: new FakeClock(Date.now()), random: () => 0.5, pollMs: 50 });
  const h: DynamicsHarness = {
    sandbox, db, cardId, engine, vault,
    connect: () => engine.connect({ cardId, kind: 'dynamics', mode: 'manual', config: { baseUrl: sandbox.url }, secrets: { access_token: DYNAMICS_TOKEN } }),
  };
  open.push(h);
  return h;
}

afterEach(async () => {
  for (const h of open.splice(0)) {
    await h.engine.stop();
    await h.sandbox.close();
    h.db.close();
  }
});
