import { afterEach, describe, expect, it } from 'vitest';
import { startPipedriveSandbox, type PipedriveSandbox } from '../../main/sandbox/pipedrive/index';
import { secretKey } from '../../main/secrets/index';
import { createContact } from '../../main/store/contacts';
import { listConnections, requireConnection } from '../../main/store/connections';
import { countOutbox } from '../../main/store/outbox';
import { FakeClock } from '../support/fake-clock';
import { freePort } from '../support/free-port';
import { oauthAppHarness } from '../support/oauth-app-harness';

const CLIENT_ID = 'b4d083d9216986345b32';
const SECRET = 'pipedrive-client-secret-0123456789';
const ctx = { region: 'US' };

let sandbox: PipedriveSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

/** Ferry's Developer Hub app (client id and secret, one callback URL) on the sandbox's OAuth server. */
async function setUp() {
  const clock = new FakeClock(Date.now());
  sandbox = await startPipedriveSandbox({ clock: () => clock.now() });
  const port = await freePort();
  sandbox.oauth.registerApp({ clientId: CLIENT_ID, clientSecret: SECRET, callbackUrl: `http://localhost:${port}/oauth/callback` });
  const h = oauthAppHarness({ kind: 'pipedrive', clock, redirectPort: port, settings: { clientId: CLIENT_ID, authBaseUrl: sandbox.url }, env: { FERRY_PIPEDRIVE_CLIENT_SECRET: SECRET } });
  return { h, sandbox };
}

describe('Pipedrive sign-in (OAuth against the sandbox\'s OAuth server)', () => {
  it('signs in with the client id and secret in HTTP Basic, and sends API calls to the api_domain the answer names', async () => {
    const { h, sandbox } = await setUp();
    const connection = await h.connect();
    expect(connection.config).toMatchObject({ auth: 'oauth', baseUrl: sandbox.url });
    const authorize = new URL(h.pages[0]?.opened ?? '');
    expect(authorize.pathname).toBe('/oauth/authorize');
    // the scopes are the app's: the request names none
    expect(authorize.searchParams.has('scope')).toBe(false);
    createContact(h.db, h.cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }] }, ctx);
    expect(await h.engine.syncNow(connection.id)).toMatchObject({ state: 'succeeded', created: 1 });
    expect(sandbox.admin.persons()).toHaveLength(1);
    // tokens and the client secret live in the vault only, never in the data folder
    expect(h.secrets.known().size).toBeGreaterThanOrEqual(2);
    expect(h.leaks()).toEqual([]);
  });

  it('renews the access token before its hour is up, and again an hour later', async () => {
    const { h, sandbox } = await setUp();
    const connection = await h.connect();
    for (const name of ['Ada', 'Grace']) {
      h.clock.advance(61 * 60_000);
      createContact(h.db, h.cardId, { firstName: name, emails: [{ value: `${name.toLowerCase()}@example.com` }] }, ctx);
      expect(await h.engine.syncNow(connection.id)).toMatchObject({ state: 'succeeded', created: 1 });
    }
    expect(sandbox.oauth.tokenCalls).toBe(3);
    expect(sandbox.admin.requests().byStatus['401']).toBeUndefined();
  });

  it('an access token Pipedrive refuses early (401) is renewed once and the push goes on', async () => {
    const { h, sandbox } = await setUp();
    const connection = await h.connect();
    sandbox.admin.revokeToken((await h.vault.get(secretKey(String(connection.id), 'access_token'))) ?? '');
    createContact(h.db, h.cardId, { firstName: 'Ada', emails: [{ value: 'ada@example.com' }] }, ctx);
    expect(await h.engine.syncNow(connection.id)).toMatchObject({ state: 'succeeded', created: 1 });
    expect(requireConnection(h.db, connection.id).status).toBe('connected');
  });

  it('a refresh token Pipedrive no longer accepts (the app was uninstalled) pauses the connection with a sentence; the contact waits', async () => {
    const { h, sandbox } = await setUp();
    const connection = await h.connect();
    createContact(h.db, h.cardId, { firstName: 'Kept', emails: [{ value: 'kept@example.com' }] }, ctx);
    for (const grant of sandbox.oauth.grants.values()) grant.revoked = true;
    h.clock.advance(61 * 60_000);
    expect((await h.engine.syncNow(connection.id)).state).toBe('failed');
    const c = requireConnection(h.db, connection.id);
    expect(c.status).toBe('needs_reauth');
    expect(c.lastError).toContain('Pipedrive no longer accepts Ferry\'s sign-in');
    expect(countOutbox(h.db, connection.id).pending).toBe(1);
  });

  it('a token answer whose api_domain is not a Pipedrive host is refused, and nothing is connected', async () => {
    const { h, sandbox } = await setUp();
    sandbox.oauth.apiDomain = 'https://pipedrive.com.evil.example';
    await expect(h.connect()).rejects.toThrow(/must be one of Pipedrive's own addresses .*pipedrive\.com\.evil\.example is not/);
    expect(listConnections(h.db, h.cardId)).toHaveLength(0);
  });

  it('disconnecting revokes the grant at /oauth/revoke with the app\'s Basic credentials', async () => {
    const { h, sandbox } = await setUp();
    const connection = await h.connect();
    await h.registry.forgetSecrets(requireConnection(h.db, connection.id));
    expect(sandbox.oauth.revokeCalls).toBe(1);
    expect([...sandbox.oauth.grants.values()].every((g) => g.revoked)).toBe(true);
  });
});
