import { redeemCode } from '../shared/authorization-codes';
import type { Reply, SandboxRequest } from '../shared/http';
import { correlationId } from '../shared/ids';
import { oauthErrorPage, redirectWith } from '../shared/oauth-replies';
import type { Router } from '../shared/router';
import type { DynamicsContext, DynamicsRoute } from './context';
import { CODE_TTL_MS, type IdentityApp, type IdentityState } from './oauth-state';

/**
 * The Microsoft identity platform's v2.0 endpoints as Ferry uses them, beside
 * the Dataverse API on the same loopback server (the sandbox's own address is
 * both the "login.microsoftonline.com" and the organisation URL):
 * - GET /{tenant}/oauth2/v2.0/authorize, POST /{tenant}/oauth2/v2.0/token
 *   (learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow): a public
 *   client sends no secret and proves the code with PKCE (S256); the token answer
 *   has token_type, scope, expires_in, ext_expires_in, access_token and, with
 *   offline_access, refresh_token;
 * - errors as JSON `{ error, error_description: "AADSTS<n>: …", error_codes, timestamp,
 *   trace_id, correlation_id }` (the same page, "Error response"); the AADSTS numbers
 *   are those of "Microsoft Entra authentication and authorization error codes";
 * - a redirect URI that matches no registered one is an error page, never a redirect;
 *   a loopback one matches whatever its port (reply-url, "Localhost exceptions").
 * These handlers need no Dataverse token: the server serves them before its checks.
 */
export const IDENTITY_ROUTES = new WeakSet<DynamicsRoute>();

/** A Microsoft identity platform error answer. */
function aadError(status: number, error: string, code: number, description: string, now: number): Reply {
  const timestamp = new Date(now).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  const traceId = correlationId();
  const correlation = correlationId();
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlation} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlation,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a requested redirect URI is one the app registered: exactly, or a loopback one on any port. */
export function redirectMatches(registered: string, requested: string): boolean {
  if (registered === requested) return true;
  let r: URL;
  let q: URL;
  try {
    r = new URL(registered);
    q = new URL(requested);
  } catch {
    return false;
  }
  const path = (u: URL): string => (u.pathname === '/' ? '' : u.pathname);
  return r.protocol === 'http:' && q.protocol === 'http:' && LOOPBACK.has(r.hostname) && r.hostname === q.hostname && path(r) === path(q) && q.search === '';
}

/** The tenant segment is the app's own directory, or (multi-tenant apps only) organizations / common. */
function tenantProblem(app: IdentityApp, tenant: string): { code: number; text: string } | null {
  if (tenant.toLowerCase() === app.tenant.toLowerCase()) return null;
  if (tenant === 'organizations' || tenant === 'common') {
    return app.multiTenant ? null : {
      code: 50194,
      text: `Application '${app.clientId}'(Ferry) is not configured as a multi-tenant application. Usage of the /${tenant} endpoint is not supported for such applications created after '10/15/2018'. Use a tenant-specific endpoint or configure the application to be multi-tenant.`,
    };
  }
  return { code: 90002, text: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.` };
}

/** The scopes of a request split into the resource ones (`<org>/user_impersonation` or `/.default`) and the rest. */
function resourceScopes(scope: string, orgUrl: string): { resource: string[]; foreign: string | undefined; offline: boolean } {
  const scopes = scope.split(/\s+/).filter(Boolean);
  const resource: string[] = [];
  let foreign: string | undefined;
  for (const s of scopes) {
    const m = /^(https?:\/\/[^/]+)\/(user_impersonation|\.default)$/i.exec(s);
    if (!m) continue;
    if (m[1]?.toLowerCase() === orgUrl.toLowerCase()) resource.push(`${orgUrl}/${m[2] ?? ''}`);
    else foreign = m[1];
  }
  return { resource, foreign, offline: scopes.includes('offline_access') };
}

function authorize(identity: IdentityState): DynamicsRoute {
  return (req: SandboxRequest, ctx: DynamicsContext): Reply => {
    const q = req.query;
    const tenant = req.params.tenant ?? '';
    const clientId = q.get('client_id') ?? '';
    const app = identity.apps.get(clientId);
    if (!app) return oauthErrorPage(400, 'Sign in', `AADSTS700016: Application with identifier '${clientId}' was not found in the directory '${tenant}'.`);
    const wrongTenant = tenantProblem(app, tenant);
    if (wrongTenant) return oauthErrorPage(400, 'Sign in', `AADSTS${wrongTenant.code}: ${wrongTenant.text}`);
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!app.redirectUris.some((r) => redirectMatches(r, redirectUri))) {
      return oauthErrorPage(400, 'Sign in', `AADSTS50011: The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'.`);
    }
    const state = q.get('state') ?? undefined;
    const fail = (error: string, code: number, text: string): Reply => redirectWith(redirectUri, { error, error_description: `AADSTS${code}: ${text}`, state });
    if (q.get('response_type') !== 'code') return fail('unsupported_response_type', 700054, 'response_type \'code\' is required.');
    const challenge = q.get('code_challenge') ?? undefined;
    if (challenge !== undefined && q.get('code_challenge_method') !== 'S256') return fail('invalid_request', 50148, 'The code_challenge_method must be S256.');
    const scopes = resourceScopes(q.get('scope') ?? '', ctx.orgUrl());
    if (scopes.foreign !== undefined) return fail('invalid_resource', 500011, `The resource principal named ${scopes.foreign} was not found in the tenant named ${app.tenant}.`);
    if (scopes.resource.length === 0) return fail('invalid_scope', 70011, 'The provided request must include a \'scope\' input parameter naming the Dataverse environment.');
    if (identity.consent === 'deny') return fail('access_denied', 65004, 'User declined to consent to access the app.');
    const code = identity.codes.issue({
      clientId, redirectUri, codeChallenge: challenge, expiresAt: ctx.now() + CODE_TTL_MS, tenant,
      scopes: [...scopes.resource, ...(scopes.offline ? ['offline_access'] : [])],
    });
    return redirectWith(redirectUri, { code, state, session_state: correlationId() });
  };
}

