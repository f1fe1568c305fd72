import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { connectorFactories } from '../../main/crm/drivers';
import { ConnectorRegistry } from '../../main/crm/registry';
import { TokenManager, type OAuthConfig, type OAuthProviderId, type ProviderSettings } from '../../main/oauth/index';
import { TokenManagerRefresher } from '../../main/oauth/refresher';
import { connectWithOAuth, reconnectWithOAuth, type OAuthConnectDeps } from '../../main/oauth/sign-in';
import { registeringVault, SecretRegistry } from '../../main/secrets/index';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { createCard } from '../../main/store/cards';
import type { Connection, ConnectionKind } from '../../main/store/connections';
import { openDatabase, type Db } from '../../main/store/db';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import { FakeClock } from './fake-clock';
import { tempDir } from './temp-dir';

/** One page a sign-in's browser ended on. */
export interface SignInPage {
  status: number;
  body: string;
  url: string;
  /** the authorize address Ferry opened */
  opened: string;
}

export interface OAuthAppHarness {
  db: Db;
  cardId: number;
  clock: FakeClock;
  vault: InMemoryVault;
  /** every secret value the vault held or handed out */
  secrets: SecretRegistry;
  engine: SyncEngine;
  registry: ConnectorRegistry;
  deps: OAuthConnectDeps;
  /** pages the "browser" ended on, in order */
  pages: SignInPage[];
  /**
   * The real sign-in: a fetch that follows the authorize redirect plays the
   * browser. A browser that ends on the provider's own error page (no redirect
   * back to Ferry) cancels the sign-in, as a rep closing the tab and pressing
   * Cancel does, so no test waits for a timeout.
   */
  connect(settings?: Partial<Record<string, string>>): Promise<Connection>;
  /** Every secret the vault held (tokens, client secret) that appears in a file of the data folder (the database, its WAL): none, ever. */
  leaks(): string[];
  reconnect(connection: Connection): Promise<Connection>;
}

const open: OAuthAppHarness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) {
    await h.engine.stop();
    h.db.close();
  }
});

/**
 * The app's OAuth wiring (token manager, refresher, registry, engine over a
 * real SQLite file) for one destination against its sandbox, on a fake clock
 * the sandbox shares, with an in-memory vault that records every secret.
 */
export function oauthAppHarness(opts: {
  kind: ConnectionKind & OAuthProviderId;
  clock: FakeClock;
  redirectPort: number;
  settings: ProviderSettings;
  env?: NodeJS.ProcessEnv;
}): OAuthAppHarness {
  const { clock, kind } = opts;
  const now = (): number => clock.now();
  const dataDir = tempDir();
  const db = openDatabase(dataDir);
  const cardId = createCard(db, 'OAuth').id;
  const store = new InMemoryVault();
  const secrets = new SecretRegistry();
  const vault = registeringVault(store, secrets);
  const manager = new TokenManager({ vault, now });
  const config: OAuthConfig = { redirectPort: opts.redirectPort, providers: { [kind]: opts.settings } };
  const env = opts.env ?? {};
  const refresher = new TokenManagerRefresher({ manager, vault, config: () => config, env });
  const registry = new ConnectorRegistry({ vault, env: {}, oauth: refresher, factories: connectorFactories });
  const engine = createSyncEngine({ db, connectors: registry, clock, random: () => 0.5, pollMs: 50 });
  const deps: OAuthConnectDeps = { engine, registry, vault, tokens: manager, config, env, now };
  const pages: SignInPage[] = [];
  const signIn = () => {
    const cancel = new AbortController();
    return {
      signal: cancel.signal,
      timeoutMs: 60_000,
      openUrl: async (url: string) => {
        void (async () => {
          try {
            const response = await fetch(url, { redirect: 'follow' });
            const page = { status: response.status, body: await response.text(), url: response.url, opened: url };
            pages.push(page);
            if (!new URL(page.url).pathname.startsWith('/oauth/callback')) cancel.abort();
          } catch (error) {
            pages.push({ status: 0, body: String(error), url, opened: url });
            cancel.abort();
          }
        })();
      },
    };
  };
  const harness: OAuthAppHarness = {
    db, cardId, clock, vault: store, secrets, engine, registry, deps, pages,
    connect: (settings) => connectWithOAuth(deps, { cardId, kind, ...(settings ? { settings } : {}), signIn: signIn() }),
    reconnect: (connection) => reconnectWithOAuth(deps, connection, signIn()),
    leaks: () => {
      const known = [...secrets.known(), ...Object.entries(env).filter(([name]) => name.endsWith('_SECRET')).map(([, v]) => v ?? '')].filter((v) => v.length >= 8);
      const files = fs.readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dataDir, f)).filter((f) => fs.statSync(f).isFile());
      const contents = files.map((f) => fs.readFileSync(f).toString('latin1'));
      return known.filter((secret) => contents.some((c) => c.includes(secret)));
    },
  };
  open.push(harness);
  return harness;
}
