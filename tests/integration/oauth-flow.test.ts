/**
 * The OAuth client end to end against the authorization servers of the HubSpot
 * and Salesforce sandboxes (their oauth-routes.ts): browser sign-in over the
 * loopback redirect, PKCE and state, the pages the user sees, timeouts, cancel
 * and concurrency. What Ferry sends is read off the wire (the address the
 * browser opens, the token request); what the sandbox accepts proves it valid.
 */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { clientFor, createAuthorizer, type AuthorizationRequest } from '../../main/oauth/authorize';
import { OAuthError } from '../../main/oauth/errors';
import { s256 } from '../../main/oauth/pkce';
import { refreshTokens } from '../../main/oauth/token-client';
import { freePort } from '../support/free-port';
import { recordingFetch, startOAuthSandbox, HUBSPOT_TOKEN_TTL_MS, type OAuthKind } from '../support/oauth-sandboxes';
import { testBrowser } from '../support/test-browser';

async function setup(kind: OAuthKind) {
  const auth = await startOAuthSandbox(kind);
  const port = await freePort();
  const redirectUri = `http://${kind === 'hubspot' ? 'localhost' : '127.0.0.1'}:${port}/oauth/callback`;
  auth.registerRedirectUri(redirectUri);
  const browser = testBrowser();
  const opened: URL[] = [];
  const wire = recordingFetch();
  const request: AuthorizationRequest = {
    provider: kind,
    clientId: auth.clientId,
    ...(auth.clientSecret === undefined ? {} : { clientSecret: auth.clientSecret }),
    baseUrls: { authBaseUrl: auth.url, apiBaseUrl: auth.url },
    redirectPort: port,
    openUrl: async (url) => {
      opened.push(new URL(url));
      await browser.openUrl(url);
    },
    timeoutMs: 10_000,
    http: { now: auth.clock.now, timeoutMs: 5_000, fetch: wire.fetch },
  };
  const tokenRequests = () => wire.sent.filter((r) => r.url === `${auth.url}${kind === 'hubspot' ? '/oauth/v1/token' : '/services/oauth2/token'}`).map((r) => r.form);
  return { auth, browser, request, port, redirectUri, opened, tokenRequests };
}

