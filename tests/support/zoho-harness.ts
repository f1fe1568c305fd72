import { afterEach } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { startZohoSandbox, type ZohoSandbox, type ZohoSandboxOptions } from '../../main/sandbox/zoho/index';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { createCard } from '../../main/store/cards';
import type { Connection, SyncMode } from '../../main/store/connections';
import { openDatabase, type Db } from '../../main/store/db';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import { FakeClock } from './fake-clock';
import { tempDir } from './temp-dir';

export const ZOHO_TOKEN = '1000.test-token-0123456789abcdef';

export interface ZohoHarness {
  sandbox: ZohoSandbox;
  db: Db;
  cardId: number;
  engine: SyncEngine;
  connection: Connection;
  /** the keychain stand-in: a second engine over the same data folder (a restart) reads its token from here */
  vault: InMemoryVault;
}

const open: ZohoHarness[] = [];

/**
 * A real SQLite file, the Zoho CRM sandbox on loopback and the engine with a
 * typed access token in the vault — connected (so Ferry's Ferry Id field
 * exists), nothing synced yet. The engine's clock is fake, so retry and
 * rate-limit waits cost no real time.
 */
export async function zohoHarness(opts: { mode?: SyncMode; sandbox?: ZohoSandboxOptions } = {}): Promise<ZohoHarness> {
  const sandbox = await startZohoSandbox({ port: 0, token: ZOHO_TOKEN, ...opts.sandbox });
  const db = openDatabase(tempDir());
  const cardId = createCard(db, 'Test').id;
  const vault = new InMemoryVault();
  const engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault }), clock: new FakeClock(Date.now()), random: () => 0.5, pollMs: 50 });
  const connection = await engine.connect({ cardId, kind: 'zoho', mode: opts.mode ?? 'manual', config: { baseUrl: sandbox.url, region: 'com' }, secrets: { access_token: ZOHO_TOKEN } });
  const h = { sandbox, db, cardId, engine, connection, vault };
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
