import type { Clock } from '../shared/clock';
import type { ConsentDecision } from '../shared/consent';
import type { Reply, SandboxRequest } from '../shared/http';
import type { OAuthState } from './oauth-state';
import type { HubSpotStore } from './state';
import type { TokenRegistry } from './tokens';

/** Behaviour the admin API can change at run time. */
export interface SandboxSettings {
  /** how long a write takes to become visible to search */
  searchLagMs: number;
  /** emails matching this are refused with INVALID_EMAIL (injected bad records) */
  rejectEmailPattern: RegExp | undefined;
  /** Retry-After (seconds) of an injected 477; HubSpot's migrations can take "up to 24 hours" */
  migrationRetryAfterSeconds: number;
  /** account-info's uiDomain: app.hubspot.com, or app-eu1.hubspot.com for an EU-hosted portal */
  uiDomain: string;
  /** what the user answers on the install (consent) page; see shared/consent.ts */
  consent: ConsentDecision;
}

/** Everything a route handler may touch. */
export interface HubSpotContext {
  store: HubSpotStore;
  tokens: TokenRegistry;
  oauth: OAuthState;
  settings: SandboxSettings;
  now: Clock;
}

type HubSpotHandler = (req: SandboxRequest, ctx: HubSpotContext) => Reply | Promise<Reply>;

/**
 * A route plus its access rules: `scopes` lists alternatives (any one grants
 * access; absent = no token needed), `budget` which rate limit it draws on.
 */
export interface HubSpotRoute {
  handler: HubSpotHandler;
  scopes?: string[];
  budget: 'standard' | 'search' | 'none';
}

export const scopes = {
  contactsRead: 'crm.objects.contacts.read',
  contactsWrite: 'crm.objects.contacts.write',
  schemasRead: 'crm.schemas.contacts.read',
  schemasWrite: 'crm.schemas.contacts.write',
  companiesRead: 'crm.objects.companies.read',
  companiesWrite: 'crm.objects.companies.write',
  companySchemasRead: 'crm.schemas.companies.read',
  companySchemasWrite: 'crm.schemas.companies.write',
} as const;

/** The contact scopes (objects and their properties). */
export const contactScopes: string[] = [scopes.contactsRead, scopes.contactsWrite, scopes.schemasRead, scopes.schemasWrite];

/** The company scopes: Ferry asks for them as optional, so a portal that cannot grant them still connects (contacts only). */
export const companyScopes: string[] = [scopes.companiesRead, scopes.companiesWrite, scopes.companySchemasRead, scopes.companySchemasWrite];

/** Every scope this sandbox knows; a sandbox private-app token gets all of them by default. */
export const allScopes: string[] = Object.values(scopes);
