import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startDynamicsSandbox, type DynamicsSandbox } from '../../main/sandbox/dynamics/index';
import { createContact } from '../../main/store/contacts';
import { requireConnection } from '../../main/store/connections';
import { countOutbox } from '../../main/store/outbox';
import { FakeClock } from '../support/fake-clock';
import { freePort } from '../support/free-port';
import { oauthAppHarness } from '../support/oauth-app-harness';

const CLIENT_ID = '5e1f0c2a-8d3b-4f6e-9a10-00000000f001';
const TENANT = 'ferry-sandbox.onmicrosoft.com';
const ctx = { region: 'US' };

let sandbox: DynamicsSandbox | undefined;
let blocker: net.Server | undefined;
afterEach(async () => {
  await sandbox?.close();
  await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
  sandbox = undefined;
  blocker = undefined;
});

/**
 * Ferry's app registration in the sandbox's Microsoft identity platform: a public client
 * (no secret) with the "Mobile and desktop applications" redirect http://localhost/oauth/callback,
 * registered in one tenant (single-tenant unless said otherwise). The configured redirect port
 * is taken by another program, so only a sign-in that uses a free port can work.
 */
async function setUp(opts: { tenantSetting?: string; multiTenant?: boolean; platform?: 'web' } = {}) {
  const clock = new FakeClock(Date.now());
  sandbox = await startDynamicsSandbox({ clock: () => clock.now(), ferryIdPrefix: 'ferry' });
  sandbox.identity.registerApp({ clientId: CLIENT_ID, tenant: TENANT, multiTenant: opts.multiTenant ?? false, ...(opts.platform ? { platform: opts.platform } : {}), redirectUris: ['http://localhost/oauth/callback'] });
  const takenPort = await freePort();
  blocker = net.createServer();
  await new Promise<void>((resolve) => blocker?.listen(takenPort, '127.0.0.1', resolve));
  const h = oauthAppHarness({
    kind: 'dynamics', clock, redirectPort: takenPort,
    settings: { clientId: CLIENT_ID, authBaseUrl: sandbox.url, ...(opts.tenantSetting === undefined ? {} : { tenant: opts.tenantSetting }) },
  });
  return { h, sandbox };
}

