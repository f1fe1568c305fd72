import { redeemCode } from '../shared/authorization-codes';
import type { Reply, SandboxRequest } from '../shared/http';
import { randomToken } from '../shared/ids';
import { oauthErrorPage, redirectWith } from '../shared/oauth-replies';
import type { Router } from '../shared/router';
import type { PipedriveContext, PipedriveRoute } from './context';
import { CODE_TTL_MS, type PipedriveApp, type PipedriveOAuthState } from './oauth-state';

/**
 * Pipedrive's OAuth server beside the company's API (the sandbox's address
 * stands for oauth.pipedrive.com too), after developers.pipedrive.com/docs/api/v1/Oauth
 * and pipedrive.readme.io/docs/marketplace-oauth-authorization:
 * - GET /oauth/authorize: client_id, redirect_uri (the app's one callback URL, exactly),
 *   state; approval redirects with `code` and `state`, a refusal with `error=user_denied`;
 *   the scopes are the app's, so the request names none; no PKCE is documented, so a
 *   code_challenge is ignored;
 * - POST /oauth/token with `Authorization: Basic base64(client_id:client_secret)`:
 *   authorization_code (code, redirect_uri) or refresh_token; the answer holds access_token,
 *   token_type, refresh_token, scope, expires_in and api_domain (the company's own domain,
 *   where its API calls go);
 * - POST /oauth/revoke (same Basic auth), `token`: a refresh token revokes the grant.
 * Pipedrive's pages show no error bodies; the sandbox answers RFC 6749 §5.2's
 * `{ error, error_description }` with 400, and 401 for bad client credentials.
 */
export const OAUTH_ROUTES = new WeakSet<PipedriveRoute>();

const tokenError = (status: number, error: string, description: string): Reply => ({ status, body: { success: false, error, error_description: description } });

/** The app behind a Basic Authorization header with the right secret, or undefined. */
function basicClient(req: SandboxRequest, oauth: PipedriveOAuthState): PipedriveApp | undefined {
  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!basic) return undefined;
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const decode = (v: string): string => decodeURIComponent(v.replace(/\+/g, ' '));
  const app = oauth.apps.get(decode(decoded.slice(0, colon)));
  return app && app.clientSecret === decode(decoded.slice(colon + 1)) ? app : undefined;
}

function authorize(oauth: PipedriveOAuthState, req: SandboxRequest, ctx: PipedriveContext): Reply {
  const q = req.query;
  const app = oauth.apps.get(q.get('client_id') ?? '');
  if (!app) return oauthErrorPage(400, 'Invalid client', 'The client_id is not valid.');
  const redirectUri = q.get('redirect_uri') ?? '';
  if (redirectUri !== app.callbackUrl) return oauthErrorPage(400, 'Invalid redirect_uri', 'The redirect_uri does not match the callback URL registered for the app.');
  const state = q.get('state') ?? undefined;
  if (oauth.consent === 'deny') return redirectWith(redirectUri, { error: 'user_denied', state });
  const code = oauth.codes.issue({ clientId: app.clientId, redirectUri, codeChallenge: undefined, expiresAt: ctx.now() + CODE_TTL_MS });
  return redirectWith(redirectUri, { code, state });
}

function issue(oauth: PipedriveOAuthState, app: PipedriveApp, ctx: PipedriveContext, refreshToken: string, serverUrl: string): Reply {
  const accessToken = randomToken('v1:');
  ctx.tokens.set(accessToken, { auth: 'oauth', revoked: false, expiresAt: ctx.now() + app.accessTokenTtlMs });
  oauth.grants.get(refreshToken)?.accessTokens.push(accessToken);
  return {
    status: 200,
    body: {
      access_token: accessToken, token_type: 'Bearer', refresh_token: refreshToken, scope: app.scopes.join(' '),
      expires_in: Math.floor(app.accessTokenTtlMs / 1000), api_domain: oauth.apiDomain ?? serverUrl,
    },
  };
}

function token(oauth: PipedriveOAuthState, serverUrl: () => string, req: SandboxRequest, ctx: PipedriveContext): Reply {
  oauth.tokenCalls += 1;
  const app = basicClient(req, oauth);
  if (!app) return tokenError(401, 'invalid_client', 'Invalid client: cannot retrieve client credentials');
  const form = new URLSearchParams(req.rawBody);
  const grant = form.get('grant_type');
  if (grant === 'authorization_code') {
    const redeemed = redeemCode(oauth.codes, form, app.clientId, ctx.now());
    if ('problem' in redeemed) return tokenError(400, 'invalid_grant', redeemed.problem === 'redirect-uri-mismatch' ? 'Invalid request: `redirect_uri` is invalid' : 'Invalid grant: authorization code is invalid');
    const refresh = randomToken(`${ctx.settings.companyId}:`);
    oauth.grants.set(refresh, { clientId: app.clientId, revoked: false, accessTokens: [] });
    return issue(oauth, app, ctx, refresh, serverUrl());
  }
  if (grant === 'refresh_token') {
    const refresh = form.get('refresh_token') ?? '';
    const known = oauth.grants.get(refresh);
    if (!known || known.clientId !== app.clientId || known.revoked) return tokenError(400, 'invalid_grant', 'Invalid grant: refresh token is invalid');
    return issue(oauth, app, ctx, refresh, serverUrl());
  }
  return tokenError(400, 'unsupported_grant_type', 'Unsupported grant type: `grant_type` is invalid');
}

function revoke(oauth: PipedriveOAuthState, req: SandboxRequest, ctx: PipedriveContext): Reply {
  oauth.revokeCalls += 1;
  const app = basicClient(req, oauth);
  if (!app) return tokenError(401, 'invalid_client', 'Invalid client: cannot retrieve client credentials');
  const presented = new URLSearchParams(req.rawBody).get('token') ?? '';
  const grant = oauth.grants.get(presented);
  if (grant && grant.clientId === app.clientId) {
    grant.revoked = true;
    for (const t of grant.accessTokens) {
      const state = ctx.tokens.get(t);
      if (state) state.revoked = true;
    }
  }
  return { status: 200, body: { success: true } };
}

/** The OAuth server's routes: no API token, no rate limits (the server serves them first). */
export function addOAuthRoutes(api: Router<PipedriveRoute>, oauth: PipedriveOAuthState, serverUrl: () => string): void {
  const route = (handler: PipedriveRoute['handler']): PipedriveRoute => {
    const r: PipedriveRoute = { cost: 'get', write: false, handler };
    OAUTH_ROUTES.add(r);
    return r;
  };
  api.add('GET', '/oauth/authorize', route((req, ctx) => authorize(oauth, req, ctx)));
  api.add('POST', '/oauth/token', route((req, ctx) => token(oauth, serverUrl, req, ctx)));
  api.add('POST', '/oauth/revoke', route((req, ctx) => revoke(oauth, req, ctx)));
}
