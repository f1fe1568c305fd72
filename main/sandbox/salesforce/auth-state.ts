import { AuthorizationCodes, type PendingCode } from '../shared/authorization-codes';
import { randomToken } from '../shared/ids';

/**
 * Who may call the sandbox: access tokens (registered, or minted by the OAuth
 * endpoints), connected apps, one-use authorization codes and refresh tokens.
 *
 * Invariant: with rotation on, each refresh token is redeemable once — the
 * refresh that uses it removes it and hands out its successor — as in an org
 * with "Refresh Token Rotation" enabled.
 */
interface AccessToken {
  token: string;
  /** epoch ms; undefined = never expires */
  expiresAt: number | undefined;
  /** the refresh token that minted it; revoking that revokes this */
  refreshToken?: string;
}

export interface ConnectedAppSpec {
  clientId: string;
  /** absent = a public client (PKCE required, no secret) */
  clientSecret?: string;
  /** compared exactly, port included */
  redirectUri: string;
  /** access-token lifetime; default 2 hours (Salesforce's default session timeout) */
  accessTokenTtlMs?: number;
  /**
   * The External Client App's "Require secret for Refresh Token Flow", on by default
   * in Salesforce (help.salesforce.com, "External Client Apps" security settings):
   * a refresh without the client secret is refused with invalid_client. A public
   * client like Ferry needs it unticked.
   */
  requireSecretForRefresh?: boolean;
}

export interface ConnectedApp extends Required<Omit<ConnectedAppSpec, 'clientSecret'>> {
  clientSecret: string | undefined;
}

interface AuthCode extends PendingCode {
  scope: string;
}

export interface RefreshGrant {
  clientId: string;
  scope: string;
}

export const CODE_TTL_MS = 15 * 60_000;
const DEFAULT_ACCESS_TTL_MS = 2 * 60 * 60_000;

export class AuthState {
  readonly apps = new Map<string, ConnectedApp>();
  private readonly tokens = new Map<string, AccessToken>();
  readonly codes = new AuthorizationCodes<AuthCode>('aPrx');
  private readonly refreshTokens = new Map<string, RefreshGrant>();

  registerToken(token: string, expiresAt?: number, refreshToken?: string): AccessToken {
    const record: AccessToken = { token, expiresAt, ...(refreshToken === undefined ? {} : { refreshToken }) };
    this.tokens.set(token, record);
    return record;
  }

  /** The live token behind `Authorization: Bearer …` (or `OAuth …`), else undefined. */
  authenticate(header: string | undefined, now: number): AccessToken | undefined {
    const match = header === undefined ? null : /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(header);
    const record = match?.[1] === undefined ? undefined : this.tokens.get(match[1]);
    if (!record || (record.expiresAt !== undefined && now >= record.expiresAt)) return undefined;
    return record;
  }

  token(token: string): AccessToken | undefined {
    return this.tokens.get(token);
  }

  expire(token: string, now: number): boolean {
    const record = this.tokens.get(token);
    if (!record) return false;
    record.expiresAt = now;
    return true;
  }

  /** Expires every access token (a "session timeout" for the whole org). */
  expireAll(now: number): void {
    for (const record of this.tokens.values()) record.expiresAt = now;
  }

  registerApp(spec: ConnectedAppSpec): ConnectedApp {
    const app: ConnectedApp = {
      clientId: spec.clientId, clientSecret: spec.clientSecret, redirectUri: spec.redirectUri,
      accessTokenTtlMs: spec.accessTokenTtlMs ?? DEFAULT_ACCESS_TTL_MS, requireSecretForRefresh: spec.requireSecretForRefresh ?? true,
    };
    this.apps.set(app.clientId, app);
    return app;
  }

  issueRefreshToken(grant: RefreshGrant): string {
    const value = randomToken('5Aep861');
    this.refreshTokens.set(value, grant);
    return value;
  }

  refreshGrant(refreshToken: string): RefreshGrant | undefined {
    return this.refreshTokens.get(refreshToken);
  }

  /** Revokes a refresh token and every access token minted from it; or one access token. */
  revoke(token: string): boolean {
    if (this.refreshTokens.delete(token)) {
      for (const [value, record] of this.tokens) if (record.refreshToken === token) this.tokens.delete(value);
      return true;
    }
    return this.tokens.delete(token);
  }

  /** Rotation: the old refresh token stops working; access tokens it minted stay valid until they expire. */
  retireRefreshToken(token: string): void {
    this.refreshTokens.delete(token);
  }

  reset(): void {
    this.tokens.clear();
    this.apps.clear();
    this.codes.clear();
    this.refreshTokens.clear();
  }
}
