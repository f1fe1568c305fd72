import { AuthorizationCodes, type PendingCode } from '../shared/authorization-codes';
import type { ConsentDecision } from '../shared/consent';
import { randomToken } from '../shared/ids';

/**
 * What the sandbox's Microsoft identity platform knows: app registrations,
 * outstanding codes, refresh tokens and the access tokens it issued, each for
 * one resource (a Dataverse organisation URL). Shaped after
 * learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow and
 * "Refresh tokens in the Microsoft identity platform" (refresh-tokens).
 */
export interface IdentityAppSpec {
  clientId: string;
  /**
   * The directory the app is registered in (a tenant id or domain). A
   * single-tenant app answers only on that tenant's endpoints; a multi-tenant
   * one also on `organizations` and `common` (AADSTS50194 otherwise).
   */
  tenant: string;
  multiTenant?: boolean;
  /**
   * Redirect URIs of the "Mobile and desktop applications" platform, e.g.
   * http://localhost/oauth/callback; a loopback one matches whatever port a
   * request names (reply-url, "Localhost exceptions")
   */
  redirectUris: string[];
  /** access-token lifetime; Microsoft's default is between 60 and 90 minutes */
  accessTokenTtlMs?: number;
  /**
   * Where the redirect URIs were added: 'mobile-desktop' (a public client) or
   * 'web', whose token requests must carry a client secret (AADSTS7000218)
   */
  platform?: 'mobile-desktop' | 'web';
}

export type IdentityApp = Required<IdentityAppSpec>;

export interface IdentityCode extends PendingCode {
  scopes: string[];
  tenant: string;
}

interface RefreshGrant {
  clientId: string;
  /** the resource scopes granted (`<org>/user_impersonation`) */
  scopes: string[];
  /** false once revoked, or once used (it replaces itself with a fresh one) */
  live: boolean;
}

interface AccessGrant {
  /** the organisation URL the token is for (its audience) */
  resource: string;
  expiresAt: number;
  refreshToken: string;
}

export const ACCESS_TOKEN_TTL_MS = 75 * 60_000;
/** Authorization codes are short-lived, "typically about 10 minutes" (v2-oauth2-auth-code-flow). */
export const CODE_TTL_MS = 10 * 60_000;

export class IdentityState {
  readonly apps = new Map<string, IdentityApp>();
  readonly codes = new AuthorizationCodes<IdentityCode>('0.AX');
  private readonly refreshTokens = new Map<string, RefreshGrant>();
  private readonly accessTokens = new Map<string, AccessGrant>();
  /** refresh tokens revoked (not merely used up by a rotation) */
  private readonly revoked = new Set<string>();
  consent: ConsentDecision = 'approve';
  /** what the token endpoint has been asked so far (code redemptions and refreshes) */
  tokenCalls = 0;

  registerApp(spec: IdentityAppSpec): void {
    this.apps.set(spec.clientId, { multiTenant: false, accessTokenTtlMs: ACCESS_TOKEN_TTL_MS, platform: 'mobile-desktop', ...spec });
  }

  /** A new access and refresh token for `scopes` on `resource`; the refresh token it replaces (if any) stops working. */
  issue(app: IdentityApp, resource: string, scopes: string[], now: number, replacing?: string): { accessToken: string; refreshToken: string } {
    if (replacing) {
      const old = this.refreshTokens.get(replacing);
      if (old) old.live = false;
    }
    const refreshToken = randomToken('1.AX');
    this.refreshTokens.set(refreshToken, { clientId: app.clientId, scopes, live: true });
    const accessToken = randomToken('eyJ0eXAiOiJKV1Qi.');
    this.accessTokens.set(accessToken, { resource, expiresAt: now + app.accessTokenTtlMs, refreshToken });
    return { accessToken, refreshToken };
  }

  refreshGrant(token: string): RefreshGrant | undefined {
    return this.refreshTokens.get(token);
  }

  /** Whether Dataverse at `resource` accepts this access token now: issued here, for that organisation, not expired or revoked. */
  accepts(token: string, resource: string, now: number): boolean {
    const grant = this.accessTokens.get(token);
    if (!grant || grant.resource !== resource || now >= grant.expiresAt) return false;
    return this.refreshTokens.get(grant.refreshToken) !== undefined && !this.revoked.has(grant.refreshToken);
  }

  /** Every access token is refused from now on, as after its lifetime; refresh tokens stay good. */
  expireAccessTokens(now: number): void {
    for (const grant of this.accessTokens.values()) grant.expiresAt = Math.min(grant.expiresAt, now);
  }

  /** An admin revoked the user's sessions (or the user removed the app): every token stops working. */
  revokeAll(): void {
    for (const [token, grant] of this.refreshTokens) {
      grant.live = false;
      this.revoked.add(token);
    }
  }

  /** Whether a refresh token was revoked (not merely used up by a rotation). */
  wasRevoked(token: string): boolean {
    return this.revoked.has(token);
  }
}