describe('Dynamics 365 sign-in through the Microsoft identity platform (against the sandbox)', () => {
  it('signs in as a public client with PKCE for the organisation the rep named, and the connection syncs there', async () => {
    const { h, sandbox } = await setUp({ tenantSetting: TENANT });
    const connection = await h.connect({ orgUrl: sandbox.url });
    expect(connection.config).toMatchObject({ auth: 'oauth', baseUrl: sandbox.url, oauthClient: { clientId: CLIENT_ID, tenant: TENANT } });
    const authorize = new URL(h.pages[0]?.opened ?? '');
    expect(authorize.pathname).toBe(`/${TENANT}/oauth2/v2.0/authorize`);
    expect(authorize.searchParams.get('scope')).toBe(`${sandbox.url}/user_impersonation offline_access`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    // Microsoft ignores a loopback redirect's port: the configured one is taken, a free one was used
    expect(new URL(authorize.searchParams.get('redirect_uri') ?? '').hostname).toBe('localhost');
    createContact(h.db, h.cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }] }, ctx);
    expect(await h.engine.syncNow(connection.id)).toMatchObject({ state: 'succeeded', created: 1 });
    expect(sandbox.admin.contacts()).toHaveLength(1);
    // tokens and the client secret live in the vault only, never in the data folder
    expect(h.leaks()).toEqual([]);
  });

  it('renews the token after its hour and keeps each rotated refresh token, so later renewals work too', async () => {
    const { h, sandbox } = await setUp({ tenantSetting: TENANT });
    const connection = await h.connect({ orgUrl: sandbox.url });
    for (const [i, name] of ['Ada', 'Grace', 'Edsger'].entries()) {
      h.clock.advance(80 * 60_000);
      createContact(h.db, h.cardId, { firstName: name, emails: [{ value: `${name.toLowerCase()}@example.com` }] }, ctx);
      expect(await h.engine.syncNow(connection.id)).toMatchObject({ state: 'succeeded', created: 1 });
      // one code redemption, then one refresh per hour
      expect(sandbox.identity.tokenCalls).toBe(2 + i);
    }
    expect(sandbox.admin.requests().byStatus['401']).toBeUndefined();
  });

  it('an access token Dataverse refuses early (401) is renewed once and the push goes on', async () => {
    const { h, sandbox } = await setUp({ tenantSetting: TENANT });
    const connection = await h.connect({ orgUrl: sandbox.url });
    sandbox.identity.expireAccessTokens(h.clock.now());
    createContact(h.db, h.cardId, { firstName: 'Ada', emails: [{ value: 'ada@example.com' }] }, ctx);
    expect(await h.engine.syncNow(connection.id)).toMatchObject({ state: 'succeeded', created: 1 });
    expect(requireConnection(h.db, connection.id).status).toBe('connected');
  });

  it('a revoked grant (AADSTS50173) pauses the connection with a sentence and keeps the unsent contact', async () => {
    const { h, sandbox } = await setUp({ tenantSetting: TENANT });
    const connection = await h.connect({ orgUrl: sandbox.url });
    createContact(h.db, h.cardId, { firstName: 'Kept', emails: [{ value: 'kept@example.com' }] }, ctx);
    sandbox.identity.revokeAll();
    h.clock.advance(80 * 60_000);
    expect((await h.engine.syncNow(connection.id)).state).toBe('failed');
    const c = requireConnection(h.db, connection.id);
    expect(c.status).toBe('needs_reauth');
    expect(c.lastError).toContain('Dynamics 365 no longer accepts Ferry\'s sign-in');
    expect(c.lastError).toContain('Reconnect Dynamics 365');
    expect(countOutbox(h.db, connection.id).pending).toBe(1);
    // signing in again resumes the same connection
    const again = await h.reconnect(c);
    expect(again.status).toBe('connected');
    expect(await h.engine.syncNow(connection.id)).toMatchObject({ state: 'succeeded', created: 1 });
  });

  it('a single-tenant app signed in through "organizations" is refused with Microsoft\'s AADSTS50194 page, and nothing is connected', async () => {
    const { h } = await setUp();
    await expect(h.connect({ orgUrl: sandbox?.url ?? '' })).rejects.toThrow(/cancelled/);
    expect(h.pages[0]?.body).toContain('AADSTS50194');
    expect(new URL(h.pages[0]?.opened ?? '').pathname).toBe('/organizations/oauth2/v2.0/authorize');
  });

  it('a user who declines consent gets Microsoft\'s reason in a sentence, and nothing is connected', async () => {
    const { h, sandbox } = await setUp({ tenantSetting: TENANT });
    sandbox.identity.consent = 'deny';
    await expect(h.connect({ orgUrl: sandbox.url })).rejects.toThrow(/Dynamics 365 did not grant Ferry access \(AADSTS65004: User declined to consent/);
  });

  it('a multi-tenant app signs in through "organizations" by default', async () => {
    const { h, sandbox } = await setUp({ multiTenant: true });
    const connection = await h.connect({ orgUrl: sandbox.url });
    expect(connection.config).toMatchObject({ oauthClient: { tenant: 'organizations' } });
  });

  it('an organisation address that is not a Dynamics 365 host is refused before the browser opens', async () => {
    const { h } = await setUp({ tenantSetting: TENANT });
    await expect(h.connect({ orgUrl: 'https://crm.evil.example' })).rejects.toThrow(/must be one of Dynamics 365's own addresses/);
    await expect(h.connect({})).rejects.toThrow(/organisation address/);
    expect(h.pages).toHaveLength(0);
  });

  it('an app whose redirect URI sits under the Web platform (Microsoft demands a secret, AADSTS7000218) is named as the setting to fix', async () => {
    const { h, sandbox } = await setUp({ tenantSetting: TENANT, platform: 'web' });
    await expect(h.connect({ orgUrl: sandbox.url })).rejects.toThrow(/"Mobile and desktop applications" platform, not "Web"/);
  });

  it('a token is only good for the organisation it was issued for: the sandbox refuses a sign-in for another one', async () => {
    const { h } = await setUp({ tenantSetting: TENANT });
    // a real Dataverse host the sandbox is not: the identity platform answers invalid_resource
    await expect(h.connect({ orgUrl: 'https://otherorg.crm4.dynamics.com' })).rejects.toThrow(/AADSTS500011/);
  });
});