async function waitFor<T>(read: () => T | undefined, ms = 5_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('sign-in through the browser', () => {
  it('connects HubSpot with PKCE S256, state and the exact redirect URI, and tells the user to return to Ferry', async () => {
    const { auth, browser, request, redirectUri, opened, tokenRequests } = await setup('hubspot');
    const tokens = await createAuthorizer().startAuthorization(request);

    expect(await auth.apiStatus(tokens.accessToken)).toBe(200);
    const refresh = await fetch(`${auth.url}/oauth/v1/refresh-tokens/${tokens.refreshToken ?? ''}`);
    expect(await refresh.json()).toMatchObject({ client_id: 'hs-app', token_type: 'refresh' });
    expect(tokens.expiresAt).toBe(auth.clock.now() + HUBSPOT_TOKEN_TTL_MS);
    expect(opened).toHaveLength(1);
    const auth0 = Object.fromEntries(opened[0]!.searchParams);
    expect(`${opened[0]!.origin}${opened[0]!.pathname}`).toBe(`${auth.url}/oauth/authorize`);
    expect(auth0).toMatchObject({
      response_type: 'code',
      client_id: 'hs-app',
      redirect_uri: redirectUri,
      scope: 'oauth crm.objects.contacts.read crm.objects.contacts.write crm.schemas.contacts.read crm.schemas.contacts.write',
      code_challenge_method: 'S256',
    });
    expect(auth0.state?.length).toBeGreaterThanOrEqual(32);
    const [exchange, ...more] = tokenRequests();
    expect(more).toEqual([]);
    expect(exchange?.grant_type).toBe('authorization_code');
    expect(exchange?.code_verifier?.length).toBeGreaterThanOrEqual(43);
    expect(exchange?.code_verifier?.length).toBeLessThanOrEqual(128);
    expect(exchange?.code_verifier).toMatch(/^[A-Za-z0-9\-._~]+$/);
    expect(s256(exchange?.code_verifier ?? '')).toBe(auth0.code_challenge);
    expect(exchange).toMatchObject({ client_secret: 'hs-secret-123', redirect_uri: redirectUri });

    const page = await waitFor(() => browser.pages[0]);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Ferry is connected to HubSpot');
    expect(page.body).toContain('You can close this tab and return to Ferry');
    expect(page.body).not.toContain(tokens.accessToken);
  });

  it('connects Salesforce as a public client and keeps instance_url and id', async () => {
    const { auth, request, opened, tokenRequests } = await setup('salesforce');
    const tokens = await createAuthorizer().startAuthorization(request);
    expect(tokenRequests()).toHaveLength(1);
    expect(tokenRequests()[0]?.client_secret).toBeUndefined();
    expect(opened[0]?.searchParams.get('scope')).toBe('api refresh_token offline_access');
    expect(opened[0]?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(tokens.instanceUrl).toBe(auth.url);
    expect(tokens.idUrl).toMatch(new RegExp(`^${auth.url}/id/00D\\w+/005\\w+$`));
    // Salesforce states no lifetime: the org's session timeout decides, and a 401 asks for a refresh
    expect(tokens.expiresAt).toBeNull();
    expect(await auth.apiStatus(tokens.accessToken)).toBe(200);
    await expect(refreshTokens(clientFor(request), tokens.refreshToken ?? '')).resolves.toMatchObject({ accessToken: expect.any(String) });
  });

  it.each(['hubspot', 'salesforce'] as const)('shows a failure page and a clear error when the user denies access (%s)', async (kind) => {
    const { auth, browser, request, tokenRequests } = await setup(kind);
    auth.setConsent('deny');
    const name = kind === 'hubspot' ? 'HubSpot' : 'Salesforce';
    const error = await createAuthorizer().startAuthorization(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthError);
    expect((error as OAuthError).kind).toBe('denied');
    expect((error as OAuthError).message).toContain(`${name} did not grant Ferry access`);
    expect((error as OAuthError).detail).toBe('access_denied');
    const page = await waitFor(() => browser.pages[0]);
    expect(page.status).toBe(400);
    expect(page.body).toContain(`Ferry could not connect to ${name}`);
    expect(tokenRequests()).toEqual([]);
  });

  it('ignores a callback that carries the wrong state and still finishes the real sign-in', async () => {
    const { auth, request, port } = await setup('hubspot');
    let forged: Response | undefined;
    const flow = createAuthorizer().startAuthorization({
      ...request,
      openUrl: async (url) => {
        forged = await fetch(`http://127.0.0.1:${port}/oauth/callback?code=attacker-code&state=forged`);
        await request.openUrl(url);
      },
    });
    const tokens = await flow;
    expect(await auth.apiStatus(tokens.accessToken)).toBe(200);
    expect(forged?.status).toBe(400);
    expect(await forged?.text()).toContain('does not belong to the sign-in Ferry started');
  });

  it('refuses a second sign-in while one is waiting, then allows one after it ends', async () => {
    const { auth, request } = await setup('hubspot');
    const authorizer = createAuthorizer();
    const controller = new AbortController();
    const first = authorizer.startAuthorization({ ...request, openUrl: async () => undefined, signal: controller.signal });
    await waitFor(() => (authorizer.busy ? true : undefined));
    await expect(authorizer.startAuthorization(request)).rejects.toMatchObject({ kind: 'busy', message: expect.stringContaining('already waiting for a sign-in') });
    controller.abort();
    await expect(first).rejects.toMatchObject({ kind: 'cancelled' });
    const tokens = await authorizer.startAuthorization(request);
    expect(await auth.apiStatus(tokens.accessToken)).toBe(200);
  });

  it('says which port is taken when another program holds the redirect port', async () => {
    const { request, port } = await setup('hubspot');
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      await expect(createAuthorizer().startAuthorization(request)).rejects.toMatchObject({
        kind: 'port-in-use',
        message: expect.stringContaining(`port ${port}`),
      });
    } finally {
      squatter.close();
    }
  });

  it('gives up with a clear sentence when the user never finishes, and frees the port', async () => {
    const { request } = await setup('hubspot');
    const error = await createAuthorizer()
      .startAuthorization({ ...request, openUrl: async () => undefined, timeoutMs: 300 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'timeout' });
    expect((error as Error).message).toContain('was not finished within');
    await expect(createAuthorizer().startAuthorization(request)).resolves.toBeTruthy();
  });

  it('stops at once when cancelled, even before the browser opens', async () => {
    const { request, opened } = await setup('hubspot');
    const controller = new AbortController();
    controller.abort();
    await expect(createAuthorizer().startAuthorization({ ...request, signal: controller.signal })).rejects.toMatchObject({ kind: 'cancelled' });
    expect(opened).toEqual([]);
  });

  it('never redirects to a URI that is not registered (port included)', async () => {
    const { auth, request, browser } = await setup('hubspot');
    const otherPort = await freePort();
    const error = await createAuthorizer()
      .startAuthorization({ ...request, redirectPort: otherPort, timeoutMs: 1_000 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'timeout' });
    const page = await waitFor(() => browser.pages[0]);
    expect(page.status).toBe(400);
    expect(page.body).toContain(`redirect_uri &#34;http://localhost:${otherPort}/oauth/callback&#34; does not match`);
    // the browser stayed on the sandbox's page: nothing went to the unregistered address
    expect(page.url.startsWith(`${auth.url}/oauth/authorize?`)).toBe(true);
  });

  it('reports a client secret the provider rejects as a configuration problem', async () => {
    const { request, browser } = await setup('hubspot');
    const error = await createAuthorizer()
      .startAuthorization({ ...request, clientSecret: 'wrong-secret-456' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'configuration' });
    expect((error as Error).message).not.toContain('wrong-secret-456');
    expect((error as OAuthError).detail ?? '').not.toContain('wrong-secret-456');
    expect((error as OAuthError).detail ?? '').toContain('invalid_client');
    const page = await waitFor(() => browser.pages[0]);
    expect(page.status).toBe(502);
    expect(page.body).toContain('rejected Ferry&#39;s client id or secret');
  });
});
