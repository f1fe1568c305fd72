import type { HubSpotStoreData } from './state';
import type { ConsentDecision } from '../shared/consent';
import type { FaultInjector, FaultInput, Fault } from '../shared/faults';
import type { LoggedRequest, RequestLog, RequestStats } from '../shared/request-log';
import type { HubSpotContext } from './context';
import type { HubSpotLimits, LimitSettings } from './limits';
import type { OAuthAppSpec } from './oauth-state';
import { contactValues, noteValues, type CrmRecord, type NoteRecord } from './state';
import { companyValues } from './companies-state';
import type { TokenSpec } from './tokens';

export interface SandboxContact {
  id: string;
  /** stored values plus hs_object_id, createdate, lastmodifieddate */
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  noteIds: string[];
}

export interface SandboxNote {
  id: string;
  properties: Record<string, string>;
  contactIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface SandboxCompany {
  id: string;
  /** stored values plus hs_object_id, createdate, hs_lastmodifieddate */
  properties: Record<string, string>;
  /** the contacts associated with it */
  contactIds: string[];
}

export interface SandboxSnapshot {
  contacts: SandboxContact[];
  notes: SandboxNote[];
  requests: RequestStats;
  recentRequests: LoggedRequest[];
  limits: LimitSettings;
  searchLagMs: number;
  rejectEmailPattern: string | null;
  pendingFaults: Array<Fault & { remaining: number }>;
}

/** Direct, typed control of a running HubSpot sandbox (the HTTP admin API calls the same methods). */
export interface HubSpotSandboxAdmin {
  /** Clears contacts, notes, custom properties, the request log, faults and rate counters. Tokens and OAuth apps stay. */
  reset(): void;
  registerToken(spec: TokenSpec): void;
  /** The token answers 401 EXPIRED_AUTHENTICATION from now on; false when unknown. */
  expireToken(token: string): boolean;
  registerOAuthApp(spec: OAuthAppSpec): void;
  /** What the user answers on the install page from now on ('deny' → error=access_denied); reset() sets 'approve'. */
  setConsent(decision: ConsentDecision): void;
  /** Scopes the installing account cannot grant from now on (optional ones are left out of the tokens); [] for none. */
  setUngrantableScopes(scopes: string[]): void;
  setLimits(limits: Partial<LimitSettings>): void;
  setRateLimit(requestsPerTenSeconds: number): void;
  setDailyLimit(requestsPerDay: number): void;
  injectFault(fault: FaultInput): void;
  clearFaults(): void;
  /** Emails matching this are refused with VALIDATION_ERROR / INVALID_EMAIL; null stops it. */
  rejectEmails(pattern: RegExp | string | null): void;
  setSearchLag(ms: number): void;
  /** Retry-After of injected 477 Migration in Progress answers (default 30 s). */
  setMigrationRetryAfter(seconds: number): void;
  contacts(): SandboxContact[];
  contact(id: string): SandboxContact | undefined;
  contactByEmail(email: string): SandboxContact | undefined;
  notes(): SandboxNote[];
  companies(): SandboxCompany[];
  /** the companies a contact is associated with */
  companiesForContact(contactId: string): SandboxCompany[];
  /** creates a company as a person in HubSpot would (the search index sees it after the lag) */
  addCompany(properties: Record<string, string>): SandboxCompany;
  notesForContact(contactId: string): SandboxNote[];
  /**
   * Contacts created or edited as a person in HubSpot would (not through the API
   * Ferry uses): each write moves `lastmodifieddate` and reaches the search index
   * after the lag. `id` absent creates. Returns the contacts as stored.
   */
  writeContacts(writes: { id?: string; properties: Record<string, string> }[]): SandboxContact[];
  /** A person deletes (archives) a contact in HubSpot: it is then listed only with `?archived=true`. */
  archiveContact(id: string): boolean;
  requests(): RequestStats;
  recentRequests(): LoggedRequest[];
  clearRequests(): void;
  snapshot(): SandboxSnapshot;
  /** Everything the account holds, to start a later sandbox from (startHubSpotSandbox({ state })). */
  exportState(): HubSpotStoreData;
}

export interface AdminDeps {
  ctx: HubSpotContext;
  limits: HubSpotLimits;
  faults: FaultInjector;
  log: RequestLog;
}

function contactOut(ctx: HubSpotContext, record: CrmRecord): SandboxContact {
  return {
    id: record.id, properties: contactValues(record), createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(), noteIds: ctx.store.noteIdsForContact(record.id),
  };
}

function noteOut(note: NoteRecord): SandboxNote {
  return {
    id: note.id, properties: noteValues(note), contactIds: [...note.contactIds],
    createdAt: new Date(note.createdAt).toISOString(), updatedAt: new Date(note.updatedAt).toISOString(),
  };
}

function companyOut(ctx: HubSpotContext, record: CrmRecord): SandboxCompany {
  return { id: record.id, properties: companyValues(record), contactIds: ctx.store.companies.contactIdsForCompany(record.id) };
}

export function createAdmin({ ctx, limits, faults, log }: AdminDeps): HubSpotSandboxAdmin {
  const admin: HubSpotSandboxAdmin = {
    reset: () => {
      ctx.store.reset();
      log.clear();
      faults.clear();
      limits.reset();
      ctx.settings.rejectEmailPattern = undefined;
      ctx.settings.migrationRetryAfterSeconds = 30;
      ctx.settings.consent = 'approve';
    },
    registerToken: (spec) => { ctx.tokens.register(spec); },
    expireToken: (token) => ctx.tokens.expire(token, ctx.now()),
    registerOAuthApp: (spec) => { ctx.oauth.registerApp(spec); },
    setConsent: (decision) => { ctx.settings.consent = decision; },
    setUngrantableScopes: (scopes) => {
      ctx.oauth.ungrantable.clear();
      for (const scope of scopes) ctx.oauth.ungrantable.add(scope);
    },
    setLimits: (next) => limits.set(next),
    setRateLimit: (n) => limits.set({ rateLimit: n }),
    setDailyLimit: (n) => limits.set({ dailyLimit: n }),
    injectFault: (fault) => { faults.add(fault); },
    clearFaults: () => faults.clear(),
    rejectEmails: (pattern) => {
      ctx.settings.rejectEmailPattern = pattern === null ? undefined : typeof pattern === 'string' ? new RegExp(pattern, 'i') : pattern;
    },
    setSearchLag: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('search lag must be a non-negative number of milliseconds');
      ctx.settings.searchLagMs = ms;
    },
    setMigrationRetryAfter: (seconds) => {
      if (!Number.isInteger(seconds) || seconds < 0) throw new RangeError('Retry-After is a whole number of seconds');
      ctx.settings.migrationRetryAfterSeconds = seconds;
    },
    contacts: () => [...ctx.store.contacts.values()].map((r) => contactOut(ctx, r)),
    contact: (id) => {
      const record = ctx.store.contacts.get(id);
      return record ? contactOut(ctx, record) : undefined;
    },
    contactByEmail: (email) => {
      const id = ctx.store.contactIdByEmail(email);
      return id === undefined ? undefined : admin.contact(id);
    },
    notes: () => [...ctx.store.notes.values()].map(noteOut),
    companies: () => [...ctx.store.companies.records.values()].map((r) => companyOut(ctx, r)),
    companiesForContact: (contactId) => ctx.store.companies.companyIdsForContact(contactId)
      .map((id) => ctx.store.companies.records.get(id)).filter((r): r is CrmRecord => r !== undefined).map((r) => companyOut(ctx, r)),
    addCompany: (properties) => companyOut(ctx, ctx.store.companies.put(ctx.store.newId(), properties, ctx.now(), ctx.settings.searchLagMs)),
    writeContacts: (writes) => writes.map((w) => {
      const id = w.id ?? ctx.store.newId();
      return contactOut(ctx, ctx.store.putContact(id, w.properties, ctx.now(), ctx.settings.searchLagMs));
    }),
    archiveContact: (id) => ctx.store.archiveContact(id, ctx.now()),
    notesForContact: (contactId) => ctx.store.noteIdsForContact(contactId)
      .map((id) => ctx.store.notes.get(id)).filter((n): n is NoteRecord => n !== undefined).map(noteOut),
    requests: () => log.summary(),
    recentRequests: () => log.recent(),
    clearRequests: () => log.clear(),
    exportState: () => ctx.store.toData(),
    snapshot: () => ({
      contacts: admin.contacts(),
      notes: admin.notes(),
      requests: log.summary(),
      recentRequests: log.recent(),
      limits: limits.current(),
      searchLagMs: ctx.settings.searchLagMs,
      rejectEmailPattern: ctx.settings.rejectEmailPattern?.source ?? null,
      pendingFaults: faults.pending(),
    }),
  };
  return admin;
}
