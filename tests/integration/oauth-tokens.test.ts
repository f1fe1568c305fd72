/**
 * TokenManager and disconnect against the local authorization server: refresh
 * before expiry, single flight, Salesforce refresh-token rotation (stored before
 * use), invalid_grant → needs reauthorization, 401 recovery, revocation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { secretKey, type Vault } from '../../main/secrets/vault';
import { createAuthorizer } from '../../main/oauth/authorize';
import { ReauthorizationRequiredError } from '../../main/oauth/errors';
import { oauthProvider, resolveEndpoints } from '../../main/oauth/providers';
import type { OAuthClient } from '../../main/oauth/token-client';
import { TokenManager } from '../../main/oauth/token-manager';
import { TestOAuthServer, testBrowser } from '../support/oauth-server';

const servers: TestOAuthServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

const CONN = 'conn1';

async function connected(kind: 'hubspot' | 'salesforce', vault: Vault = new InMemoryVault()) {
  const clock = { now: 1_700_000_000_000 };
  const now = () => clock.now;
  const server = await new TestOAuthServer({
    clients: [{ clientId: 'app', ...(kind === 'hubspot' ? { clientSecret: 'hs-secret-123' } : {}), redirectUris: [] }],
    now,
    accessTokenLifetimeSec: kind === 'hubspot' ? 1800 : null,
    hiddenLifetimeSec: 7200,
    rotateRefreshTokens: kind === 'salesforce',
    salesforceFields: kind === 'salesforce',
  }).start();
  servers.push(server);
  const provider = oauthProvider(kind);
  const client: OAuthClient = {
    provider,
    endpoints: resolveEndpoints(provider, { authBaseUrl: server.baseUrl, apiBaseUrl: server.baseUrl }),
    clientId: 'app',
    ...(kind === 'hubspot' ? { clientSecret: 'hs-secret-123' } : {}),
    scopes: provider.defaultScopes,
  };
  // Sign in for real through the loopback flow; port 0 picks a free port, which is
  // then registered exactly, the way an admin registers Ferry's fixed port.
  const browser = testBrowser();
  const redirectPort = 0;
  const tokens = await createAuthorizer().startAuthorization({
    client,
    redirectPort,
    openUrl: async (url) => {
      server.registerRedirectUri('app', new URL(url).searchParams.get('redirect_uri') ?? '');
      await browser.openUrl(url);
    },
    timeoutMs: 5_000,
    http: { now },
  });
  const manager = new TokenManager({ vault, now, http: { timeoutMs: 5_000 } });
  await manager.storeTokens(CONN, tokens);
  return { server, client, manager, vault, clock, tokens };
}

async function me(server: TestOAuthServer, token: string): Promise<number> {
  return (await fetch(`${server.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status;
}

describe('TokenManager', () => {
  it('uses the stored token while it is fresh and refreshes it 2 minutes before expiry', async () => {
    const { server, client, manager, clock, tokens } = await connected('hubspot');
    clock.now += 27 * 60_000; // 3 minutes left
    expect(await manager.accessToken(CONN, client)).toBe(tokens.accessToken);
    expect(server.refreshCount).toBe(0);
    clock.now += 60_000 + 1; // inside the 2-minute skew
    const fresh = await manager.accessToken(CONN, client);
    expect(fresh).not.toBe(tokens.accessToken);
    expect(server.refreshCount).toBe(1);
    expect(await me(server, fresh)).toBe(200);
    expect((await manager.tokenStatus(CONN)).expiresAt).toBe(clock.now + 1800 * 1000);
  });

  it('lets many concurrent callers share one refresh', async () => {
    const { server, client, manager, clock } = await connected('hubspot');
    clock.now += 31 * 60_000;
    const all = await Promise.all(Array.from({ length: 12 }, () => manager.accessToken(CONN, client)));
    expect(new Set(all).size).toBe(1);
    expect(server.refreshCount).toBe(1);
  });

  it('stores a rotated Salesforce refresh token before handing out the new access token', async () => {
    const inner = new InMemoryVault();
    const writes: string[] = [];
    const recording: Vault = {
      get: (k) => inner.get(k),
      set: async (k, v) => {
        writes.push(k.split(':')[2] ?? k);
        await inner.set(k, v);
      },
      delete: (k) => inner.delete(k),
    };
    const { server, client, manager, tokens } = await connected('salesforce', recording);
    writes.length = 0;
    const rejected = tokens.accessToken;
    server.expireAccessTokens();
    expect(await me(server, rejected)).toBe(401);
    const fresh = await manager.refreshAfterUnauthorized(CONN, client, rejected);
    expect(await me(server, fresh)).toBe(200);
    expect(writes.indexOf('refresh_token')).toBeGreaterThanOrEqual(0);
    expect(writes.indexOf('refresh_token')).toBeLessThan(writes.indexOf('access_token'));
    const storedRefresh = await inner.get(secretKey(CONN, 'refresh_token'));
    expect(storedRefresh).not.toBe(tokens.refreshToken);
    expect(server.isRefreshTokenActive(tokens.refreshToken ?? '')).toBe(false);
    expect(server.isRefreshTokenActive(storedRefresh ?? '')).toBe(true);
    expect(await inner.get(secretKey(CONN, 'instance_url'))).toBe(`${server.baseUrl}/instance`);
  });

  it('does not hand out the new access token when the rotated refresh token cannot be stored', async () => {
    const inner = new InMemoryVault();
    let failRefreshWrites = false;
    const flaky: Vault = {
      get: (k) => inner.get(k),
      set: async (k, v) => {
        if (failRefreshWrites && k.endsWith(':refresh_token')) throw new Error('keychain locked');
        await inner.set(k, v);
      },
      delete: (k) => inner.delete(k),
    };
    const { server, client, manager, tokens } = await connected('salesforce', flaky);
    server.expireAccessTokens();
    failRefreshWrites = true;
    await expect(manager.refreshAfterUnauthorized(CONN, client, tokens.accessToken)).rejects.toThrow('keychain locked');
    expect(await inner.get(secretKey(CONN, 'access_token'))).toBe(tokens.accessToken);
  });

  it('refreshes once for a burst of 401s and reuses the replacement', async () => {
    const { server, client, manager, tokens } = await connected('salesforce');
    server.expireAccessTokens();
    const results = await Promise.all(Array.from({ length: 5 }, () => manager.refreshAfterUnauthorized(CONN, client, tokens.accessToken)));
    expect(new Set(results).size).toBe(1);
    expect(await manager.refreshAfterUnauthorized(CONN, client, tokens.accessToken)).toBe(results[0]);
    expect(server.refreshCount).toBe(1);
  });

  it('picks up a refresh token another Ferry process rotated in the meantime', async () => {
    const shared = new InMemoryVault();
    const { server, client, manager, tokens } = await connected('salesforce', shared);
    const other = new TokenManager({ vault: shared, http: { timeoutMs: 5_000 } });
    server.expireAccessTokens();
    let raced = false;
    // This process reads the old refresh token; before its request lands, the other one rotates it.
    const racing = new TokenManager({
      vault: shared,
      http: {
        timeoutMs: 5_000,
        fetch: async (input, init) => {
          if (!raced) {
            raced = true;
            await other.refreshAfterUnauthorized(CONN, client, tokens.accessToken);
          }
          return fetch(input, init);
        },
      },
    });
    const token = await racing.refreshAfterUnauthorized(CONN, client, tokens.accessToken);
    expect(raced).toBe(true);
    expect(server.refreshCount).toBe(2); // the other's rotation, then our stale attempt (invalid_grant)
    expect(await me(server, token)).toBe(200);
    expect((await manager.tokenStatus(CONN)).needsReauth).toBe(false);
  });

  it('marks the connection as needing reauthorization when the grant was revoked', async () => {
    const { server, client, manager, clock } = await connected('hubspot');
    server.revokeEverything();
    clock.now += 31 * 60_000;
    const error = await manager.accessToken(CONN, client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReauthorizationRequiredError);
    expect((error as Error).message).toBe(
      "HubSpot no longer accepts Ferry's sign-in (it was revoked or has expired). Reconnect HubSpot in Integrations; Ferry keeps your unsent changes and sends them once you reconnect.",
    );
    expect(await manager.tokenStatus(CONN)).toMatchObject({ needsReauth: true });
    const requests = server.tokenRequests.length;
    await expect(manager.accessToken(CONN, client)).rejects.toBeInstanceOf(ReauthorizationRequiredError);
    expect(server.tokenRequests.length).toBe(requests); // no more calls until the user reconnects
  });

  it('clears the mark when the user signs in again', async () => {
    const { server, client, manager, clock } = await connected('hubspot');
    server.revokeEverything();
    clock.now += 31 * 60_000;
    await expect(manager.accessToken(CONN, client)).rejects.toBeInstanceOf(ReauthorizationRequiredError);
    await manager.storeTokens(CONN, { accessToken: 'at-new-token', refreshToken: 'rt-new-token', expiresAt: clock.now + 1_800_000 });
    expect(await manager.tokenStatus(CONN)).toMatchObject({ needsReauth: false, expiresAt: clock.now + 1_800_000 });
  });

  it('turns a token endpoint that never answers into a network error within the timeout', async () => {
    const { server, client, clock, vault } = await connected('hubspot');
    server.hangTokenEndpoint = true;
    clock.now += 31 * 60_000;
    const slow = new TokenManager({ vault, now: () => clock.now, http: { timeoutMs: 300 } });
    await expect(slow.accessToken(CONN, client)).rejects.toMatchObject({ kind: 'network', message: expect.stringContaining('did not answer in time') });
  });
});

describe('revokeAndForget', () => {
  it('deletes every secret of the connection and revokes the HubSpot refresh token', async () => {
    const vault = new InMemoryVault({ 'connection:other:access_token': 'keep-me-please' });
    const { server, client, manager, tokens } = await connected('hubspot', vault);
    const result = await manager.revokeAndForget(CONN, client);
    expect(result).toEqual({ revocation: 'revoked' });
    expect(vault.keys()).toEqual(['connection:other:access_token']);
    expect(server.isRefreshTokenActive(tokens.refreshToken ?? '')).toBe(false);
  });

  it('revokes Salesforce grants with a form POST', async () => {
    const { server, client, manager, tokens } = await connected('salesforce');
    expect(await manager.revokeAndForget(CONN, client)).toEqual({ revocation: 'revoked' });
    expect(server.revoked).toContain(tokens.refreshToken);
  });

  it('still forgets the secrets when the CRM cannot be reached', async () => {
    const vault = new InMemoryVault();
    const { server, client, manager, tokens } = await connected('hubspot', vault);
    await server.stop();
    const result = await manager.revokeAndForget(CONN, client);
    expect(result.revocation).toBe('failed');
    expect(result.detail ?? '').not.toContain(tokens.refreshToken ?? 'x');
    expect(vault.keys()).toEqual([]);
  });
});