function token(identity: IdentityState): DynamicsRoute {
  return (req: SandboxRequest, ctx: DynamicsContext): Reply => {
    identity.tokenCalls += 1;
    const now = ctx.now();
    const form = new URLSearchParams(req.rawBody);
    const clientId = form.get('client_id') ?? '';
    const app = identity.apps.get(clientId);
    if (!app) return aadError(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${req.params.tenant ?? ''}'.`, now);
    // a public client (the "Allow public client flows" app) must not present a secret
    if (form.has('client_secret') || form.has('client_assertion')) {
      return aadError(401, 'invalid_client', 700025, 'Client is public so neither \'client_assertion\' nor \'client_secret\' should be presented.', now);
    }
    // a Web-platform redirect makes the app confidential: without a secret the request is refused
    if (app.platform === 'web') return aadError(401, 'invalid_client', 7000218, 'The request body must contain the following parameter: \'client_assertion\' or \'client_secret\'.', now);
    const wrongTenant = tenantProblem(app, req.params.tenant ?? '');
    if (wrongTenant) return aadError(400, 'invalid_request', wrongTenant.code, wrongTenant.text, now);
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const redeemed = redeemCode(identity.codes, form, clientId, now);
      if ('problem' in redeemed) {
        if (redeemed.problem === 'invalid-verifier') return aadError(400, 'invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.', now);
        if (redeemed.problem === 'redirect-uri-mismatch') return aadError(400, 'invalid_grant', 50011, 'The redirect URI specified in the request does not match the redirect URI used to obtain the authorization code.', now);
        return aadError(400, 'invalid_grant', 70000, 'The provided value for the \'code\' parameter is not valid. The code has expired or was already redeemed.', now);
      }
      return tokenAnswer(identity, app, redeemed.code.scopes, ctx, undefined);
    }
    if (grantType === 'refresh_token') {
      const presented = form.get('refresh_token') ?? '';
      const grant = identity.refreshGrant(presented);
      if (!grant || grant.clientId !== clientId) return aadError(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid: the refresh token is not valid.', now);
      if (identity.wasRevoked(presented)) return aadError(400, 'invalid_grant', 50173, 'The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.', now);
      // "Refresh tokens replace themselves with a fresh token upon every use" (refresh-tokens): the
      // sandbox takes the strict reading and refuses the one it replaced, so a client that did not
      // keep the new one finds out here
      if (!grant.live) return aadError(400, 'invalid_grant', 70000, 'The provided value for the \'refresh_token\' parameter is not valid: it was already used.', now);
      // the refresh names the scopes again (v2-oauth2-auth-code-flow, "Refresh the access token"): a subset of the granted ones
      const asked = form.get('scope');
      if (asked !== null) {
        const wanted = resourceScopes(asked, ctx.orgUrl());
        if (wanted.foreign !== undefined || wanted.resource.some((s) => !grant.scopes.includes(s))) {
          return aadError(400, 'invalid_grant', 65001, 'The user or administrator has not consented to use the application for the requested scopes.', now);
        }
      }
      return tokenAnswer(identity, app, grant.scopes, ctx, presented);
    }
    return aadError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType ?? ''}'.`, now);
  };
}

function tokenAnswer(identity: IdentityState, app: IdentityApp, scopes: string[], ctx: DynamicsContext, replacing: string | undefined): Reply {
  const resource = scopes.filter((s) => s !== 'offline_access');
  const issued = identity.issue(app, ctx.orgUrl(), scopes, ctx.now(), replacing);
  const seconds = Math.floor(app.accessTokenTtlMs / 1000);
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      scope: resource.join(' '),
      expires_in: seconds,
      ext_expires_in: seconds,
      access_token: issued.accessToken,
      // only a sign-in that asked for offline_access gets one
      ...(scopes.includes('offline_access') ? { refresh_token: issued.refreshToken } : {}),
    },
    headers: { 'cache-control': 'no-store' },
  };
}

/** Adds the identity platform's endpoints; every tenant segment reaches them, and they check it. */
export function addIdentityRoutes(api: Router<DynamicsRoute>, identity: IdentityState): void {
  const routes: [string, string, DynamicsRoute][] = [
    ['GET', '/:tenant/oauth2/v2.0/authorize', authorize(identity)],
    ['POST', '/:tenant/oauth2/v2.0/token', token(identity)],
  ];
  for (const [method, pattern, route] of routes) {
    IDENTITY_ROUTES.add(route);
    api.add(method, pattern, route);
  }
}
