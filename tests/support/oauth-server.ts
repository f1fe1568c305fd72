/**
 * A small, faithful OAuth 2.0 authorization server for testing main/oauth/ until
 * the sandbox CRMs gain their own. It speaks both wire layouts:
 *   HubSpot:    GET /oauth/authorize, POST /oauth/v1/token, DELETE /oauth/v1/refresh-tokens/{token}
 *   Salesforce: GET /services/oauth2/authorize, POST /services/oauth2/token, POST /services/oauth2/revoke
 * and checks what the real ones check: registered client, exact redirect URI (port
 * included), PKCE S256 with a 43–128 character verifier, single-use codes bound to
 * client and redirect URI, client secret for confidential clients. It issues
 * expiring access tokens on an injected clock, rotates refresh tokens when asked
 * (each refresh invalidates the previous one, like a Salesforce org with rotation
 * on), answers invalid_grant after revocation, and offers GET /api/me as a
 * protected resource (401 for an expired or revoked token).
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestClient {
  clientId: string;
  /** Confidential clients must send it; public clients (Salesforce) send none. */
  clientSecret?: string;
  redirectUris: string[];
}

export interface OAuthServerOptions {
  clients: TestClient[];
  now: () => number;
  /** Seconds; null sends no expires_in (Salesforce) while tokens still expire after `hiddenLifetimeSec`. */
  accessTokenLifetimeSec: number | null;
  hiddenLifetimeSec?: number;
  rotateRefreshTokens: boolean;
  /** Salesforce-style extras in the token response. */
  salesforceFields?: boolean;
  /** What the consent page "decides". */
  decision?: 'approve' | 'deny';
}

interface CodeGrant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scope: string;
  expiresAt: number;
  used: boolean;
}

interface RefreshGrant {
  clientId: string;
  scope: string;
  active: boolean;
}

interface AccessGrant {
  refreshToken: string;
  expiresAt: number;
}

export interface AuthorizeRecord {
  params: Record<string, string>;
}

export class TestOAuthServer {
  readonly authorizeRequests: AuthorizeRecord[] = [];
  readonly tokenRequests: Record<string, string>[] = [];
  readonly revoked: string[] = [];
  decision: 'approve' | 'deny';
  /** When set, the token endpoint never answers (to test client timeouts). */
  hangTokenEndpoint = false;
  private readonly codes = new Map<string, CodeGrant>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();
  private readonly accessTokens = new Map<string, AccessGrant>();
  private server: http.Server | null = null;
  baseUrl = '';

