import { createHmac } from 'node:crypto';
import { redeemCode, type CodeProblem } from '../shared/authorization-codes';
import type { Reply, SandboxRequest } from '../shared/http';
import { randomToken } from '../shared/ids';
import { oauthErrorPage, redirectWith } from '../shared/oauth-replies';
import type { Router } from '../shared/router';
import { CODE_TTL_MS, type ConnectedApp } from './auth-state';
import type { SalesforceContext, SalesforceRoute } from './context';

/**
 * Salesforce's OAuth 2.0 web-server flow with PKCE, small but real: authorize
 * answers for the user as the admin set (approve by default, shared/consent.ts)
 * after Salesforce's checks (known client, exact redirect URI, S256 challenge
 * for public clients), the token endpoint verifies code,
 * redirect URI and verifier, refresh may rotate, and every token response
 * carries `id` and `instance_url` (jsforce's refresh needs `id`).
 */

function authorize(req: SandboxRequest, ctx: SalesforceContext): Reply {
  const q = req.query;
  const app = ctx.auth.apps.get(q.get('client_id') ?? '');
  if (!app) return oauthErrorPage(400, 'error=invalid_client_id', 'client identifier invalid');
  const redirectUri = q.get('redirect_uri') ?? '';
  if (redirectUri !== app.redirectUri) return oauthErrorPage(400, 'error=redirect_uri_mismatch', 'redirect_uri must match configuration');
  const state = q.get('state') ?? undefined;
  if (q.get('response_type') !== 'code') return redirectWith(redirectUri, { error: 'unsupported_response_type', error_description: 'response type not supported', state });
  const challenge = q.get('code_challenge') ?? undefined;
  const method = q.get('code_challenge_method') ?? 'S256';
  if (challenge !== undefined && method !== 'S256') return redirectWith(redirectUri, { error: 'invalid_request', error_description: 'code_challenge_method must be S256', state });
  if (challenge === undefined && app.clientSecret === undefined) return redirectWith(redirectUri, { error: 'invalid_request', error_description: 'missing required code challenge', state });
  // The user clicks Deny on "Allow Access?". Salesforce Help, "OAuth 2.0 Authorization Errors"
  // (help.salesforce.com, remoteaccess_oauth_flow_errors.htm): the web-server flow sends the error to
  // the callback URL. Salesforce's authorize error list pairs "access_denied" with "end-user denied
  // authorization", the pair its own Mobile SDK matches on (forcedotcom/SalesforceMobileSDK-Android,
  // OAuthWebviewHelper.onAuthFlowError); the Help page's example URL spells it "access-denied", but
  // the SDK and RFC 6749 §4.1.2.1 use the underscore, so the sandbox does too.
  if (ctx.settings.consent === 'deny') return redirectWith(redirectUri, { error: 'access_denied', error_description: 'end-user denied authorization', state });
  const code = ctx.auth.codes.issue({ clientId: app.clientId, redirectUri, codeChallenge: challenge, scope: q.get('scope') ?? 'api refresh_token', expiresAt: ctx.now() + CODE_TTL_MS });
  return redirectWith(redirectUri, { code, state });
}

function tokenError(status: number, error: string, description: string): Reply {
  return { status, body: { error, error_description: description } };
}

const codeErrors: Record<CodeProblem, () => Reply> = {
  'invalid-code': () => tokenError(400, 'invalid_grant', 'invalid authorization code'),
  'redirect-uri-mismatch': () => tokenError(400, 'redirect_uri_mismatch', 'redirect_uri must match configuration'),
  'invalid-verifier': () => tokenError(400, 'invalid_grant', 'invalid code verifier'),
};

function identityUrl(ctx: SalesforceContext): string {
  return `${ctx.baseUrl()}/id/${ctx.settings.orgId}/${ctx.settings.userId}`;
}

function issue(ctx: SalesforceContext, app: ConnectedApp, scope: string, refreshToken: string | undefined, mintedBy: string | undefined): Reply {
  const accessToken = `${ctx.settings.orgId}!${randomToken('AQ')}`;
  ctx.auth.registerToken(accessToken, ctx.now() + app.accessTokenTtlMs, mintedBy);
  const issuedAt = String(ctx.now());
  const id = identityUrl(ctx);
  const signature = createHmac('sha256', app.clientSecret ?? app.clientId).update(id + issuedAt).digest('base64');
  return {
    status: 200,
    body: {
      access_token: accessToken,
      ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
      signature, scope, instance_url: ctx.baseUrl(), id, token_type: 'Bearer', issued_at: issuedAt,
    },
  };
}

