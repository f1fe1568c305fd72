import type { Clock } from '../shared/clock';
import type { ConsentDecision } from '../shared/consent';
import type { Reply, SandboxRequest } from '../shared/http';
import type { OAuthState } from './oauth-state';
import type { ZohoStore } from './store';
import type { TokenRegistry } from './tokens';

export interface SandboxSettings {
  /** e-mails matching this are refused with INVALID_DATA (an org's validation rule) */
  rejectEmailPattern: RegExp | undefined;
  consent: ConsentDecision;
  /** what the org API reports */
  orgId: string;
}

export interface ZohoContext {
  store: ZohoStore;
  tokens: TokenRegistry;
  oauth: OAuthState;
  settings: SandboxSettings;
  now: Clock;
  /** the sandbox's own base URL: its token responses name it as `api_domain` */
  baseUrl(): string;
}

type ZohoHandler = (req: SandboxRequest, ctx: ZohoContext) => Reply | Promise<Reply>;

/**
 * A route and its access rules: `scopes` alternatives (absent: no token, the
 * accounts server's OAuth endpoints), `credits` what a call costs (a function of
 * the request for writes).
 */
export interface ZohoRoute {
  handler: ZohoHandler;
  scopes?: string[];
  credits: number | ((req: SandboxRequest) => number);
}
