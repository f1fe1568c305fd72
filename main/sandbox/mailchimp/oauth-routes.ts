import { redeemCode } from '../shared/authorization-codes';
import type { Reply, SandboxRequest } from '../shared/http';
import { randomToken } from '../shared/ids';
import { oauthErrorPage, redirectWith } from '../shared/oauth-replies';
import type { Router } from '../shared/router';
import type { MailchimpHandler } from './context';
import type { KeyRegistry } from './keys';
import { CODE_TTL_MS, type MailchimpOAuthState } from './oauth-state';

/**
 * Mailchimp's OAuth 2 server beside the Marketing API (the sandbox's address
 * stands for login.mailchimp.com too), after "Access Mailchimp user data with
 * OAuth 2" (mailchimp.com/developer/marketing/guides/access-user-data-oauth-2/):
 * - GET /oauth2/authorize: response_type=code, client_id, redirect_uri; no scopes;
 * - POST /oauth2/token: grant_type=authorization_code, client_id, client_secret,
 *   redirect_uri, code; the answer is `{ access_token, expires_in: 0, scope: null }`:
 *   the token never expires and there is no refresh token;
 * - GET /oauth2/metadata with `Authorization: OAuth <token>`: the account's `dc` and
 *   `api_endpoint` (https://<dc>.api.mailchimp.com), where its API calls go.
 * "A redirect_uri also overrides the path portion of a URL" (the same guide): a
 * request's redirect URI must have the registered origin, its path may differ. The
 * guide shows no error bodies; the sandbox answers RFC 6749 §5.2's `{ error,
 * error_description }`, and an unknown token on /metadata with 401 invalid_token.
 */
export const OAUTH_HANDLERS = new WeakSet<MailchimpHandler>();

const oauthError = (status: number, error: string, description: string): Reply => ({ status, body: { error, error_description: description } });

function sameOrigin(registered: string, requested: string): boolean {
  try {
    return new URL(registered).origin === new URL(requested).origin;
  } catch {
    return false;
  }
}

export function addOAuthRoutes(api: Router<MailchimpHandler>, oauth: MailchimpOAuthState, keys: KeyRegistry, serverUrl: () => string): void {
  const authorize: MailchimpHandler = (req: SandboxRequest, ctx) => {
    const q = req.query;
    const app = oauth.apps.get(q.get('client_id') ?? '');
    if (!app) return oauthErrorPage(400, 'Invalid client_id', 'No registered app has this client_id.');
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!sameOrigin(app.redirectUri, redirectUri)) return oauthErrorPage(400, 'Invalid redirect_uri', 'The redirect_uri does not match the one registered for the app.');
    const state = q.get('state') ?? undefined;
    if (q.get('response_type') !== 'code') return redirectWith(redirectUri, { error: 'unsupported_response_type', state });
    if (oauth.consent === 'deny') return redirectWith(redirectUri, { error: 'access_denied', state });
    // Mailchimp documents no PKCE: a code_challenge is ignored
    const code = oauth.codes.issue({ clientId: app.clientId, redirectUri, codeChallenge: undefined, expiresAt: ctx.now() + CODE_TTL_MS });
    return redirectWith(redirectUri, { code, state });
  };
  const token: MailchimpHandler = (req, ctx) => {
    const form = new URLSearchParams(req.rawBody);
    const app = oauth.apps.get(form.get('client_id') ?? '');
    if (!app || form.get('client_secret') !== app.clientSecret) return oauthError(401, 'invalid_client', 'Invalid client credentials');
    if (form.get('grant_type') !== 'authorization_code') return oauthError(400, 'unsupported_grant_type', 'Only authorization_code is supported');
    const redeemed = redeemCode(oauth.codes, form, app.clientId, ctx.now());
    if ('problem' in redeemed) return oauthError(400, 'invalid_grant', redeemed.problem === 'redirect-uri-mismatch' ? 'Invalid redirect_uri' : 'Invalid authorization code');
    const accessToken = randomToken('');
    keys.register(accessToken);
    oauth.issued.add(accessToken);
    return { status: 200, body: { access_token: accessToken, expires_in: 0, scope: null } };
  };
  const metadata: MailchimpHandler = (req) => {
    const presented = /^OAuth\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    let live = false;
    try {
      live = oauth.issued.has(presented) && keys.authenticate(`OAuth ${presented}`) === presented;
    } catch {
      live = false;
    }
    if (!live) return oauthError(401, 'invalid_token', 'Invalid token');
    return {
      status: 200,
      body: {
        dc: oauth.dc, role: 'owner', accountname: 'Ferry Sandbox', user_id: 1000001,
        login: { email: 'sandbox@ferry.invalid', avatar: null, login_id: 1000001, login_name: 'ferry', login_email: 'sandbox@ferry.invalid' },
        login_url: 'https://login.mailchimp.com', api_endpoint: oauth.apiEndpoint ?? serverUrl(),
      },
    };
  };
  for (const [method, path, handler] of [['GET', '/oauth2/authorize', authorize], ['POST', '/oauth2/token', token], ['GET', '/oauth2/metadata', metadata]] as const) {
    OAUTH_HANDLERS.add(handler);
    api.add(method, path, handler);
  }
}
