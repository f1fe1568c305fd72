import { afterEach, describe, expect, it } from 'vitest';
import { connectorFactories } from '../../main/crm/drivers';
import { ConnectorRegistry } from '../../main/crm/registry';
import { TokenManager, type OAuthConfig } from '../../main/oauth/index';
import { TokenManagerRefresher } from '../../main/oauth/refresher';
import { connectWithOAuth } from '../../main/oauth/sign-in';
import { startZohoSandbox, type ZohoSandbox } from '../../main/sandbox/zoho/index';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { createCard } from '../../main/store/cards';
import { createContact } from '../../main/store/contacts';
import { requireConnection } from '../../main/store/connections';
import { countOutbox } from '../../main/store/outbox';
import { openDatabase, type Db } from '../../main/store/db';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import { FakeClock } from '../support/fake-clock';
import { freePort } from '../support/free-port';
import { tempDir } from '../support/temp-dir';
import { testBrowser } from '../support/test-browser';

const CLIENT_ID = '1000.FERRYTESTCLIENT';
const SECRET = 'zoho-client-secret-0123456789';
const ctx = { region: 'US' };

let sandbox: ZohoSandbox | undefined;
let engine: SyncEngine | undefined;
let db: Db | undefined;
afterEach(async () => {
  await engine?.stop();
  await sandbox?.close();
  db?.close();
});

/** The app's OAuth wiring (token manager, refresher, registry, engine) against the Zoho sandbox as accounts server and API. */
async function signedIn(opts: { tokenServerUnknown?: boolean } = {}) {
  const clock = new FakeClock(Date.now());
  const now = (): number => clock.now();
  sandbox = await startZohoSandbox({ port: 0, clock: now });
  const port = await freePort();
  sandbox.admin.registerOAuthApp({ clientId: CLIENT_ID, clientSecret: SECRET, redirectUri: `http://localhost:${port}/oauth/callback` });
  db = openDatabase(tempDir());
  const cardId = createCard(db, 'OAuth').id;
  const vault = new InMemoryVault();
  const manager = new TokenManager({ vault, now });
  // tokenServerUnknown: the configured token server answers nothing (a user in another data centre),
  // so the sign-in must redeem its code where the callback's accounts-server says
  const tokenBase = opts.tokenServerUnknown ? `http://127.0.0.1:${await freePort()}` : sandbox.url;
  const config: OAuthConfig = { redirectPort: port, providers: { zoho: { clientId: CLIENT_ID, authBaseUrl: sandbox.url, apiBaseUrl: tokenBase } } };
  const env = { FERRY_ZOHO_CLIENT_SECRET: SECRET };
  const refresher = new TokenManagerRefresher({ manager, vault, config: () => config, env });
  const registry = new ConnectorRegistry({ vault, env: {}, oauth: refresher, factories: connectorFactories });
  engine = createSyncEngine({ db, connectors: registry, clock, random: () => 0.5, pollMs: 50 });
  const connection = await connectWithOAuth({ engine, registry, vault, tokens: manager, config, env, now }, { cardId, kind: 'zoho', signIn: { openUrl: testBrowser().openUrl, timeoutMs: 10_000 } });
  return { clock, cardId, connection, db, engine, sandbox };
}

describe('Zoho CRM sign-in (OAuth against the sandbox accounts server)', () => {
  it('signs in, sends API calls to the api_domain the token response names, and renews the one-hour token before it runs out', async () => {
    const h = await signedIn();
    expect(h.connection.config).toMatchObject({ auth: 'oauth', baseUrl: h.sandbox.url });
    createContact(h.db, h.cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }] }, ctx);
    await h.engine.syncNow(h.connection.id);
    expect(h.sandbox.admin.contacts()).toHaveLength(1);
    h.clock.advance(61 * 60_000);
    createContact(h.db, h.cardId, { firstName: 'Grace', lastName: 'Hopper', emails: [{ value: 'grace@example.com' }] }, ctx);
    const later = await h.engine.syncNow(h.connection.id);
    expect(later).toMatchObject({ state: 'succeeded', created: 1 });
    expect(h.sandbox.admin.requests().byStatus['401']).toBeUndefined();
  });

  it('an access token Zoho refuses before its hour is up (401 INVALID_TOKEN) is refreshed once and the push goes on', async () => {
    const h = await signedIn();
    h.sandbox.admin.expireAccessTokens();
    createContact(h.db, h.cardId, { firstName: 'Ada', emails: [{ value: 'ada@example.com' }] }, ctx);
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ state: 'succeeded', created: 1 });
    expect(h.sandbox.admin.requests().byStatus['401']).toBe(1);
    expect(requireConnection(h.db, h.connection.id).status).toBe('connected');
  });

  it('a refresh token Zoho no longer accepts (invalid_code, answered with HTTP 200) pauses the connection as needing reauthorization', async () => {
    const h = await signedIn();
    createContact(h.db, h.cardId, { firstName: 'Kept', emails: [{ value: 'kept@example.com' }] }, ctx);
    // the user removed Ferry under Connected Apps: its tokens stop working
    h.sandbox.admin.revokeAllGrants();
    h.clock.advance(61 * 60_000);
    const run = await h.engine.syncNow(h.connection.id);
    expect(run.state).toBe('failed');
    const c = requireConnection(h.db, h.connection.id);
    expect(c.status).toBe('needs_reauth');
    expect(c.lastError).toMatch(/Reconnect Zoho CRM|sign in again|Zoho CRM/);
    expect(countOutbox(h.db, h.connection.id).pending).toBe(1);
  });

  it('Multi DC: the code is redeemed, and the token renewed, at the accounts server the callback names (accounts-server), not the one Ferry started at', async () => {
    const h = await signedIn({ tokenServerUnknown: true });
    expect(h.connection.config).toMatchObject({ baseUrl: h.sandbox.url, oauthClient: { apiBaseUrl: h.sandbox.url } });
    h.clock.advance(61 * 60_000);
    createContact(h.db, h.cardId, { firstName: 'Ada', emails: [{ value: 'ada@example.com' }] }, ctx);
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ state: 'succeeded', created: 1 });
  });
});
