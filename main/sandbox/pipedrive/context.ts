import type { Clock } from '../shared/clock';
import type { Reply, SandboxRequest } from '../shared/http';
import type { Cost } from './limits';
import type { PipedriveStore } from './store';

export interface SandboxSettings {
  /** e-mails matching this are refused with 400 (a validation error), null: none */
  rejectEmailPattern: RegExp | null;
  companyId: number;
  companyDomain: string;
}

export interface TokenState {
  auth: 'api-token' | 'oauth';
  revoked: boolean;
  /** epoch ms after which an OAuth access token answers 401; API tokens do not expire */
  expiresAt?: number;
}

export interface PipedriveContext {
  store: PipedriveStore;
  settings: SandboxSettings;
  tokens: Map<string, TokenState>;
  now: Clock;
}

export interface PipedriveRoute {
  /** what the request costs from the daily token budget */
  cost: Cost;
  /** POST/PUT/PATCH: counted in x-daily-requests-left */
  write: boolean;
  handler(req: SandboxRequest, ctx: PipedriveContext): Reply;
}
