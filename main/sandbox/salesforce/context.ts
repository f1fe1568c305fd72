import type { Clock } from '../shared/clock';
import type { ConsentDecision } from '../shared/consent';
import type { Reply, SandboxRequest } from '../shared/http';
import type { AuthState } from './auth-state';
import type { DailyAllocation } from './limits';
import type { QueryCursors } from './query-routes';
import type { DuplicateRule, ValidationRule } from './rules';
import type { SchemaRegistry } from './schema';
import type { SalesforceStore } from './store';

/** Behaviour the admin API can change at run time. */
interface OrgSettings {
  validationRules: ValidationRule[];
  duplicateRules: DuplicateRule[];
  /** emails matching this are refused with INVALID_EMAIL_ADDRESS (injected bad records) */
  rejectEmailPattern: RegExp | undefined;
  /** each refresh hands out a new refresh token and retires the old one */
  rotateRefreshTokens: boolean;
  /** the org id (00D…) and the sandbox user's id (005…) in identity URLs */
  orgId: string;
  userId: string;
  /** the API user has "Customize Application" (may add fields through the Tooling API) */
  canCustomize: boolean;
  /** what the user answers on the "Allow Access?" page; see shared/consent.ts */
  consent: ConsentDecision;
  /**
   * how many more updates of existing records fail on their own with
   * UNABLE_TO_LOCK_ROW, as when another process (a flow, a mass update, a data
   * load) holds the record; see docs/vendor-facts.md
   */
  lockedRowWrites: number;
}

export interface SalesforceContext {
  store: SalesforceStore;
  schema: SchemaRegistry;
  auth: AuthState;
  cursors: QueryCursors;
  limits: DailyAllocation;
  settings: OrgSettings;
  now: Clock;
  /** the sandbox's own base URL (instance_url and identity URLs point here) */
  baseUrl(): string;
}

type SalesforceHandler = (req: SandboxRequest, ctx: SalesforceContext) => Reply | Promise<Reply>;

/** `api` routes need a session and count against the daily allocation; `oauth` routes need neither. */
export interface SalesforceRoute {
  handler: SalesforceHandler;
  kind: 'api' | 'oauth';
}

/** The REST API versions the sandbox answers (`/services/data/vXX.X/...`). */
export function apiVersion(req: SandboxRequest): string {
  return (req.params.version ?? 'v62.0').replace(/^v/, '');
}
