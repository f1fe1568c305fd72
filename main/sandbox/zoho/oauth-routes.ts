import { redeemCode } from '../shared/authorization-codes';
import type { Reply, SandboxRequest } from '../shared/http';
import { randomToken } from '../shared/ids';
import { oauthErrorPage, redirectWith } from '../shared/oauth-replies';
import type { Router } from '../shared/router';
import type { ZohoContext, ZohoRoute } from './context';
import { CODE_TTL_MS, type OAuthApp } from './oauth-state';

/**
 * Zoho's accounts server (OAuth 2.0), as zoho.com/crm/developer/docs/api/v8/ describes it:
 * - GET /oauth/v2/auth (auth-request.html): `scope` comma-separated, `access_type=offline`
 *   for a refresh token, `prompt=consent`; the redirect carries `code`, `state`, `location`
 *   (the user's data centre) and `accounts-server`;
 * - POST /oauth/v2/token (access-refresh.html, refresh.html): the answer holds `access_token`,
 *   `refresh_token` (code grant with offline access only), `api_domain` (where the account's
 *   API calls go), `token_type: "Bearer"` and `expires_in: 3600`. A refused grant is answered
 *   with HTTP 200 and `{ "error": "invalid_code" }` (or invalid_client, invalid_redirect_uri);
 * - POST /oauth/v2/token/revoke?token=… (revoke-tokens.html) revokes a refresh token.
 */

const tokenError = (error: string): Reply => ({ status: 200, body: { error } });

function authorize(req: SandboxRequest, ctx: ZohoContext): Reply {
  const q = req.query;
  const app = ctx.oauth.apps.get(q.get('client_id') ?? '');
  if (!app) return oauthErrorPage(400, 'Invalid Client', 'The client_id is not registered.');
  const redirectUri = q.get('redirect_uri') ?? '';
  if (redirectUri !== app.redirectUri) return oauthErrorPage(400, 'Invalid Redirect Uri', 'Redirect URI passed does not match with the one configured.');
  const state = q.get('state') ?? undefined;
  if (q.get('response_type') !== 'code') return redirectWith(redirectUri, { error: 'unsupported_response_type', state });
  const scopes = (q.get('scope') ?? '').split(/[,\s]+/).filter(Boolean);
  if (scopes.length === 0) return redirectWith(redirectUri, { error: 'invalid_scope', state });
  if (ctx.settings.consent === 'deny') return redirectWith(redirectUri, { error: 'access_denied', state });
  const challenge = q.get('code_challenge') ?? undefined;
  const code = ctx.oauth.codes.issue({ clientId: app.clientId, redirectUri, scopes, codeChallenge: challenge, expiresAt: ctx.now() + CODE_TTL_MS, offline: q.get('access_type') === 'offline' });
  return redirectWith(redirectUri, { code, state, location: 'us', 'accounts-server': ctx.baseUrl() });
}

function issue(ctx: ZohoContext, app: OAuthApp, scopes: string[], refreshToken: string | undefined, grantRefresh: string): Reply {
  const accessToken = randomToken('1000.');
  ctx.tokens.register({ token: accessToken, scopes, expiresAt: ctx.now() + app.accessTokenTtlMs }, grantRefresh);
  return {
    status: 200,
    body: {
      access_token: accessToken, ...(refreshToken ? { refresh_token: refreshToken } : {}), scope: scopes.join(' '),
      api_domain: ctx.baseUrl(), token_type: 'Bearer', expires_in: Math.floor(app.accessTokenTtlMs / 1000),
    },
  };
}

function token(req: SandboxRequest, ctx: ZohoContext): Reply {
  // Zoho reads the parameters from the query or a form body
  const form = new URLSearchParams(req.rawBody);
  for (const [k, v] of req.query) if (!form.has(k)) form.set(k, v);
  const app = ctx.oauth.apps.get(form.get('client_id') ?? '');
  if (!app || form.get('client_secret') !== app.clientSecret) return tokenError('invalid_client');
  const grant = form.get('grant_type');
  if (grant === 'authorization_code') {
    const redeemed = redeemCode(ctx.oauth.codes, form, app.clientId, ctx.now());
    if ('problem' in redeemed) return tokenError(redeemed.problem === 'redirect-uri-mismatch' ? 'invalid_redirect_uri' : 'invalid_code');
    const refresh = randomToken('1000.');
    ctx.oauth.refreshTokens.set(refresh, { clientId: app.clientId, scopes: redeemed.code.scopes });
    return issue(ctx, app, redeemed.code.scopes, redeemed.code.offline ? refresh : undefined, refresh);
  }
  if (grant === 'refresh_token') {
    const refresh = form.get('refresh_token') ?? '';
    const known = ctx.oauth.refreshTokens.get(refresh);
    if (!known || known.clientId !== app.clientId) return tokenError('invalid_code');
    // Zoho keeps the refresh token: a refresh answers without a new one
    return issue(ctx, app, known.scopes, undefined, refresh);
  }
  return tokenError('unsupported_grant_type');
}

function revoke(req: SandboxRequest, ctx: ZohoContext): Reply {
  const form = new URLSearchParams(req.rawBody);
  const refresh = req.query.get('token') ?? form.get('token') ?? '';
  ctx.oauth.refreshTokens.delete(refresh);
  ctx.tokens.revokeMintedBy(refresh);
  return { status: 200, body: { status: 'success' } };
}

export function addOAuthRoutes(api: Router<ZohoRoute>): void {
  api.add('GET', '/oauth/v2/auth', { handler: authorize, credits: 0 });
  api.add('POST', '/oauth/v2/token', { handler: token, credits: 0 });
  api.add('POST', '/oauth/v2/token/revoke', { handler: revoke, credits: 0 });
}