function token(req: SandboxRequest, ctx: SalesforceContext): Reply {
  const form = new URLSearchParams(req.rawBody);
  const app = ctx.auth.apps.get(form.get('client_id') ?? '');
  if (!app) return tokenError(400, 'invalid_client_id', 'client identifier invalid');
  if (app.clientSecret !== undefined && form.get('client_secret') !== app.clientSecret) return tokenError(400, 'invalid_client', 'invalid client credentials');
  const grantType = form.get('grant_type');

  if (grantType === 'authorization_code') {
    const redeemed = redeemCode(ctx.auth.codes, form, app.clientId, ctx.now());
    if ('problem' in redeemed) return codeErrors[redeemed.problem]();
    const { code } = redeemed;
    const wantsRefresh = /\b(refresh_token|offline_access)\b/.test(code.scope);
    const refreshToken = wantsRefresh ? ctx.auth.issueRefreshToken({ clientId: app.clientId, scope: code.scope }) : undefined;
    return issue(ctx, app, code.scope, refreshToken, refreshToken);
  }

  if (grantType === 'refresh_token') {
    // "Require secret for Refresh Token Flow" (on by default): no secret, no refresh
    if (app.requireSecretForRefresh && (app.clientSecret === undefined || form.get('client_secret') !== app.clientSecret)) {
      return tokenError(400, 'invalid_client', 'invalid client credentials');
    }
    const old = form.get('refresh_token') ?? '';
    const grant = ctx.auth.refreshGrant(old);
    if (!grant || grant.clientId !== app.clientId) return tokenError(400, 'invalid_grant', 'expired access/refresh token');
    if (!ctx.settings.rotateRefreshTokens) return issue(ctx, app, grant.scope, undefined, old);
    // Rotation: the old refresh token is spent; only the new one works from now on.
    ctx.auth.retireRefreshToken(old);
    const next = ctx.auth.issueRefreshToken(grant);
    return issue(ctx, app, grant.scope, next, next);
  }
  return tokenError(400, 'unsupported_grant_type', 'grant type not supported');
}

function revoke(req: SandboxRequest, ctx: SalesforceContext): Reply {
  const form = new URLSearchParams(req.rawBody);
  const value = form.get('token') ?? req.query.get('token') ?? '';
  if (!ctx.auth.revoke(value)) return tokenError(400, 'unsupported_token_type', 'this token type is not supported');
  return { status: 200 };
}

function identity(req: SandboxRequest, ctx: SalesforceContext): Reply {
  const record = ctx.auth.authenticate(req.headers.authorization, ctx.now());
  if (!record) return { status: 403, text: 'Bad_OAuth_Token', contentType: 'text/plain' };
  if (req.params.org !== ctx.settings.orgId || req.params.user !== ctx.settings.userId) return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'identity not found' }] };
  const base = ctx.baseUrl();
  return {
    status: 200,
    body: {
      id: identityUrl(ctx), asserted_user: true, user_id: ctx.settings.userId, organization_id: ctx.settings.orgId,
      username: 'rep@ferry-sandbox.example', nick_name: 'rep', display_name: 'Sandbox Rep', email: 'rep@ferry-sandbox.example',
      active: true, user_type: 'STANDARD', language: 'en_US', locale: 'en_US', utcOffset: 0,
      urls: {
        rest: `${base}/services/data/v{version}/`, sobjects: `${base}/services/data/v{version}/sobjects/`,
        query: `${base}/services/data/v{version}/query/`, profile: `${base}/${ctx.settings.userId}`,
      },
    },
  };
}

export function addOAuthRoutes(router: Router<SalesforceRoute>): void {
  router
    .add('GET', '/services/oauth2/authorize', { handler: authorize, kind: 'oauth' })
    .add('POST', '/services/oauth2/token', { handler: token, kind: 'oauth' })
    .add('POST', '/services/oauth2/revoke', { handler: revoke, kind: 'oauth' })
    .add('GET', '/id/:org/:user', { handler: identity, kind: 'oauth' });
}