  constructor(private readonly options: OAuthServerOptions) {
    this.decision = options.decision ?? 'approve';
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  get refreshCount(): number {
    return this.tokenRequests.filter((r) => r.grant_type === 'refresh_token').length;
  }

  /** Like an admin uninstalling the app: every grant dies. */
  revokeEverything(): void {
    for (const [token, grant] of this.refreshTokens) {
      grant.active = false;
      this.revoked.push(token);
    }
  }

  /** Access tokens die now (the refresh tokens stay valid). */
  expireAccessTokens(): void {
    for (const grant of this.accessTokens.values()) grant.expiresAt = 0;
  }

  /** Registers another exact redirect URI for a client (as an admin would in the app settings). */
  registerRedirectUri(clientId: string, uri: string): void {
    this.options.clients.find((c) => c.clientId === clientId)?.redirectUris.push(uri);
  }

  isRefreshTokenActive(token: string): boolean {
    return this.refreshTokens.get(token)?.active === true;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /oauth/authorize' || route === 'GET /services/oauth2/authorize') return this.authorize(url, res);
    if (route === 'POST /oauth/v1/token' || route === 'POST /services/oauth2/token') {
      if (this.hangTokenEndpoint) return; // never answers
      return this.token(new URLSearchParams(await readBody(req)), res);
    }
    if (req.method === 'DELETE' && url.pathname.startsWith('/oauth/v1/refresh-tokens/')) {
      const token = decodeURIComponent(url.pathname.slice('/oauth/v1/refresh-tokens/'.length));
      return this.revoke(token, res, 204);
    }
    if (route === 'POST /services/oauth2/revoke') {
      const token = new URLSearchParams(await readBody(req)).get('token') ?? '';
      return this.revoke(token, res, 200);
    }
    if (route === 'GET /api/me') return this.me(req, res);
    json(res, 404, { error: 'not_found' });
  }

  private authorize(url: URL, res: http.ServerResponse): void {
    const p = Object.fromEntries(url.searchParams);
    this.authorizeRequests.push({ params: p });
    const client = this.options.clients.find((c) => c.clientId === p.client_id);
    // Per RFC 6749 §4.1.2.1: never redirect to an unregistered URI.
    if (!client) return html(res, 400, 'Unknown client_id');
    if (!p.redirect_uri || !client.redirectUris.includes(p.redirect_uri)) return html(res, 400, 'redirect_uri mismatch');
    const back = new URL(p.redirect_uri);
    if (p.state !== undefined) back.searchParams.set('state', p.state);
    const fail = (error: string, description: string) => {
      back.searchParams.set('error', error);
      back.searchParams.set('error_description', description);
      redirect(res, back.toString());
    };
    if (p.response_type !== 'code') return fail('unsupported_response_type', 'response_type must be code');
    if (p.code_challenge_method !== 'S256' || !p.code_challenge) return fail('invalid_request', 'PKCE S256 required');
    if (this.decision === 'deny') return fail('access_denied', 'end-user denied authorization');
    const code = `code-${randomBytes(12).toString('hex')}`;
    this.codes.set(code, {
      clientId: client.clientId,
      redirectUri: p.redirect_uri,
      challenge: p.code_challenge,
      scope: p.scope ?? '',
      expiresAt: this.options.now() + 60_000,
      used: false,
    });
    back.searchParams.set('code', code);
    redirect(res, back.toString());
  }

  private token(form: URLSearchParams, res: http.ServerResponse): void {
    const f = Object.fromEntries(form);
    this.tokenRequests.push(f);
    const client = this.options.clients.find((c) => c.clientId === f.client_id);
    if (!client) return json(res, 401, { error: 'invalid_client', error_description: 'unknown client' });
    if (client.clientSecret !== undefined && f.client_secret !== client.clientSecret) {
      return json(res, 401, { error: 'invalid_client', error_description: 'bad client secret' });
    }
    const invalidGrant = (description: string) => json(res, 400, { error: 'invalid_grant', error_description: description });
    if (f.grant_type === 'authorization_code') {
      const grant = f.code ? this.codes.get(f.code) : undefined;
      if (!grant || grant.used || grant.expiresAt <= this.options.now()) return invalidGrant('invalid authorization code');
      grant.used = true; // single use, even when the rest of the request is wrong
      if (grant.clientId !== client.clientId) return invalidGrant('code was issued to another client');
      if (grant.redirectUri !== f.redirect_uri) return invalidGrant('redirect_uri does not match the authorization request');
      const verifier = f.code_verifier ?? '';
      if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) return invalidGrant('code_verifier must be 43-128 unreserved characters');
      if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) return invalidGrant('PKCE verification failed');
      const refreshToken = this.newRefreshToken(client.clientId, grant.scope);
      return json(res, 200, this.issue(refreshToken, grant.scope, true));
    }
    if (f.grant_type === 'refresh_token') {
      const grant = f.refresh_token ? this.refreshTokens.get(f.refresh_token) : undefined;
      if (!grant || !grant.active || grant.clientId !== client.clientId) return invalidGrant('expired access/refresh token');
      let refreshToken = f.refresh_token ?? '';
      if (this.options.rotateRefreshTokens) {
        grant.active = false;
        refreshToken = this.newRefreshToken(client.clientId, grant.scope);
      }
      return json(res, 200, this.issue(refreshToken, grant.scope, this.options.rotateRefreshTokens));
    }
    json(res, 400, { error: 'unsupported_grant_type' });
  }

  private newRefreshToken(clientId: string, scope: string): string {
    const token = `rt-${randomBytes(16).toString('hex')}`;
    this.refreshTokens.set(token, { clientId, scope, active: true });
    return token;
  }

  private issue(refreshToken: string, scope: string, includeRefresh: boolean): Record<string, unknown> {
    const accessToken = `at-${randomBytes(16).toString('hex')}`;
    const lifetime = this.options.accessTokenLifetimeSec ?? this.options.hiddenLifetimeSec ?? 7200;
    this.accessTokens.set(accessToken, { refreshToken, expiresAt: this.options.now() + lifetime * 1000 });
    const body: Record<string, unknown> = { access_token: accessToken, token_type: 'bearer', scope };
    if (includeRefresh) body.refresh_token = refreshToken;
    if (this.options.accessTokenLifetimeSec !== null) body.expires_in = this.options.accessTokenLifetimeSec;
    if (this.options.salesforceFields) {
      body.instance_url = `${this.baseUrl}/instance`;
      body.id = `${this.baseUrl}/id/00D000000000001/005000000000001`;
      body.issued_at = String(this.options.now());
      body.signature = 'sig';
    }
    return body;
  }

  private revoke(token: string, res: http.ServerResponse, okStatus: number): void {
    const grant = this.refreshTokens.get(token);
    if (!grant) return json(res, 400, { error: 'unsupported_token_type', error_description: 'invalid token' });
    grant.active = false;
    this.revoked.push(token);
    res.writeHead(okStatus).end();
  }

  private me(req: http.IncomingMessage, res: http.ServerResponse): void {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const grant = this.accessTokens.get(token);
    // A rotated-away refresh token leaves its access tokens valid; a revoked one kills them.
    const alive = grant !== undefined && grant.expiresAt > this.options.now() && !this.revoked.includes(grant.refreshToken);
    if (!alive) return json(res, 401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    json(res, 200, { ok: true });
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function html(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/html' }).end(`<p>${text}</p>`);
}

function redirect(res: http.ServerResponse, location: string): void {
  res.writeHead(302, { location }).end();
}

/** A "browser" for openUrl: follows the authorize redirect to Ferry's loopback callback. */
export function testBrowser(): { openUrl: (url: string) => Promise<void>; pages: { status: number; body: string; url: string }[] } {
  const pages: { status: number; body: string; url: string }[] = [];
  return {
    pages,
    openUrl: async (url) => {
      // Like a real browser tab: the app does not wait for it.
      void (async () => {
        try {
          const response = await fetch(url, { redirect: 'follow' });
          pages.push({ status: response.status, body: await response.text(), url: response.url });
        } catch (error) {
          pages.push({ status: 0, body: String(error), url });
        }
      })();
    },
  };
}
