import { expiredCredentials, missingCredentials, missingScopes } from './errors';

export interface TokenSpec {
  token: string;
  /** defaults to every scope the sandbox knows */
  scopes?: string[];
  /** epoch ms; absent = never expires (private-app tokens) */
  expiresAt?: number;
}

interface TokenRecord {
  token: string;
  scopes: Set<string>;
  expiresAt: number | undefined;
  kind: 'private-app' | 'oauth';
  /** for OAuth access tokens: the refresh token that minted it (revoking that revokes this) */
  refreshToken?: string;
  clientId?: string;
}

/** Access tokens the sandbox accepts: registered private-app tokens and OAuth-issued ones. */
export class TokenRegistry {
  private readonly tokens = new Map<string, TokenRecord>();

  constructor(private readonly defaultScopes: string[]) {}

  register(spec: TokenSpec, kind: TokenRecord['kind'] = 'private-app', extra: Pick<TokenRecord, 'refreshToken' | 'clientId'> = {}): TokenRecord {
    const record: TokenRecord = { token: spec.token, scopes: new Set(spec.scopes ?? this.defaultScopes), expiresAt: spec.expiresAt, kind, ...extra };
    this.tokens.set(spec.token, record);
    return record;
  }

  get(token: string): TokenRecord | undefined {
    return this.tokens.get(token);
  }

  /** Makes a token expired as of `now`; false when it is unknown. */
  expire(token: string, now: number): boolean {
    const record = this.tokens.get(token);
    if (!record) return false;
    record.expiresAt = Math.min(record.expiresAt ?? now, now);
    return true;
  }

  revoke(token: string): boolean {
    return this.tokens.delete(token);
  }

  revokeMintedBy(refreshToken: string): void {
    for (const [token, record] of this.tokens) if (record.refreshToken === refreshToken) this.tokens.delete(token);
  }

  reset(): void {
    this.tokens.clear();
  }

  /**
   * The token behind an `Authorization: Bearer …` header, or the 401 HubSpot
   * sends. A token is expired from its `expiresAt` instant on.
   */
  authenticate(header: string | undefined, now: number): TokenRecord {
    const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
    const record = match?.[1] === undefined ? undefined : this.tokens.get(match[1]);
    if (!record) throw missingCredentials();
    if (record.expiresAt !== undefined && now >= record.expiresAt) throw expiredCredentials(now - record.expiresAt);
    return record;
  }

  /** 403 MISSING_SCOPES unless the token holds at least one of `anyOf`. */
  authorize(record: TokenRecord, anyOf: string[]): void {
    if (anyOf.length > 0 && !anyOf.some((s) => record.scopes.has(s))) throw missingScopes(anyOf);
  }
}
