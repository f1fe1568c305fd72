import { destination, oauthDestinations, type DestinationId, type OAuthDescriptor } from '../../destinations/index';
import { checkEndpoint } from '../policy/endpoint-policy';
import { OAuthError } from './errors';

/**
 * OAuth providers: each destination's `oauth` section (destinations/<id>.ts),
 * validated with its descriptor when it loads. Code branches on these fields,
 * never on a provider's name.
 *
 * Endpoints are paths on one of two bases: `auth` (where the user's browser goes)
 * and `api` (token and revoke calls). Both are overridable per installation: a
 * Salesforce sandbox org (test.salesforce.com or a My Domain), or Ferry's local
 * sandbox CRMs on loopback.
 */
export type OAuthProvider = OAuthDescriptor & { id: DestinationId; displayName: string };
/** A destination that may sign in through the browser. */
export type OAuthProviderId = DestinationId;

export const PROVIDERS: Readonly<Partial<Record<OAuthProviderId, OAuthProvider>>> = Object.fromEntries(
  oauthDestinations().map((d) => [d.id, { ...d.oauth!, id: d.id as DestinationId, displayName: d.name }]),
);

export function isOAuthProviderId(value: string): value is OAuthProviderId {
  return Object.hasOwn(PROVIDERS, value);
}

/** The provider of a destination that signs in through the browser. */
export function oauthProvider(id: OAuthProviderId): OAuthProvider {
  const provider = PROVIDERS[id];
  if (!provider) throw new OAuthError('configuration', `${destination(id).name} does not sign in through the browser; connect it with its token or address instead.`);
  return provider;
}

/** Absolute endpoint URLs for one installation. */
export interface OAuthEndpoints {
  /** where the browser signs in, before the provider's path */
  authBaseUrl: string;
  /** the directory the paths name (Microsoft's `{tenant}`), when the provider has one */
  tenant?: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** the account look-up after the code is redeemed (Mailchimp's metadata), when the provider has one */
  lookupUrl?: string;
  /** null when the provider offers no revocation. */
  revokeUrl: (refreshToken: string) => { url: string; method: 'DELETE' | 'POST'; body?: URLSearchParams } | null;
}

export interface BaseOverrides {
  /** Where the browser goes (HubSpot app.hubspot.com; Salesforce login/test/My Domain). */
  authBaseUrl?: string;
  /** Where token and revoke calls go. */
  apiBaseUrl?: string;
  /** The directory the app is registered in (Microsoft: a tenant id or domain); the provider's default otherwise. */
  tenant?: string;
}

/** A tenant is one path segment: a GUID, a domain, or `organizations` / `common`. */
const TENANT = /^[A-Za-z0-9][A-Za-z0-9.-]{0,254}$/;

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
  const tenant = provider.tenant ? (overrides.tenant ?? provider.tenant.default) : undefined;
  if (tenant !== undefined && !TENANT.test(tenant)) {
    throw new OAuthError('configuration', `The ${provider.displayName} tenant must be your directory's ID or domain (like contoso.onmicrosoft.com) or "organizations"; "${tenant.slice(0, 80)}" is neither.`);
  }
  const path = (template: string): string => (tenant === undefined ? template : template.replaceAll('{tenant}', tenant));
  const revoke = provider.revoke;
  return {
    authBaseUrl: authBase,
    ...(tenant !== undefined ? { tenant } : {}),
    authorizeUrl: join(authBase, path(provider.authorizePath)),
    tokenUrl: join(apiBase, path(provider.tokenPath)),
    ...(provider.accountLookup ? { lookupUrl: join(apiBase, provider.accountLookup.path) } : {}),
    revokeUrl: (refreshToken) => {
      if (revoke.style === 'none') return null;
      if (revoke.style === 'delete-path') {
        return { url: join(apiBase, revoke.path.replace('{token}', encodeURIComponent(refreshToken))), method: 'DELETE' };
      }
      return { url: join(apiBase, revoke.path), method: 'POST', body: new URLSearchParams({ token: refreshToken }) };
    },
  };
}

/**
 * The client with its token and revoke calls sent to `apiBase` (the server a
 * callback named, Zoho's accounts-server), after the endpoint policy allowed it;
 * the authorize page stays where it was.
 */
export function withTokenServer<C extends { provider: OAuthProvider; endpoints: OAuthEndpoints }>(client: C, apiBase: string): C {
  const problem = oauthBaseProblem(client.provider, apiBase, 'token');
  if (problem) throw new OAuthError('provider', `${problem} Ferry did not finish this sign-in.`);
  const { authBaseUrl, tenant } = client.endpoints;
  return { ...client, endpoints: resolveEndpoints(client.provider, { authBaseUrl, apiBaseUrl: apiBase, ...(tenant !== undefined ? { tenant } : {}) }) };
}
