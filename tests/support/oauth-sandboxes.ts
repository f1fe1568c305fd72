import { afterEach } from 'vitest';
import { companyScopes, contactScopes, startHubSpotSandbox, type HubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../main/sandbox/salesforce/index';
import { manualClock, type ManualClock } from '../../main/sandbox/shared/clock';
import type { ConsentDecision } from '../../main/sandbox/shared/consent';

/**
 * The HubSpot and Salesforce sandboxes as the authorization servers of Ferry's
 * OAuth tests, on a clock the test moves. HubSpot's app is confidential (client
 * secret, 30-minute tokens with `expires_in`, no rotation); Salesforce's is a
 * public client (PKCE, no secret, "Require secret for Refresh Token Flow"
 * unticked) in an org that rotates refresh tokens, whose 2-hour session timeout
 * the token answer never states.
 */
export type OAuthKind = 'hubspot' | 'salesforce';

export const HUBSPOT_APP = { clientId: 'hs-app', clientSecret: 'hs-secret-123' } as const;
export const SALESFORCE_APP = { clientId: 'sf-app' } as const;
export const HUBSPOT_TOKEN_TTL_MS = 30 * 60_000;
export const SALESFORCE_SESSION_MS = 2 * 60 * 60_000;

interface Common {
  url: string;
  clock: ManualClock;
  clientId: string;
  clientSecret: string | undefined;
  /** (Re-)registers Ferry's app with exactly this redirect URI, as an admin does in the app settings. */
  registerRedirectUri(uri: string): void;
  setConsent(decision: ConsentDecision): void;
  /** Requests the token endpoint has received (code exchanges and refreshes). */
  tokenCalls(): number;
  /** Revocation requests answered so far. */
  revokeCalls(): number;
  /** The status of an API call that needs a session: 200, or 401 for an expired or revoked token. */
  apiStatus(accessToken: string): Promise<number>;
  /** The token endpoint takes a minute to answer its next request (clients time out first). */
  stallTokenEndpoint(): void;
  close(): Promise<void>;
}

export type OAuthSandbox = Common & ({ kind: 'hubspot'; sandbox: HubSpotSandbox } | { kind: 'salesforce'; sandbox: SalesforceSandbox });

const open: OAuthSandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

const STALL = { kind: 'latency', ms: 60_000 } as const;

async function status(url: string, accessToken: string): Promise<number> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${accessToken}` } });
  await response.arrayBuffer();
  return response.status;
}

function routeCount(byRoute: Record<string, number>, route: string): number {
  return byRoute[route] ?? 0;
}

async function hubspot(clock: ManualClock): Promise<OAuthSandbox> {
  const sandbox = await startHubSpotSandbox({ clock: clock.now });
  const calls = (route: string) => routeCount(sandbox.admin.requests().byRoute, route);
  return {
    kind: 'hubspot', sandbox, url: sandbox.url, clock, ...HUBSPOT_APP,
    registerRedirectUri: (uri) => sandbox.admin.registerOAuthApp({ ...HUBSPOT_APP, redirectUri: uri, scopes: ['oauth', ...contactScopes], optionalScopes: companyScopes, accessTokenTtlMs: HUBSPOT_TOKEN_TTL_MS }),
    setConsent: (decision) => sandbox.admin.setConsent(decision),
    tokenCalls: () => calls('POST /oauth/v1/token'),
    revokeCalls: () => calls('DELETE /oauth/v1/refresh-tokens/:token'),
    apiStatus: (token) => status(`${sandbox.url}/account-info/v3/details`, token),
    stallTokenEndpoint: () => sandbox.admin.injectFault({ ...STALL, pathPrefix: '/oauth/v1/token' }),
    close: () => sandbox.close(),
  };
}

async function salesforce(clock: ManualClock): Promise<OAuthSandbox> {
  const sandbox = await startSalesforceSandbox({ clock: clock.now, rotateRefreshTokens: true });
  const calls = (route: string) => routeCount(sandbox.admin.requests().byRoute, route);
  return {
    kind: 'salesforce', sandbox, url: sandbox.url, clock, ...SALESFORCE_APP, clientSecret: undefined,
    registerRedirectUri: (uri) => sandbox.admin.registerConnectedApp({ ...SALESFORCE_APP, redirectUri: uri, requireSecretForRefresh: false, accessTokenTtlMs: SALESFORCE_SESSION_MS }),
    setConsent: (decision) => sandbox.admin.setConsent(decision),
    tokenCalls: () => calls('POST /services/oauth2/token'),
    revokeCalls: () => calls('POST /services/oauth2/revoke'),
    apiStatus: (token) => status(`${sandbox.url}/services/data/v62.0/limits`, token),
    stallTokenEndpoint: () => sandbox.admin.injectFault({ ...STALL, pathPrefix: '/services/oauth2/token' }),
    close: () => sandbox.close(),
  };
}

/** Starts the sandbox of `kind`, closed after the test; register the redirect URI before signing in. */
export async function startOAuthSandbox(kind: OAuthKind): Promise<OAuthSandbox> {
  const clock = manualClock(1_700_000_000_000);
  const started = kind === 'hubspot' ? await hubspot(clock) : await salesforce(clock);
  open.push(started);
  return started;
}

/** One request Ferry sent, as the wire carried it. */
export interface SentRequest {
  url: string;
  method: string;
  contentType: string | null;
  /** the form fields of an x-www-form-urlencoded body; {} otherwise */
  form: Record<string, string>;
}

/** A fetch for Ferry's `http.fetch` option that records each request, then sends it. */
export function recordingFetch(): { fetch: typeof fetch; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  const recording: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    const body = init?.body;
    const form = body instanceof URLSearchParams ? Object.fromEntries(body) : typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : {};
    const url = input instanceof Request ? input.url : String(input);
    sent.push({ url, method: init?.method ?? 'GET', contentType: headers.get('content-type'), form });
    return fetch(input, init);
  };
  return { fetch: recording, sent };
}
