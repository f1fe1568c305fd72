import { AuthorizationCodes, type PendingCode } from '../shared/authorization-codes';
import type { ConsentDecision } from '../shared/consent';

/**
 * Pipedrive's OAuth server (oauth.pipedrive.com) as the sandbox keeps it: the
 * apps registered in Developer Hub (one callback URL each), outstanding codes
 * and refresh tokens. Access tokens live in the company's token table
 * (context.ts), marked `oauth`, with their expiry.
 */
export interface PipedriveAppSpec {
  clientId: string;
  clientSecret: string;
  /** the app's one callback URL (Developer Hub → OAuth & access scopes) */
  callbackUrl: string;
  /** the scopes chosen on the app, echoed in the token answer */
  scopes?: string[];
  /** access-token lifetime; Pipedrive's answer says 3599 seconds */
  accessTokenTtlMs?: number;
}

export type PipedriveApp = Required<PipedriveAppSpec>;

interface RefreshGrant {
  clientId: string;
  revoked: boolean;
  /** the access tokens it minted (revoking the grant revokes them) */
  accessTokens: string[];
}

export const ACCESS_TOKEN_TTL_MS = 3_599_000;
export const CODE_TTL_MS = 5 * 60_000;

export class PipedriveOAuthState {
  readonly apps = new Map<string, PipedriveApp>();
  readonly codes = new AuthorizationCodes<PendingCode>('7424242:');
  readonly grants = new Map<string, RefreshGrant>();
  consent: ConsentDecision = 'approve';
  /**
   * The company domain the token answer names (`api_domain`); the sandbox's own
   * address unless a test makes it point elsewhere
   */
  apiDomain: string | undefined;
  tokenCalls = 0;
  revokeCalls = 0;

  registerApp(spec: PipedriveAppSpec): void {
    this.apps.set(spec.clientId, { scopes: ['base', 'contacts:full'], accessTokenTtlMs: ACCESS_TOKEN_TTL_MS, ...spec });
  }
}
