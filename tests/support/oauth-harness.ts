import { afterEach } from 'vitest';
import { connectWithOAuth, reconnectWithOAuth, type OAuthConnectDeps } from '../../main/oauth/sign-in';
import { TokenManagerRefresher } from '../../main/oauth/refresher';
import { ConnectorRegistry, type ConnectorFactory } from '../../main/crm/registry';
import { connectorFactories } from '../../main/crm/drivers';
import { TokenManager, type OAuthConfig } from '../../main/oauth/index';
import { companyScopes, contactScopes, startHubSpotSandbox, type HubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { registeringVault, SecretRegistry } from '../../main/secrets/index';
import { createCard } from '../../main/store/cards';
import type { Connection, ConnectionKind, SyncMode } from '../../main/store/connections';
import { openDatabase, type Db } from '../../main/store/db';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import { FakeClock } from './fake-clock';
import { testBrowser } from './test-browser';
import { tempDir } from './temp-dir';
import { freePort } from './free-port';

export const CLIENT_ID = 'ferry-e2e-app';

/**
 * What Ferry's HubSpot connector needs: contacts, plus the contact schema,
 * because it creates its own properties (ferry_id and custom fields) on connect.
 */
export const HUBSPOT_SCOPES = ['oauth', 'crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.schemas.contacts.read', 'crm.schemas.contacts.write'];

export interface OAuthHarness {
  sandbox: HubSpotSandbox;
  db: Db;
  dataDir: string;
  cardId: number;
  clock: FakeClock;
  /** the store behind the vault, for assertions on keys */
  vault: InMemoryVault;
  /** every secret value the vault ever held or handed out */
  secrets: SecretRegistry;
  manager: TokenManager;
  registry: ConnectorRegistry;
  engine: SyncEngine;
  deps: OAuthConnectDeps;
  /** Runs the real sign-in (a fetch that follows the authorize redirect plays the browser). */
  connect(mode?: SyncMode): Promise<Connection>;
  reconnect(connection: Connection): Promise<Connection>;
  /** Every line the refresher logged (revocation problems). */
  logs: string[];
}


const open: OAuthHarness[] = [];

/**
 * The app's OAuth wiring against the HubSpot sandbox: an OAuth app registered
 * with the exact loopback redirect URI, TokenManager + refresher + registry +
 * engine over a real SQLite file, one fake clock for the engine, the token
 * manager and the sandbox (so "the token expired" is a clock move). The vault is
 * the in-memory one: the OS keychain is not what these tests are about.
 */
export async function oauthHarness(opts: { accessTokenTtlMs?: number; clientSecret: string; factories?: Partial<Record<ConnectionKind, ConnectorFactory>> }): Promise<OAuthHarness> {
  const clock = new FakeClock(Date.now());
  const now = (): number => clock.now();
  const sandbox = await startHubSpotSandbox({ port: 0, clock: now });
  const port = await freePort();
  sandbox.admin.registerOAuthApp({
    clientId: CLIENT_ID,
    clientSecret: opts.clientSecret,
    redirectUri: `http://localhost:${port}/oauth/callback`,
    scopes: ['oauth', ...contactScopes], optionalScopes: companyScopes,
    accessTokenTtlMs: opts.accessTokenTtlMs ?? 30 * 60_000,
  });
  const dataDir = tempDir();
  const db = openDatabase(dataDir);
  const cardId = createCard(db, 'OAuth').id;
  const store = new InMemoryVault();
  const secrets = new SecretRegistry();
  const vault = registeringVault(store, secrets);
  const manager = new TokenManager({ vault, now });
  const config: OAuthConfig = {
    redirectPort: port,
    providers: { hubspot: { clientId: CLIENT_ID, authBaseUrl: sandbox.url, apiBaseUrl: sandbox.url, scopes: HUBSPOT_SCOPES }, salesforce: {} },
  };
  const env = { FERRY_HUBSPOT_CLIENT_SECRET: opts.clientSecret };
  const logs: string[] = [];
  const refresher = new TokenManagerRefresher({ manager, vault, config: () => config, env, log: (line) => logs.push(line) });
  const registry = new ConnectorRegistry({ vault, env: {}, oauth: refresher, factories: { ...connectorFactories, ...opts.factories } });
  const engine = createSyncEngine({ db, connectors: registry, clock, random: () => 0.5, pollMs: 50 });
  const deps: OAuthConnectDeps = { engine, registry, vault, tokens: manager, config, env, now };
  const signIn = () => ({ openUrl: testBrowser().openUrl, timeoutMs: 10_000 });
  const harness: OAuthHarness = {
    sandbox, db, dataDir, cardId, clock, vault: store, secrets, manager, registry, engine, deps, logs,
    connect: (mode) => connectWithOAuth(deps, { cardId, kind: 'hubspot', baseUrl: sandbox.url, signIn: signIn(), ...(mode ? { mode } : {}) }),
    reconnect: (connection) => reconnectWithOAuth(deps, connection, signIn()),
  };
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
