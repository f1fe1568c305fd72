import { AuthorizationCodes, type PendingCode } from '../shared/authorization-codes';
import { randomToken } from '../shared/ids';

export interface OAuthAppSpec {
  clientId: string;
  /** absent = a public client, which must use PKCE */
  clientSecret?: string;
  /** compared exactly, port included, as HubSpot does */
  redirectUri: string;
  /**
   * The app settings' required (and conditionally required) scopes: the only ones
   * the install URL's `scope` may carry. Defaults to every scope the sandbox knows
   * that `optionalScopes` does not list.
   */
  scopes?: string[];
  /** The app settings' optional scopes: the only ones `optional_scope` may carry. */
  optionalScopes?: string[];
  /** access-token lifetime; HubSpot's is 30 minutes */
  accessTokenTtlMs?: number;
}

export interface OAuthApp {
  clientId: string;
  clientSecret: string | undefined;
  redirectUri: string;
  scopes: Set<string>;
  optionalScopes: Set<string>;
  accessTokenTtlMs: number;
}

interface AuthorizationCode extends PendingCode {
  scopes: string[];
}

export interface RefreshGrant {
  refreshToken: string;
  clientId: string;
  scopes: string[];
}

/** How long an authorization code stays redeemable. */
export const codeTtlMs = 5 * 60_000;
const defaultAccessTokenTtlMs = 30 * 60_000;

/**
 * Registered OAuth apps, outstanding authorization codes (single use) and
 * live refresh tokens.
 */
export class OAuthState {
  readonly apps = new Map<string, OAuthApp>();
  readonly codes = new AuthorizationCodes<AuthorizationCode>('sandbox-code-');
  private readonly refreshTokens = new Map<string, RefreshGrant>();
  /**
   * Scopes the installing account or user cannot grant (a portal without the
   * companies permission, a user who is not allowed them). HubSpot leaves such a
   * scope out of the tokens when the app asked for it as optional.
   */
  readonly ungrantable = new Set<string>();

  constructor(private readonly allScopes: string[]) {}

  registerApp(spec: OAuthAppSpec): OAuthApp {
    const problem = redirectUriProblem(spec.redirectUri);
    if (problem) throw new RangeError(problem);
    const app: OAuthApp = {
      clientId: spec.clientId,
      clientSecret: spec.clientSecret,
      redirectUri: spec.redirectUri,
      scopes: new Set(spec.scopes ?? this.allScopes.filter((scope) => !spec.optionalScopes?.includes(scope))),
      optionalScopes: new Set(spec.optionalScopes ?? []),
      accessTokenTtlMs: spec.accessTokenTtlMs ?? defaultAccessTokenTtlMs,
    };
    this.apps.set(app.clientId, app);
    return app;
  }

  issueRefreshToken(clientId: string, scopes: string[]): string {
    const refreshToken = randomToken('sandbox-refresh-');
    this.refreshTokens.set(refreshToken, { refreshToken, clientId, scopes });
    return refreshToken;
  }

  refreshGrant(refreshToken: string): RefreshGrant | undefined {
    return this.refreshTokens.get(refreshToken);
  }

  revokeRefreshToken(refreshToken: string): boolean {
    return this.refreshTokens.delete(refreshToken);
  }

  reset(): void {
    this.ungrantable.clear();
    this.apps.clear();
    this.codes.clear();
    this.refreshTokens.clear();
  }
}

/**
 * Why HubSpot would refuse this redirect URL in an app's auth settings, or
 * undefined when it is acceptable. HubSpot allows plain http only when the host
 * is `localhost` ("OAuth2 redirect_uri can now be served over http if the host is
 * localhost", developers.hubspot.com/changelog/2018-03-05-oauth2-redirect-uri-served-over-http-localhost):
 * `http://127.0.0.1:…` is refused like any other http host.
 */
export function redirectUriProblem(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return `"${uri}" is not a URL.`;
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && url.hostname === 'localhost') return undefined;
  return `Redirect URLs must use https; plain http is allowed only for the host localhost, not ${url.host}.`;
}
