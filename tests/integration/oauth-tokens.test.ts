/**
 * TokenManager and disconnect against the HubSpot and Salesforce sandboxes'
 * authorization servers, on the sandbox's clock: refresh before expiry, single
 * flight, Salesforce refresh-token rotation (stored before use), a session that
 * ends without a stated lifetime, invalid_grant → needs reauthorization, 401
 * recovery, revocation.
 */
import { describe, expect, it } from 'vitest';
import { createAuthorizer } from '../../main/oauth/authorize';
import { ReauthorizationRequiredError } from '../../main/oauth/errors';
import { oauthProvider, resolveEndpoints } from '../../main/oauth/providers';
import { refreshTokens, type OAuthClient } from '../../main/oauth/token-client';
import { TokenManager } from '../../main/oauth/token-manager';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { secretKey, type Vault } from '../../main/secrets/vault';
import { recordingFetch, startOAuthSandbox, HUBSPOT_TOKEN_TTL_MS, SALESFORCE_SESSION_MS, type OAuthKind, type OAuthSandbox } from '../support/oauth-sandboxes';
import { testBrowser } from '../support/test-browser';

const CONN = 'conn1';
const MINUTE = 60_000;

async function connected(kind: OAuthKind, vault: Vault = new InMemoryVault()) {
  const auth = await startOAuthSandbox(kind);
  const provider = oauthProvider(kind);
  const client: OAuthClient = {
    provider,
    endpoints: resolveEndpoints(provider, { authBaseUrl: auth.url, apiBaseUrl: auth.url }),
    clientId: auth.clientId,
    ...(auth.clientSecret === undefined ? {} : { clientSecret: auth.clientSecret }),
    scopes: provider.defaultScopes,
  };
  // Sign in for real through the loopback flow; port 0 picks a free port, which is
  // then registered exactly, the way an admin registers Ferry's fixed port.
  const browser = testBrowser();
  const tokens = await createAuthorizer().startAuthorization({
    client,
    redirectPort: 0,
    openUrl: async (url) => {
      auth.registerRedirectUri(new URL(url).searchParams.get('redirect_uri') ?? '');
      await browser.openUrl(url);
    },
    timeoutMs: 5_000,
    http: { now: auth.clock.now },
  });
  const wire = recordingFetch();
  const manager = new TokenManager({ vault, now: auth.clock.now, http: { timeoutMs: 5_000, fetch: wire.fetch } });
  await manager.storeTokens(CONN, tokens);
  const signInCalls = auth.tokenCalls();
  /** Refreshes since the sign-in, as the sandbox counted them. */
  const refreshCount = () => auth.tokenCalls() - signInCalls;
  return { auth, client, manager, vault, tokens, refreshCount, wire };
}

/** Whether the authorization server still honours this refresh token (a refresh spends it when the org rotates). */
async function refreshAccepted(client: OAuthClient, refreshToken: string): Promise<boolean> {
  try {
    await refreshTokens(client, refreshToken);
    return true;
  } catch (error) {
    if (error instanceof ReauthorizationRequiredError) return false;
    throw error;
  }
}

async function hubspotRefreshTokenKnown(auth: OAuthSandbox, refreshToken: string): Promise<boolean> {
  const response = await fetch(`${auth.url}/oauth/v1/refresh-tokens/${encodeURIComponent(refreshToken)}`);
  await response.arrayBuffer();
  return response.status === 200;
}

/** Revokes the grant behind this refresh token at the CRM, as disconnecting the app there does. */
async function revokeAtCrm(auth: OAuthSandbox, refreshToken: string): Promise<void> {
  const response = auth.kind === 'hubspot'
    ? await fetch(`${auth.url}/oauth/v1/refresh-tokens/${encodeURIComponent(refreshToken)}`, { method: 'DELETE' })
    : await fetch(`${auth.url}/services/oauth2/revoke`, { method: 'POST', body: new URLSearchParams({ token: refreshToken }) });
  expect(response.ok).toBe(true);
}

