import { z } from 'zod';
import { checkEndpoint } from '../secrets/endpoint-policy';
import { OAuthError } from './errors';

/**
 * OAuth providers as data (STYLE.md, "Providers are data"): endpoints, scopes and
 * revocation style, declared once and validated when this module loads. Code
 * branches on these fields, never on a provider's name.
 *
 * Endpoints are paths on one of two bases: `auth` (where the user's browser goes)
 * and `api` (token and revoke calls). Both are overridable per installation: a
 * Salesforce sandbox org (test.salesforce.com or a My Domain), or Ferry's local
 * sandbox CRMs on loopback.
 */
const providerSchema = z
  .object({
    id: z.enum(['hubspot', 'salesforce']),
    displayName: z.string().min(1),
    bases: z.object({ auth: z.string().url(), api: z.string().url() }).strict(),
    authorizePath: z.string().startsWith('/'),
    tokenPath: z.string().startsWith('/'),
    /** How a refresh token is revoked; `none` when the CRM offers no revocation. */
    revoke: z.discriminatedUnion('style', [
      /** DELETE {api}{path with {token}} — HubSpot. */
      z.object({ style: z.literal('delete-path'), path: z.string().includes('{token}') }).strict(),
      /** POST {api}{path} with form `token=` — RFC 7009, Salesforce. */
      z.object({ style: z.literal('form-post'), path: z.string().startsWith('/') }).strict(),
      z.object({ style: z.literal('none') }).strict(),
    ]),
    defaultScopes: z.array(z.string().min(1)).min(1),
    /** Whether the token endpoint needs a client secret (HubSpot apps are confidential). */
    requiresClientSecret: z.boolean(),
    /** Extra authorize parameters (Salesforce: prompt so a rep can pick the org). */
    extraAuthorizeParams: z.record(z.string(), z.string()),
    /** Whether a refresh may return a new refresh token that replaces the old one. */
    mayRotateRefreshToken: z.boolean(),
    /**
     * The host of the loopback redirect URI (`http://<host>:<port>/oauth/callback`).
     * `localhost` makes Ferry listen on both 127.0.0.1 and ::1, since a browser may
     * resolve the name to either.
     */
    redirectHost: z.enum(['localhost', '127.0.0.1']),
    /**
     * What to tell the user when a refresh is refused with `invalid_client` although
     * sign-in worked: the app setting that blocks a public client's refresh.
     */
    refreshClientRejectedHint: z.string().min(1).optional(),
  })
  .strict();

export type OAuthProvider = z.infer<typeof providerSchema>;
export type OAuthProviderId = OAuthProvider['id'];

export const PROVIDERS: Readonly<Record<OAuthProviderId, OAuthProvider>> = {
  hubspot: providerSchema.parse({
    id: 'hubspot',
    displayName: 'HubSpot',
    bases: { auth: 'https://app.hubspot.com', api: 'https://api.hubapi.com' },
    authorizePath: '/oauth/authorize',
    tokenPath: '/oauth/v1/token',
    revoke: { style: 'delete-path', path: '/oauth/v1/refresh-tokens/{token}' },
    // schemas: Ferry creates its own contact properties (ferry_id and friends) on connect
    defaultScopes: ['oauth', 'crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.schemas.contacts.read', 'crm.schemas.contacts.write'],
    requiresClientSecret: true,
    extraAuthorizeParams: {},
    mayRotateRefreshToken: false,
    // HubSpot accepts a plain-http redirect URI only when the host is `localhost`
    // (developers.hubspot.com/changelog/2018-03-05-oauth2-redirect-uri-served-over-http-localhost);
    // http://127.0.0.1:… is refused in the app settings and at /oauth/authorize.
    redirectHost: 'localhost',
  }),
  salesforce: providerSchema.parse({
    id: 'salesforce',
    displayName: 'Salesforce',
    bases: { auth: 'https://login.salesforce.com', api: 'https://login.salesforce.com' },
    authorizePath: '/services/oauth2/authorize',
    tokenPath: '/services/oauth2/token',
    revoke: { style: 'form-post', path: '/services/oauth2/revoke' },
    defaultScopes: ['api', 'refresh_token', 'offline_access'],
    requiresClientSecret: false,
    extraAuthorizeParams: { prompt: 'login consent' },
    mayRotateRefreshToken: true,
    redirectHost: '127.0.0.1',
    // External Client Apps tick "Require secret for Refresh Token Flow" by default
    // (help.salesforce.com, External Client App security settings); Ferry sends no
    // secret, so every refresh fails at the first session timeout until it is unticked.
    refreshClientRejectedHint: 'Salesforce refused to renew Ferry\'s sign-in because the External Client App requires a secret for the refresh token flow. In Salesforce Setup → External Client App Manager → your Ferry app → Policies/OAuth settings, untick "Require secret for Refresh Token Flow", then reconnect Salesforce.',
  }),
};

export function isOAuthProviderId(value: string): value is OAuthProviderId {
  return Object.hasOwn(PROVIDERS, value);
}

/** Absolute endpoint URLs for one installation. */
export interface OAuthEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
  /** null when the provider offers no revocation. */
  revokeUrl: (refreshToken: string) => { url: string; method: 'DELETE' | 'POST'; body?: URLSearchParams } | null;
}

export interface BaseOverrides {
  /** Where the browser goes (HubSpot app.hubspot.com; Salesforce login/test/My Domain). */
  authBaseUrl?: string;
  /** Where token and revoke calls go. */
  apiBaseUrl?: string;
}

function join(base: string, pathname: string): string {
  return `${base.replace(/\/+$/, '')}${pathname}`;
}

/**
 * Why an OAuth base address is refused, or null. The one endpoint policy
 * (main/secrets/endpoint-policy.ts): https, the provider's own hosts, or
 * loopback (Ferry's sandbox CRMs). The authorize page goes to the browser and
 * the token endpoint receives the code, the verifier, refresh tokens and
 * HubSpot's client secret, so neither may be `javascript:`, `file:`, `smb:`,
 * plain http to another machine, or someone else's host.
 */
export function oauthBaseProblem(provider: Pick<OAuthProvider, 'id' | 'displayName'>, url: string, which: 'sign-in' | 'token'): string | null {
  const check = checkEndpoint(url, { what: `${provider.displayName} ${which} address`, vendor: provider.id });
  return check.ok ? null : check.reason;
}

export function resolveEndpoints(provider: OAuthProvider, overrides: BaseOverrides = {}): OAuthEndpoints {
  const authBase = overrides.authBaseUrl ?? provider.bases.auth;
  // A Salesforce org uses one host for both; follow an auth override unless told otherwise.
  const apiBase = overrides.apiBaseUrl ?? (provider.bases.auth === provider.bases.api ? authBase : provider.bases.api);
  const problem = oauthBaseProblem(provider, authBase, 'sign-in') ?? oauthBaseProblem(provider, apiBase, 'token');
  if (problem) throw new OAuthError('configuration', problem);
  const revoke = provider.revoke;
  return {
    authorizeUrl: join(authBase, provider.authorizePath),
    tokenUrl: join(apiBase, provider.tokenPath),
    revokeUrl: (refreshToken) => {
      if (revoke.style === 'none') return null;
      if (revoke.style === 'delete-path') {
        return { url: join(apiBase, revoke.path.replace('{token}', encodeURIComponent(refreshToken))), method: 'DELETE' };
      }
      return { url: join(apiBase, revoke.path), method: 'POST', body: new URLSearchParams({ token: refreshToken }) };
    },
  };
}
