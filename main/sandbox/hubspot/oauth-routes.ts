import { redeemCode, type CodeProblem } from '../shared/authorization-codes';
import type { Reply, SandboxRequest } from '../shared/http';
import { correlationId, randomToken } from '../shared/ids';
import { oauthErrorPage, redirectWith } from '../shared/oauth-replies';
import type { Router } from '../shared/router';
import type { HubSpotContext, HubSpotRoute } from './context';
import type { OAuthApp } from './oauth-state';
import { codeTtlMs, redirectUriProblem } from './oauth-state';

/**
 * HubSpot's OAuth endpoints, small but real: the authorize page answers for the
 * user as the admin set (approve by default, shared/consent.ts) after the checks
 * HubSpot makes, the token endpoint verifies client, redirect URI and PKCE (S256),
 * and access tokens expire.
 */

function authorize(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const q = req.query;
  const clientId = q.get('client_id') ?? '';
  const app = ctx.oauth.apps.get(clientId);
  // Without a known client and its exact redirect URI there is nowhere safe to send the user.
  if (!app) return oauthErrorPage(400, 'Authorization failed', `Unknown client_id "${clientId}".`);
  const redirectUri = q.get('redirect_uri') ?? '';
  // HubSpot checks the scheme before the match: http is only for localhost (see redirectUriProblem)
  const problem = redirectUriProblem(redirectUri);
  if (problem) return oauthErrorPage(400, 'Authorization failed', problem);
  if (redirectUri !== app.redirectUri) return oauthErrorPage(400, 'Authorization failed', `redirect_uri "${redirectUri}" does not match the app's redirect URL exactly.`);
  const state = q.get('state') ?? undefined;
  const fail = (error: string, description?: string): Reply => redirectWith(redirectUri, { error, error_description: description, state });

  // Scope rules of HubSpot's advanced scope settings ("Advanced auth and scope settings for public
  // apps", community.hubspot.com/t5/Developer-Announcements/Advanced-auth-and-scope-settings-for-public-apps/m-p/961930):
  // a required scope goes in `scope`, an optional one only in `optional_scope`; a scope the app's
  // settings do not list that way is a mismatch that blocks the install; an optional scope the
  // account or user cannot grant is left out of the tokens, and the install goes on.
  const list = (name: string): string[] => (q.get(name) ?? '').split(/[\s+]+/).filter((s) => s.length > 0);
  const required = list('scope');
  const optional = list('optional_scope');
  if (required.length === 0) return fail('invalid_scope', 'No scope was requested');
  const notAllowed = [...required.filter((s) => !app.scopes.has(s)), ...optional.filter((s) => !app.optionalScopes.has(s))];
  if (notAllowed.length > 0) return fail('invalid_scope', `The install URL's scopes do not match the app's scope settings: ${notAllowed.join(' ')}`);
  // a required scope the account cannot grant ends the install (unverified wording; HubSpot shows an error page)
  const missing = required.filter((s) => ctx.oauth.ungrantable.has(s) && s !== 'oauth');
  if (missing.length > 0) return oauthErrorPage(403, 'Authorization failed', `This account cannot grant the scopes the app requires: ${missing.join(' ')}`);
  const granted = [...required, ...optional.filter((s) => !ctx.oauth.ungrantable.has(s))];

  const challenge = q.get('code_challenge') ?? undefined;
  const method = q.get('code_challenge_method') ?? undefined;
  if (challenge !== undefined && method !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256');
  if (challenge === undefined && app.clientSecret === undefined) return fail('invalid_request', 'A public client must send a PKCE code_challenge');
  // The user declines on the install page. HubSpot's OAuth guides
  // (developers.hubspot.com/docs/apps/legacy-apps/authentication/working-with-oauth) show only the
  // approved redirect; a declined one is played as RFC 6749 §4.1.2.1 prescribes: access_denied and
  // the state, no code, and no error_description, since HubSpot documents none.
  if (ctx.settings.consent === 'deny') return fail('access_denied');

  const code = ctx.oauth.codes.issue({ clientId, redirectUri, scopes: granted, codeChallenge: challenge, expiresAt: ctx.now() + codeTtlMs });
  return redirectWith(redirectUri, { code, state });
}

function tokenError(status: string, error: string, message: string): Reply {
  return { status: 400, body: { status, message, correlationId: correlationId(), error, error_description: message } };
}

const codeErrors: Record<CodeProblem, () => Reply> = {
  'invalid-code': () => tokenError('BAD_AUTH_CODE', 'invalid_grant', 'missing or unknown auth code'),
  'redirect-uri-mismatch': () => tokenError('BAD_REDIRECT_URI', 'invalid_grant', 'redirect_uri does not match the one used to authorize'),
  'invalid-verifier': () => tokenError('BAD_AUTH_CODE', 'invalid_grant', 'code_verifier does not match the code_challenge'),
};

function checkClient(app: OAuthApp | undefined, form: URLSearchParams): Reply | undefined {
  if (!app) return tokenError('BAD_CLIENT_ID', 'invalid_client', 'missing or unknown client id');
  if (app.clientSecret !== undefined && form.get('client_secret') !== app.clientSecret) {
    return tokenError('BAD_CLIENT_SECRET', 'invalid_client', 'missing or invalid client secret');
  }
  return undefined;
}

function issueTokens(ctx: HubSpotContext, app: OAuthApp, scopes: string[], refreshToken: string): Reply {
  const accessToken = randomToken('sandbox-oauth-');
  ctx.tokens.register({ token: accessToken, scopes, expiresAt: ctx.now() + app.accessTokenTtlMs }, 'oauth', { refreshToken, clientId: app.clientId });
  return {
    status: 200,
    body: { token_type: 'bearer', refresh_token: refreshToken, access_token: accessToken, expires_in: Math.floor(app.accessTokenTtlMs / 1000) },
  };
}

function token(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const form = new URLSearchParams(req.rawBody);
  const grantType = form.get('grant_type');
  const app = ctx.oauth.apps.get(form.get('client_id') ?? '');
  const clientProblem = checkClient(app, form);
  if (clientProblem || !app) return clientProblem ?? tokenError('BAD_CLIENT_ID', 'invalid_client', 'missing or unknown client id');

  if (grantType === 'authorization_code') {
    const redeemed = redeemCode(ctx.oauth.codes, form, app.clientId, ctx.now());
    if ('problem' in redeemed) return codeErrors[redeemed.problem]();
    const { code } = redeemed;
    return issueTokens(ctx, app, code.scopes, ctx.oauth.issueRefreshToken(app.clientId, code.scopes));
  }
  if (grantType === 'refresh_token') {
    const refreshToken = form.get('refresh_token') ?? '';
    const grant = ctx.oauth.refreshGrant(refreshToken);
    if (!grant || grant.clientId !== app.clientId) return tokenError('BAD_REFRESH_TOKEN', 'invalid_grant', 'missing or invalid refresh token');
    // HubSpot does not rotate refresh tokens: the same one comes back.
    return issueTokens(ctx, app, grant.scopes, refreshToken);
  }
  return tokenError('BAD_GRANT_TYPE', 'unsupported_grant_type', `unsupported grant_type ${grantType ?? '(none)'}`);
}

/** Revoking a refresh token also ends the access tokens minted from it, so revocation shows at once. */
function revokeRefreshToken(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const refreshToken = req.params.token ?? '';
  if (!ctx.oauth.revokeRefreshToken(refreshToken)) {
    return { status: 404, body: { status: 'error', message: 'refresh token not found', correlationId: correlationId(), category: 'OBJECT_NOT_FOUND' } };
  }
  ctx.tokens.revokeMintedBy(refreshToken);
  return { status: 204 };
}

function accessTokenInfo(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const record = ctx.tokens.get(req.params.token ?? '');
  const now = ctx.now();
  if (!record || (record.expiresAt !== undefined && now >= record.expiresAt)) {
    return { status: 404, body: { status: 'error', message: 'access token not found or expired', correlationId: correlationId(), category: 'OBJECT_NOT_FOUND' } };
  }
  return {
    status: 200,
    body: {
      token: record.token, user: 'sandbox@ferry.local', hub_domain: 'ferry-sandbox.hubspot.com', scopes: [...record.scopes],
      hub_id: ctx.store.portalId, app_id: 1, user_id: 1, token_type: 'access',
      ...(record.expiresAt === undefined ? {} : { expires_in: Math.floor((record.expiresAt - now) / 1000) }),
    },
  };
}

function refreshTokenInfo(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const grant = ctx.oauth.refreshGrant(req.params.token ?? '');
  if (!grant) return { status: 404, body: { status: 'error', message: 'refresh token not found', correlationId: correlationId(), category: 'OBJECT_NOT_FOUND' } };
  return {
    status: 200,
    body: { token: grant.refreshToken, user: 'sandbox@ferry.local', hub_domain: 'ferry-sandbox.hubspot.com', scopes: grant.scopes, hub_id: ctx.store.portalId, client_id: grant.clientId, user_id: 1, token_type: 'refresh' },
  };
}

export function addOAuthRoutes(router: Router<HubSpotRoute>): void {
  router
    .add('GET', '/oauth/authorize', { handler: authorize, budget: 'none' })
    .add('POST', '/oauth/v1/token', { handler: token, budget: 'none' })
    .add('DELETE', '/oauth/v1/refresh-tokens/:token', { handler: revokeRefreshToken, budget: 'none' })
    .add('GET', '/oauth/v1/refresh-tokens/:token', { handler: refreshTokenInfo, budget: 'none' })
    .add('GET', '/oauth/v1/access-tokens/:token', { handler: accessTokenInfo, budget: 'none' });
}