describe('TokenManager', () => {
  it('uses the stored token while it is fresh and refreshes it 2 minutes before expiry', async () => {
    const { auth, client, manager, tokens, refreshCount } = await connected('hubspot');
    expect(tokens.expiresAt).toBe(auth.clock.now() + HUBSPOT_TOKEN_TTL_MS);
    auth.clock.advance(27 * MINUTE); // 3 minutes left
    expect(await manager.accessToken(CONN, client)).toBe(tokens.accessToken);
    expect(refreshCount()).toBe(0);
    auth.clock.advance(MINUTE + 1); // inside the 2-minute skew
    const fresh = await manager.accessToken(CONN, client);
    expect(fresh).not.toBe(tokens.accessToken);
    expect(refreshCount()).toBe(1);
    expect(await auth.apiStatus(fresh)).toBe(200);
    expect((await manager.tokenStatus(CONN)).expiresAt).toBe(auth.clock.now() + HUBSPOT_TOKEN_TTL_MS);
    // the token it replaced dies at its own expiry, on the sandbox's clock
    auth.clock.advance(2 * MINUTE);
    expect(await auth.apiStatus(tokens.accessToken)).toBe(401);
  });

  it('lets many concurrent callers share one refresh', async () => {
    const { auth, client, manager, refreshCount } = await connected('hubspot');
    auth.clock.advance(31 * MINUTE);
    const all = await Promise.all(Array.from({ length: 12 }, () => manager.accessToken(CONN, client)));
    expect(new Set(all).size).toBe(1);
    expect(refreshCount()).toBe(1);
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
    const { auth, client, manager, tokens } = await connected('salesforce', recording);
    writes.length = 0;
    const rejected = tokens.accessToken;
    if (auth.kind === 'salesforce') auth.sandbox.admin.expireAllTokens();
    expect(await auth.apiStatus(rejected)).toBe(401);
    const fresh = await manager.refreshAfterUnauthorized(CONN, client, rejected);
    expect(await auth.apiStatus(fresh)).toBe(200);
    expect(writes.indexOf('refresh_token')).toBeGreaterThanOrEqual(0);
    expect(writes.indexOf('refresh_token')).toBeLessThan(writes.indexOf('access_token'));
    const storedRefresh = await inner.get(secretKey(CONN, 'refresh_token'));
    expect(storedRefresh).not.toBe(tokens.refreshToken);
    expect(await inner.get(secretKey(CONN, 'instance_url'))).toBe(auth.url);
    // rotation spent the old refresh token; the stored one is the live one
    expect(await refreshAccepted(client, tokens.refreshToken ?? '')).toBe(false);
    expect(await refreshAccepted(client, storedRefresh ?? '')).toBe(true);
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
    const { auth, client, manager, tokens, refreshCount } = await connected('salesforce', flaky);
    if (auth.kind === 'salesforce') auth.sandbox.admin.expireAllTokens();
    failRefreshWrites = true;
    await expect(manager.refreshAfterUnauthorized(CONN, client, tokens.accessToken)).rejects.toThrow('keychain locked');
    expect(refreshCount()).toBe(1); // the org did rotate
    expect(await inner.get(secretKey(CONN, 'access_token'))).toBe(tokens.accessToken);
  });

  it('refreshes once for a burst of 401s and reuses the replacement', async () => {
    const { auth, client, manager, tokens, refreshCount } = await connected('salesforce');
    if (auth.kind === 'salesforce') auth.sandbox.admin.expireAllTokens();
    const results = await Promise.all(Array.from({ length: 5 }, () => manager.refreshAfterUnauthorized(CONN, client, tokens.accessToken)));
    expect(new Set(results).size).toBe(1);
    expect(await manager.refreshAfterUnauthorized(CONN, client, tokens.accessToken)).toBe(results[0]);
    expect(refreshCount()).toBe(1);
  });

  it('renews a Salesforce session that ends at the org timeout the token answer never stated', async () => {
    const { auth, client, manager, tokens, refreshCount } = await connected('salesforce');
    expect(tokens.expiresAt).toBeNull();
    auth.clock.advance(SALESFORCE_SESSION_MS - 1);
    expect(await manager.accessToken(CONN, client)).toBe(tokens.accessToken); // no known expiry: used as is
    expect(await auth.apiStatus(tokens.accessToken)).toBe(200);
    auth.clock.advance(1);
    expect(await auth.apiStatus(tokens.accessToken)).toBe(401);
    const fresh = await manager.refreshAfterUnauthorized(CONN, client, tokens.accessToken);
    expect(await auth.apiStatus(fresh)).toBe(200);
    expect(refreshCount()).toBe(1);
    expect((await manager.tokenStatus(CONN)).expiresAt).toBeNull();
  });

  it('picks up a refresh token another Ferry process rotated in the meantime', async () => {
    const shared = new InMemoryVault();
    const { auth, client, manager, tokens, refreshCount } = await connected('salesforce', shared);
    const other = new TokenManager({ vault: shared, now: auth.clock.now, http: { timeoutMs: 5_000 } });
    if (auth.kind === 'salesforce') auth.sandbox.admin.expireAllTokens();
    let raced = false;
    // This process reads the old refresh token; before its request lands, the other one rotates it.
    const racing = new TokenManager({
      vault: shared,
      now: auth.clock.now,
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
    expect(refreshCount()).toBe(2); // the other's rotation, then our stale attempt (invalid_grant)
    expect(await auth.apiStatus(token)).toBe(200);
    expect((await manager.tokenStatus(CONN)).needsReauth).toBe(false);
  });

  it('marks the connection as needing reauthorization when the grant was revoked', async () => {
    const { auth, client, manager, tokens, refreshCount } = await connected('hubspot');
    await revokeAtCrm(auth, tokens.refreshToken ?? '');
    auth.clock.advance(31 * MINUTE);
    const error = await manager.accessToken(CONN, client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReauthorizationRequiredError);
    expect((error as Error).message).toBe(
      "HubSpot no longer accepts Ferry's sign-in (it was revoked or has expired). Reconnect HubSpot in Integrations; Ferry keeps your unsent changes and sends them once you reconnect.",
    );
    expect((error as ReauthorizationRequiredError).detail).toContain('invalid_grant');
    expect(await manager.tokenStatus(CONN)).toMatchObject({ needsReauth: true });
    const requests = refreshCount();
    expect(requests).toBe(1);
    await expect(manager.accessToken(CONN, client)).rejects.toBeInstanceOf(ReauthorizationRequiredError);
    expect(refreshCount()).toBe(requests); // no more calls until the user reconnects
  });

  it('turns a revoked Salesforce grant into "needs reauthorization" at the next 401', async () => {
    const { auth, client, manager, tokens } = await connected('salesforce');
    await revokeAtCrm(auth, tokens.refreshToken ?? '');
    expect(await auth.apiStatus(tokens.accessToken)).toBe(401); // its session died with the grant
    await expect(manager.refreshAfterUnauthorized(CONN, client, tokens.accessToken)).rejects.toBeInstanceOf(ReauthorizationRequiredError);
    expect(await manager.tokenStatus(CONN)).toMatchObject({ needsReauth: true });
  });

  it('clears the mark when the user signs in again', async () => {
    const { auth, client, manager, tokens } = await connected('hubspot');
    await revokeAtCrm(auth, tokens.refreshToken ?? '');
    auth.clock.advance(31 * MINUTE);
    await expect(manager.accessToken(CONN, client)).rejects.toBeInstanceOf(ReauthorizationRequiredError);
    await manager.storeTokens(CONN, { accessToken: 'at-new-token', refreshToken: 'rt-new-token', expiresAt: auth.clock.now() + 1_800_000 });
    expect(await manager.tokenStatus(CONN)).toMatchObject({ needsReauth: false, expiresAt: auth.clock.now() + 1_800_000 });
  });

  it('turns a token endpoint that never answers into a network error within the timeout', async () => {
    const { auth, client, vault } = await connected('hubspot');
    auth.stallTokenEndpoint();
    auth.clock.advance(31 * MINUTE);
    const slow = new TokenManager({ vault, now: auth.clock.now, http: { timeoutMs: 300 } });
    await expect(slow.accessToken(CONN, client)).rejects.toMatchObject({ kind: 'network', message: expect.stringContaining('did not answer in time') });
  });
});

describe('revokeAndForget', () => {
  it('deletes every secret of the connection and revokes the HubSpot refresh token', async () => {
    const vault = new InMemoryVault({ 'connection:other:access_token': 'keep-me-please' });
    const { auth, client, manager, tokens, wire } = await connected('hubspot', vault);
    expect(await hubspotRefreshTokenKnown(auth, tokens.refreshToken ?? '')).toBe(true);
    const result = await manager.revokeAndForget(CONN, client);
    expect(result).toEqual({ revocation: 'revoked' });
    expect(vault.keys()).toEqual(['connection:other:access_token']);
    expect(wire.sent.map((r) => r.method)).toEqual(['DELETE']);
    expect(auth.revokeCalls()).toBe(1);
    expect(await hubspotRefreshTokenKnown(auth, tokens.refreshToken ?? '')).toBe(false);
    expect(await auth.apiStatus(tokens.accessToken)).toBe(401);
  });

  it('revokes Salesforce grants with a form POST', async () => {
    const { auth, client, manager, tokens, wire } = await connected('salesforce');
    expect(await manager.revokeAndForget(CONN, client)).toEqual({ revocation: 'revoked' });
    expect(wire.sent).toEqual([{ url: `${auth.url}/services/oauth2/revoke`, method: 'POST', contentType: 'application/x-www-form-urlencoded', form: { token: tokens.refreshToken } }]);
    expect(auth.revokeCalls()).toBe(1);
    expect(await auth.apiStatus(tokens.accessToken)).toBe(401);
    expect(await refreshAccepted(client, tokens.refreshToken ?? '')).toBe(false);
  });

  it('still forgets the secrets when the CRM cannot be reached', async () => {
    const vault = new InMemoryVault();
    const { auth, client, manager, tokens } = await connected('hubspot', vault);
    await auth.close();
    const result = await manager.revokeAndForget(CONN, client);
    expect(result.revocation).toBe('failed');
    expect(result.detail ?? '').not.toContain(tokens.refreshToken ?? 'x');
    expect(vault.keys()).toEqual([]);
  });
});
