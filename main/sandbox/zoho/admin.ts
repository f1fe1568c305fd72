import type { ConsentDecision } from '../shared/consent';
import type { Fault, FaultInjector, FaultInput } from '../shared/faults';
import type { LoggedRequest, RequestLog, RequestStats } from '../shared/request-log';
import type { ZohoContext } from './context';
import type { FieldMeta } from './fields';
import type { LimitSettings, ZohoLimits } from './limits';
import type { OAuthAppSpec } from './oauth-state';
import type { ZohoStoreData } from './store';
import type { TokenSpec } from './tokens';

export interface SandboxRecord {
  id: string;
  fields: Record<string, string>;
  createdAt: string;
  modifiedAt: string;
}

export interface ZohoSnapshot {
  contacts: SandboxRecord[];
  customFields: FieldMeta[];
  requests: RequestStats;
  limits: LimitSettings & { inFlight: number; peakInFlight: number; slotMs: number };
  creditsUsed: number;
  pendingFaults: Array<Fault & { remaining: number }>;
}

/** Direct, typed control of a running Zoho CRM sandbox (the HTTP admin API calls the same methods). */
export interface ZohoSandboxAdmin {
  /** Clears records, custom fields, the request log, faults and limit counters. Tokens and OAuth apps stay. */
  reset(): void;
  registerToken(spec: TokenSpec): void;
  /** The token answers 401 INVALID_TOKEN from now on (its hour is up); false when unknown. */
  expireToken(token: string): boolean;
  /** Every access token answers INVALID_TOKEN from now on; refresh tokens still work. */
  expireAccessTokens(): void;
  registerOAuthApp(spec: OAuthAppSpec): void;
  /** Revokes a refresh token as the user does under Connected Apps: refreshing answers invalid_code. */
  revokeRefreshToken(refreshToken: string): void;
  /** Revokes every grant (the user removed the app): every refresh answers invalid_code, every token it minted stops. */
  revokeAllGrants(): void;
  setConsent(decision: ConsentDecision): void;
  setLimits(limits: Partial<LimitSettings>): void;
  injectFault(fault: FaultInput): void;
  clearFaults(): void;
  /** E-mails matching this are refused with INVALID_DATA; null stops it. */
  rejectEmails(pattern: RegExp | string | null): void;
  /** Marks a field unique, as an admin does in the layout editor. */
  markUnique(apiName: string): void;
  /** Admitted API calls wait, holding their concurrency slot, until releaseCalls(). */
  holdCalls(): void;
  releaseCalls(): void;
  /** Deletes a custom field, as an admin can in Zoho. */
  removeField(apiName: string): boolean;
  contacts(): SandboxRecord[];
  /** Adds a record as a person in Zoho CRM would (Created_Time and Modified_Time now); returns its id. */
  seedContact(fields: Record<string, string>): string;
  /** Edits a record as a person in Zoho CRM would: '' clears a field; Modified_Time moves. Throws RangeError for an unknown id. */
  editContact(id: string, fields: Record<string, string>): void;
  /** Deletes a record as a person in Zoho CRM would: it goes to the Recycle Bin (GET /Contacts/deleted lists it). */
  deleteContact(id: string): boolean;
  /** Empties the Recycle Bin entry of a record: it is listed as `permanent` from then on. */
  purgeContact(id: string): boolean;
  requests(): RequestStats;
  recentRequests(): LoggedRequest[];
  clearRequests(): void;
  snapshot(): ZohoSnapshot;
  exportState(): ZohoStoreData;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function createAdmin(deps: { ctx: ZohoContext; limits: ZohoLimits; faults: FaultInjector; log: RequestLog; calls: { hold(): void; release(): void } }): ZohoSandboxAdmin {
  const { ctx, limits, faults, log } = deps;
  const admin: ZohoSandboxAdmin = {
    reset: () => {
      ctx.store.reset();
      ctx.oauth.reset();
      log.clear();
      faults.clear();
      limits.reset();
      ctx.settings.rejectEmailPattern = undefined;
      ctx.settings.consent = 'approve';
      deps.calls.release();
    },
    registerToken: (spec) => { ctx.tokens.register(spec); },
    expireToken: (token) => ctx.tokens.expire(token, ctx.now()),
    expireAccessTokens: () => ctx.tokens.expireAll(ctx.now()),
    registerOAuthApp: (spec) => ctx.oauth.registerApp(spec),
    revokeRefreshToken: (refresh) => {
      ctx.oauth.refreshTokens.delete(refresh);
      ctx.tokens.revokeMintedBy(refresh);
    },
    revokeAllGrants: () => {
      for (const refresh of [...ctx.oauth.refreshTokens.keys()]) admin.revokeRefreshToken(refresh);
    },
    setConsent: (decision) => { ctx.settings.consent = decision; },
    setLimits: (next) => limits.set(next),
    injectFault: (fault) => { faults.add(fault); },
    clearFaults: () => faults.clear(),
    rejectEmails: (pattern) => {
      ctx.settings.rejectEmailPattern = pattern === null ? undefined : typeof pattern === 'string' ? new RegExp(pattern, 'i') : pattern;
    },
    markUnique: (apiName) => ctx.store.markUnique(apiName),
    holdCalls: () => deps.calls.hold(),
    releaseCalls: () => deps.calls.release(),
    removeField: (apiName) => ctx.store.removeField(apiName),
    seedContact: (fields) => {
      const at = ctx.now();
      const record = { id: ctx.store.newId(), fields: {}, createdAt: at, modifiedAt: at };
      ctx.store.write(record, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== '')));
      return record.id;
    },
    editContact: (id, fields) => {
      const record = ctx.store.records.get(id);
      if (!record) throw new RangeError(`no Contacts record ${id}`);
      const next = { ...record.fields };
      for (const [k, v] of Object.entries(fields)) {
        if (v === '') delete next[k];
        else next[k] = v;
      }
      ctx.store.write(record, next);
      record.modifiedAt = ctx.now();
    },
    deleteContact: (id) => ctx.store.remove(id, 'recycle', ctx.now()),
    purgeContact: (id) => {
      const entry = ctx.store.deleted.find((d) => d.id === id && d.type === 'recycle');
      if (!entry) return false;
      entry.type = 'permanent';
      entry.displayName = null;
      return true;
    },
    contacts: () => [...ctx.store.records.values()].map((r) => ({ id: r.id, fields: { ...r.fields }, createdAt: iso(r.createdAt), modifiedAt: iso(r.modifiedAt) })),
    requests: () => log.summary(),
    recentRequests: () => log.recent(),
    clearRequests: () => log.clear(),
    exportState: () => ctx.store.toData(),
    snapshot: () => ({
      contacts: admin.contacts(),
      customFields: ctx.store.customFields.map((f) => ({ ...f })),
      requests: log.summary(),
      limits: limits.current(),
      creditsUsed: limits.creditsUsed(ctx.now()),
      pendingFaults: faults.pending(),
    }),
  };
  return admin;
}
