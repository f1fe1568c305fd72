import { AuthorizationCodes, type PendingCode } from '../shared/authorization-codes';

export interface OAuthAppSpec {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** access-token lifetime; Zoho's is one hour */
  accessTokenTtlMs?: number;
}

export type OAuthApp = Required<OAuthAppSpec>;

interface ZohoCode extends PendingCode {
  scopes: string[];
  offline: boolean;
}

interface RefreshGrant {
  clientId: string;
  scopes: string[];
}

/** Zoho's access tokens last one hour ("Token Validity", zoho.com/crm/developer/docs/api/v8/token-validity.html). */
export const ACCESS_TOKEN_TTL_MS = 3_600_000;
/** A grant code is valid for a few minutes (Self Client: 3–10 minutes). */
export const CODE_TTL_MS = 120_000;

export class OAuthState {
  readonly apps = new Map<string, OAuthApp>();
  readonly codes = new AuthorizationCodes<ZohoCode>('1000.');
  readonly refreshTokens = new Map<string, RefreshGrant>();

  registerApp(spec: OAuthAppSpec): void {
    this.apps.set(spec.clientId, { ...spec, accessTokenTtlMs: spec.accessTokenTtlMs ?? ACCESS_TOKEN_TTL_MS });
  }

  reset(): void {
    this.codes.clear();
    this.refreshTokens.clear();
  }
}
