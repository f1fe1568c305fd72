import { authenticationFailure, invalidToken, scopeMismatch } from './wire';

export interface TokenSpec {
  token: string;
  /** default: every scope (ZohoCRM.modules.ALL, ZohoCRM.settings.ALL, ZohoCRM.org.ALL) */
  scopes?: string[];
  /** epoch ms; absent = never expires (a test's typed token) */
  expiresAt?: number;
}

export interface TokenRecord {
  token: string;
  scopes: Set<string>;
  expiresAt: number | undefined;
  /** the refresh token that minted it (revoking that revokes this) */
  refreshToken?: string;
}

export const ALL_SCOPES = ['ZohoCRM.modules.ALL', 'ZohoCRM.settings.ALL', 'ZohoCRM.org.ALL', 'ZohoCRM.coql.READ'];

/**
 * Whether `granted` covers `needed` (e.g. ZohoCRM.modules.contacts.WRITE): the
 * scope itself, its `.ALL` operation, its module's `ZohoCRM.modules.ALL`, or the
 * group's `.ALL` ("Scopes", zoho.com/crm/developer/docs/api/v8/scopes.html:
 * service.scope_name.operation_type, ALL covering every operation).
 */
export function covers(granted: Set<string>, needed: string): boolean {
  const lower = new Set([...granted].map((s) => s.toLowerCase()));
  const parts = needed.toLowerCase().split('.');
  for (let i = parts.length; i >= 2; i--) {
    const prefix = parts.slice(0, i - 1).join('.');
    if (lower.has(`${prefix}.all`) || lower.has(parts.slice(0, i).join('.'))) return true;
  }
  return false;
}

/** Access tokens the sandbox accepts: registered ones and those its OAuth endpoints issued. */
export class TokenRegistry {
  private readonly tokens = new Map<string, TokenRecord>();

  register(spec: TokenSpec, refreshToken?: string): TokenRecord {
    const record: TokenRecord = { token: spec.token, scopes: new Set(spec.scopes ?? ALL_SCOPES), expiresAt: spec.expiresAt, ...(refreshToken ? { refreshToken } : {}) };
    this.tokens.set(spec.token, record);
    return record;
  }

  expire(token: string, now: number): boolean {
    const record = this.tokens.get(token);
    if (!record) return false;
    record.expiresAt = Math.min(record.expiresAt ?? now, now);
    return true;
  }

  /** Every access token answers INVALID_TOKEN from now on (their hour is up early); refresh tokens stay good. */
  expireAll(now: number): void {
    for (const record of this.tokens.values()) record.expiresAt = Math.min(record.expiresAt ?? now, now);
  }

  revokeMintedBy(refreshToken: string): void {
    for (const [token, record] of this.tokens) if (record.refreshToken === refreshToken) this.tokens.delete(token);
  }

  reset(): void {
    this.tokens.clear();
  }

  /**
   * The token of an `Authorization: Zoho-oauthtoken …` header (the scheme every
   * Zoho CRM API page shows), or Zoho's 401: AUTHENTICATION_FAILURE without one,
   * INVALID_TOKEN for an unknown or expired token (access tokens last one hour).
   */
  authenticate(header: string | undefined, now: number): TokenRecord {
    const match = header === undefined ? null : /^Zoho-oauthtoken\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) throw authenticationFailure();
    const record = this.tokens.get(match[1]);
    if (!record || (record.expiresAt !== undefined && now >= record.expiresAt)) throw invalidToken();
    return record;
  }

  /** 401 OAUTH_SCOPE_MISMATCH unless the token covers one of `anyOf`. */
  authorize(record: TokenRecord, anyOf: string[]): void {
    if (!anyOf.some((s) => covers(record.scopes, s))) throw scopeMismatch();
  }
}
