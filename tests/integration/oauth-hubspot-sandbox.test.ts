/**
 * The OAuth client against Ferry's own HubSpot sandbox (main/sandbox/hubspot):
 * sign-in over the loopback redirect, a CRM call with the token, refresh before
 * expiry, expiry in the middle of a sync (401 → one refresh), disconnect with
 * revocation, and a revoked grant turning into "needs reauthorization".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createAuthorizer } from '../../main/oauth/authorize';
import { ReauthorizationRequiredError } from '../../main/oauth/errors';
import { oauthProvider, resolveEndpoints } from '../../main/oauth/providers';
import { refreshTokens, type OAuthClient } from '../../main/oauth/token-client';
import { TokenManager } from '../../main/oauth/token-manager';
import { companyScopes, contactScopes, startHubSpotSandbox, type HubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { manualClock } from '../../main/sandbox/shared/clock';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { secretKey } from '../../main/secrets/vault';
import { testBrowser } from '../support/test-browser';
import { freePort } from '../support/free-port';

const sandboxes: HubSpotSandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.close()));
});


async function signedIn() {
  const clock = manualClock(Date.now());
  const sandbox = await startHubSpotSandbox({ port: 0, clock: clock.now });
  sandboxes.push(sandbox);
  const port = await freePort();
  sandbox.admin.registerOAuthApp({
    clientId: 'ferry-test-app',
    clientSecret: 'sandbox-client-secret',
    redirectUri: `http://localhost:${port}/oauth/callback`,
    scopes: ['oauth', ...contactScopes], optionalScopes: companyScopes,
  });
  const client: OAuthClient = {
    provider: oauthProvider('hubspot'),
    endpoints: resolveEndpoints(oauthProvider('hubspot'), { authBaseUrl: sandbox.url, apiBaseUrl: sandbox.url }),
    clientId: 'ferry-test-app',
    clientSecret: 'sandbox-client-secret',
    scopes: oauthProvider('hubspot').defaultScopes,
  };
  const browser = testBrowser();
  const tokens = await createAuthorizer().startAuthorization({ client, redirectPort: port, openUrl: browser.openUrl, timeoutMs: 10_000, http: { now: clock.now } });
  const vault = new InMemoryVault();
  const manager = new TokenManager({ vault, now: clock.now });
  await manager.storeTokens('hs1', tokens);
  const listContacts = async (token: string) =>
    (
      await fetch(`${sandbox.url}/crm/v3/objects/contacts/batch/read`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ inputs: [], properties: ['email'] }),
      })
    ).status;
  return { sandbox, clock, client, tokens, vault, manager, browser, listContacts };
}

describe('OAuth against the HubSpot sandbox', () => {
  it('redirects to http://localhost:<port> and answers the callback on both 127.0.0.1 and ::1', async () => {
    const clock = manualClock(Date.now());
    const sandbox = await startHubSpotSandbox({ port: 0, clock: clock.now });
    sandboxes.push(sandbox);
    const port = await freePort();
    sandbox.admin.registerOAuthApp({ clientId: 'ferry-test-app', clientSecret: 's', redirectUri: `http://localhost:${port}/oauth/callback`, scopes: ['oauth', ...contactScopes], optionalScopes: companyScopes });
    const client: OAuthClient = {
      provider: oauthProvider('hubspot'), endpoints: resolveEndpoints(oauthProvider('hubspot'), { authBaseUrl: sandbox.url, apiBaseUrl: sandbox.url }),
      clientId: 'ferry-test-app', clientSecret: 's', scopes: oauthProvider('hubspot').defaultScopes,
    };
    const seen: Array<{ v4: number; v6: number | 'no IPv6' }> = [];
    const openUrl = async (url: string): Promise<void> => {
      const redirect = new URL(url).searchParams.get('redirect_uri') ?? '';
      expect(redirect).toBe(`http://localhost:${port}/oauth/callback`);
      // a stray request on either loopback address reaches Ferry's listener (and is told it is not this sign-in)
      const v4 = (await fetch(`http://127.0.0.1:${port}/oauth/callback?state=other`)).status;
      const v6 = await fetch(`http://[::1]:${port}/oauth/callback?state=other`).then((r) => r.status, () => 'no IPv6' as const);
      seen.push({ v4, v6 });
      await testBrowser().openUrl(url);
    };
    const tokens = await createAuthorizer().startAuthorization({ client, redirectPort: port, openUrl, timeoutMs: 10_000, http: { now: clock.now } });
    expect(tokens.accessToken).toMatch(/^sandbox-oauth-/);
    expect(seen[0]?.v4).toBe(400);
    // where the machine has an IPv6 loopback, Ferry listens there too
    if (seen[0]?.v6 !== 'no IPv6') expect(seen[0]?.v6).toBe(400);
  });

  it('signs in through the browser and calls the CRM with the token', async () => {
    const { tokens, clock, listContacts, browser } = await signedIn();
    expect(tokens.expiresAt).toBe(clock.now() + 30 * 60_000);
    expect(await listContacts(tokens.accessToken)).toBe(200);
    await expect.poll(() => browser.pages[0]?.body ?? '').toContain('You can close this tab and return to Ferry');
  });

  it('refreshes before the 30-minute expiry and keeps the (unrotated) refresh token', async () => {
    const { clock, client, manager, tokens, vault, listContacts } = await signedIn();
    clock.advance(28 * 60_000 + 1);
    const fresh = await manager.accessToken('hs1', client);
    expect(fresh).not.toBe(tokens.accessToken);
    expect(await listContacts(fresh)).toBe(200);
    expect(await vault.get(secretKey('hs1', 'refresh_token'))).toBe(tokens.refreshToken);
  });

  it('recovers from a token that expires in the middle of a sync with one refresh', async () => {
    const { sandbox, client, manager, tokens, listContacts } = await signedIn();
    sandbox.admin.expireToken(tokens.accessToken);
    expect(await listContacts(tokens.accessToken)).toBe(401);
    const replacements = await Promise.all([1, 2, 3].map(() => manager.refreshAfterUnauthorized('hs1', client, tokens.accessToken)));
    expect(new Set(replacements).size).toBe(1);
    expect(await listContacts(replacements[0] ?? '')).toBe(200);
  });

  it('disconnect revokes the grant, and the old refresh token then means "reconnect"', async () => {
    const { client, manager, tokens, vault, listContacts } = await signedIn();
    expect(await manager.revokeAndForget('hs1', client)).toEqual({ revocation: 'revoked' });
    expect(vault.keys()).toEqual([]);
    expect(await listContacts(tokens.accessToken)).toBe(401);
    await expect(refreshTokens(client, tokens.refreshToken ?? '')).rejects.toBeInstanceOf(ReauthorizationRequiredError);
  });
});
