/**
 * The OAuth client end to end against a faithful local authorization server
 * (tests/support/oauth-server.ts): browser sign-in over the loopback redirect,
 * PKCE and state, the pages the user sees, timeouts, cancel and concurrency.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuthorizer, type AuthorizationRequest } from '../../main/oauth/authorize';
import { OAuthError } from '../../main/oauth/errors';
import { s256 } from '../../main/oauth/pkce';
import { TestOAuthServer, testBrowser } from '../support/oauth-server';
import { freePort } from '../support/free-port';

const servers: TestOAuthServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});


async function setup(kind: 'hubspot' | 'salesforce', overrides: Partial<ConstructorParameters<typeof TestOAuthServer>[0]> = {}) {
  const port = await freePort();
  const redirectUri = `http://${kind === 'hubspot' ? 'localhost' : '127.0.0.1'}:${port}/oauth/callback`;
  let now = 1_700_000_000_000;
  const server = await new TestOAuthServer({
    clients: [kind === 'hubspot' ? { clientId: 'hs-app', clientSecret: 'hs-secret-123', redirectUris: [redirectUri] } : { clientId: 'sf-app', redirectUris: [redirectUri] }],
    now: () => now,
    accessTokenLifetimeSec: kind === 'hubspot' ? 1800 : null,
    rotateRefreshTokens: kind === 'salesforce',
    salesforceFields: kind === 'salesforce',
    ...overrides,
  }).start();
  servers.push(server);
  const browser = testBrowser();
  const request: AuthorizationRequest = {
    provider: kind,
    clientId: kind === 'hubspot' ? 'hs-app' : 'sf-app',
    ...(kind === 'hubspot' ? { clientSecret: 'hs-secret-123' } : {}),
    baseUrls: { authBaseUrl: server.baseUrl, apiBaseUrl: server.baseUrl },
    redirectPort: port,
    openUrl: browser.openUrl,
    timeoutMs: 10_000,
    http: { now: () => now, timeoutMs: 5_000 },
  };
  return { server, browser, request, port, redirectUri, advance: (ms: number) => (now += ms), now: () => now };
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
    const { server, browser, request, redirectUri, now } = await setup('hubspot');
    const tokens = await createAuthorizer().startAuthorization(request);

    expect(tokens.accessToken).toMatch(/^at-/);
    expect(tokens.refreshToken).toMatch(/^rt-/);
    expect(tokens.expiresAt).toBe(now() + 1800 * 1000);
    const [auth] = server.authorizeRequests;
    expect(auth?.params).toMatchObject({
      response_type: 'code',
      client_id: 'hs-app',
      redirect_uri: redirectUri,
      scope: 'oauth crm.objects.contacts.read crm.objects.contacts.write crm.schemas.contacts.read crm.schemas.contacts.write',
      code_challenge_method: 'S256',
    });
    expect(auth?.params.state?.length).toBeGreaterThanOrEqual(32);
    const exchange = server.tokenRequests[0];
    expect(exchange?.code_verifier?.length).toBeGreaterThanOrEqual(43);
    expect(exchange?.code_verifier?.length).toBeLessThanOrEqual(128);
    expect(s256(exchange?.code_verifier ?? '')).toBe(auth?.params.code_challenge);
    expect(exchange).toMatchObject({ client_secret: 'hs-secret-123', redirect_uri: redirectUri });

    const page = await waitFor(() => browser.pages[0]);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Ferry is connected to HubSpot');
    expect(page.body).toContain('You can close this tab and return to Ferry');
    expect(page.body).not.toContain(tokens.accessToken);
  });

  it('connects Salesforce as a public client and keeps instance_url and id', async () => {
    const { server, request } = await setup('salesforce');
    const tokens = await createAuthorizer().startAuthorization(request);
    expect(server.tokenRequests[0]?.client_secret).toBeUndefined();
    expect(server.authorizeRequests[0]?.params.scope).toBe('api refresh_token offline_access');
    expect(tokens.instanceUrl).toBe(`${server.baseUrl}/instance`);
    expect(tokens.idUrl).toContain('/id/00D');
    expect(tokens.expiresAt).toBeNull();
    expect(tokens.refreshToken).toMatch(/^rt-/);
  });

  it('shows a failure page and a clear error when the user denies access', async () => {
    const { browser, request } = await setup('hubspot', { decision: 'deny' });
    const error = await createAuthorizer().startAuthorization(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthError);
    expect((error as OAuthError).kind).toBe('denied');
    expect((error as OAuthError).message).toContain('HubSpot did not grant Ferry access');
    const page = await waitFor(() => browser.pages[0]);
    expect(page.status).toBe(400);
    expect(page.body).toContain('Ferry could not connect to HubSpot');
  });

  it('ignores a callback that carries the wrong state and still finishes the real sign-in', async () => {
    const { request, port } = await setup('hubspot');
    let forged: Response | undefined;
    const flow = createAuthorizer().startAuthorization({
      ...request,
      openUrl: async (url) => {
        forged = await fetch(`http://127.0.0.1:${port}/oauth/callback?code=attacker-code&state=forged`);
        await request.openUrl(url);
      },
    });
    const tokens = await flow;
    expect(tokens.accessToken).toMatch(/^at-/);
    expect(forged?.status).toBe(400);
    expect(await forged?.text()).toContain('does not belong to the sign-in Ferry started');
  });

  it('refuses a second sign-in while one is waiting, then allows one after it ends', async () => {
    const { request } = await setup('hubspot');
    const authorizer = createAuthorizer();
    const controller = new AbortController();
    const first = authorizer.startAuthorization({ ...request, openUrl: async () => undefined, signal: controller.signal });
    await waitFor(() => (authorizer.busy ? true : undefined));
    await expect(authorizer.startAuthorization(request)).rejects.toMatchObject({ kind: 'busy', message: expect.stringContaining('already waiting for a sign-in') });
    controller.abort();
    await expect(first).rejects.toMatchObject({ kind: 'cancelled' });
    await expect(authorizer.startAuthorization(request)).resolves.toMatchObject({ accessToken: expect.stringMatching(/^at-/) });
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
    const { request } = await setup('hubspot');
    const controller = new AbortController();
    controller.abort();
    await expect(createAuthorizer().startAuthorization({ ...request, signal: controller.signal })).rejects.toMatchObject({ kind: 'cancelled' });
  });

  it('never redirects to a URI that is not registered (port included)', async () => {
    const { request, browser } = await setup('hubspot');
    const otherPort = await freePort();
    const error = await createAuthorizer()
      .startAuthorization({ ...request, redirectPort: otherPort, timeoutMs: 1_000 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'timeout' });
    const page = await waitFor(() => browser.pages[0]);
    expect(page.status).toBe(400);
    expect(page.body).toContain('redirect_uri mismatch');
  });

  it('reports a client secret the provider rejects as a configuration problem', async () => {
    const { request, browser } = await setup('hubspot');
    const error = await createAuthorizer()
      .startAuthorization({ ...request, clientSecret: 'wrong-secret-456' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'configuration' });
    expect((error as Error).message).not.toContain('wrong-secret-456');
    expect((error as OAuthError).detail ?? '').not.toContain('wrong-secret-456');
    const page = await waitFor(() => browser.pages[0]);
    expect(page.status).toBe(502);
    expect(page.body).toContain('rejected Ferry&#39;s client id or secret');
  });
});
