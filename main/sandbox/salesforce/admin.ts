import type { SalesforceOrgData } from './server';
import type { ConsentDecision } from '../shared/consent';
import type { FaultInjector, FaultInput, Fault } from '../shared/faults';
import type { LoggedRequest, RequestLog, RequestStats } from '../shared/request-log';
import type { ConnectedAppSpec } from './auth-state';
import type { SalesforceContext } from './context';
import type { DailyAllocation } from './limits';
import type { QueryCursors } from './query-routes';
import { toDuplicateRule, toValidationRule, type DuplicateRuleSpec, type ValidationRuleSpec } from './rules';
import type { FieldDef, ObjectName, SchemaOptions } from './schema';
import { fieldValue, type SfRecord } from './store';

/** A record as tests see it: canonical field names with system fields filled in. */
export interface SandboxRecord {
  id: string;
  type: ObjectName;
  fields: Record<string, string>;
  createdDate: string;
  systemModstamp: string;
}

export interface SandboxSnapshot {
  counts: Record<ObjectName, number>;
  requests: RequestStats;
  recentRequests: LoggedRequest[];
  dailyLimit: number;
  apiUsage: number;
  schema: SchemaOptions;
  rotateRefreshTokens: boolean;
  validationRules: Array<{ name: string; object?: string; field: string; pattern: string; message: string }>;
  duplicateRules: Array<{ object: string; action: string; name: string }>;
  pendingFaults: Array<Fault & { remaining: number }>;
}

/** Direct, typed control of a running Salesforce sandbox (the /__sandbox/ HTTP API calls the same methods). */
export interface SalesforceSandboxAdmin {
  /** Clears records, rules, faults, cursors, the request log and the daily usage. Tokens, apps and the schema stay. */
  reset(): void;
  /** An access token the API accepts; `expiresAt` epoch ms (absent = never). */
  registerToken(token: string, expiresAt?: number): void;
  /** The token answers 401 INVALID_SESSION_ID from now on; false when unknown. */
  expireToken(token: string): boolean;
  /** Every access token expires now (refresh tokens stay valid). */
  expireAllTokens(): void;
  registerConnectedApp(spec: ConnectedAppSpec): void;
  /** What the user answers on the "Allow Access?" page from now on ('deny' → error=access_denied); reset() sets 'approve'. */
  setConsent(decision: ConsentDecision): void;
  /** With rotation on, each refresh returns a new refresh token and the old one stops working. */
  setRefreshTokenRotation(on: boolean): void;
  /** Whether Contact/Lead have Ferry_Id__c, and whether it is an External ID / Unique field. */
  configureSchema(options: Partial<SchemaOptions>): void;
  addCustomField(object: ObjectName, def: Pick<FieldDef, 'name' | 'label'> & Partial<FieldDef>): void;
  /** Field-level security for the API user's profile: the field disappears from describe and the API. */
  hideField(object: ObjectName, field: string, hidden?: boolean): void;
  /** Whether the API user has "Customize Application" (may add fields). */
  setCanCustomize(on: boolean): void;
  /** Field-level security "Read-Only" for the API user's profile. */
  lockField(object: ObjectName, field: string, locked?: boolean): void;
  setDailyLimit(limit: number): void;
  addValidationRule(rule: ValidationRuleSpec): void;
  addDuplicateRule(rule: DuplicateRuleSpec): void;
  clearRules(): void;
  /** The next `count` updates of existing records fail on their own with UNABLE_TO_LOCK_ROW (another process holds them). */
  lockRows(count: number): void;
  /** Emails matching this are refused with INVALID_EMAIL_ADDRESS; null stops it. */
  rejectEmails(pattern: RegExp | string | null): void;
  injectFault(fault: FaultInput): void;
  clearFaults(): void;
  /** Stores a record as-is, skipping validation (existing org data, or states the API forbids). */
  seedRecord(type: ObjectName, fields: Record<string, string>): string;
  /** Deletes a record as a user would in Salesforce: it goes to the delete log that Get Deleted reads. */
  deleteRecord(id: string): boolean;
  /** Purges the delete log up to `before` (epoch ms), as emptying the Recycle Bin or Salesforce's own purge does. */
  purgeDeleteLog(before: number): void;
  /** The record a merge's loser was merged into (its MasterRecordId), while the delete log keeps it. */
  mergedInto(id: string): string | undefined;
  /**
   * Edits a record as a person would in Salesforce's UI ('' clears a field):
   * its LastModifiedDate and SystemModstamp become the sandbox clock's now.
   */
  editRecord(id: string, fields: Record<string, string>): void;
  /**
   * Releases every open query cursor, as Salesforce does after 15 minutes of
   * inactivity or when a user opens an eleventh: their nextRecordsUrl then
   * answers INVALID_QUERY_LOCATOR.
   */
  releaseQueryCursors(): void;
  /** Converts a Lead as a user would in Salesforce: a new Contact from its fields; the Lead becomes read-only and names it in ConvertedContactId. Returns the Contact's id. */
  convertLead(leadId: string): string;
  records(type: ObjectName): SandboxRecord[];
  record(id: string): SandboxRecord | undefined;
  recordsByEmail(type: ObjectName, email: string): SandboxRecord[];
  requests(): RequestStats;
  recentRequests(): LoggedRequest[];
  clearRequests(): void;
  /**
   * Sets how much of the org's daily allocation is used now, as if other
   * integrations had made that many requests (they leave the 24-hour window as
   * real ones would, all at once a day from now).
   */
  setApiUsage(used: number): void;
  snapshot(): SandboxSnapshot;
  /** Everything the org holds, to start a later sandbox from (startSalesforceSandbox({ state })). */
  exportState(): SalesforceOrgData;
}

export interface AdminDeps {
  ctx: SalesforceContext;
  limits: DailyAllocation;
  faults: FaultInjector;
  log: RequestLog;
  cursors: QueryCursors;
}

function view(record: SfRecord): SandboxRecord {
  return {
    id: record.id, type: record.type, fields: { ...record.fields },
    createdDate: String(fieldValue(record, 'CreatedDate')), systemModstamp: String(fieldValue(record, 'SystemModstamp')),
  };
}

export function createAdmin({ ctx, limits, faults, log, cursors }: AdminDeps): SalesforceSandboxAdmin {
  const admin: SalesforceSandboxAdmin = {
    reset: () => {
      ctx.store.reset();
      cursors.reset();
      log.clear();
      faults.clear();
      limits.reset();
      ctx.settings.validationRules = [];
      ctx.settings.duplicateRules = [];
      ctx.settings.rejectEmailPattern = undefined;
      ctx.settings.lockedRowWrites = 0;
      ctx.settings.consent = 'approve';
    },
    registerToken: (token, expiresAt) => { ctx.auth.registerToken(token, expiresAt); },
    expireToken: (token) => ctx.auth.expire(token, ctx.now()),
    expireAllTokens: () => ctx.auth.expireAll(ctx.now()),
    registerConnectedApp: (spec) => { ctx.auth.registerApp(spec); },
    setConsent: (decision) => { ctx.settings.consent = decision; },
    setRefreshTokenRotation: (on) => { ctx.settings.rotateRefreshTokens = on; },
    configureSchema: (options) => {
      ctx.schema.configure(options);
      ctx.store.reindex();
    },
    addCustomField: (object, def) => {
      ctx.schema.addCustomField(object, def);
      ctx.store.reindex();
    },
    hideField: (object, field, hidden) => { ctx.schema.hideField(object, field, hidden ?? true); },
    setCanCustomize: (on) => { ctx.settings.canCustomize = on; },
    lockField: (object, field, locked) => { ctx.schema.lockField(object, field, locked ?? true); },
    setDailyLimit: (limit) => limits.setLimit(limit),
    addValidationRule: (rule) => { ctx.settings.validationRules.push(toValidationRule(rule)); },
    addDuplicateRule: (rule) => {
      ctx.settings.duplicateRules = [...ctx.settings.duplicateRules.filter((r) => r.object !== rule.object), toDuplicateRule(rule)];
    },
    clearRules: () => {
      ctx.settings.validationRules = [];
      ctx.settings.duplicateRules = [];
    },
    lockRows: (count) => { ctx.settings.lockedRowWrites = Math.max(0, count); },
    rejectEmails: (pattern) => {
      ctx.settings.rejectEmailPattern = pattern === null ? undefined : typeof pattern === 'string' ? new RegExp(pattern, 'i') : pattern;
    },
    injectFault: (fault) => { faults.add(fault); },
    clearFaults: () => faults.clear(),
    seedRecord: (type, fields) => {
      const id = ctx.store.newId(type);
      ctx.store.put(type, id, fields, ctx.now());
      return id;
    },
    deleteRecord: (id) => ctx.store.remove(id, ctx.now()),
    purgeDeleteLog: (before) => ctx.store.purgeDeleteLog(before),
    mergedInto: (id) => ctx.store.masterOf(id),
    editRecord: (id, fields) => {
      const record = ctx.store.find(id);
      if (!record) throw new RangeError(`no record ${id}`);
      ctx.store.put(record.type, id, fields, ctx.now());
    },
    releaseQueryCursors: () => ctx.cursors.reset(),
    convertLead: (leadId) => {
      const lead = ctx.store.get('Lead', leadId);
      if (!lead) throw new RangeError(`no Lead ${leadId}`);
      const { FirstName, LastName, Email, Phone, MobilePhone, Title, Description } = lead.fields;
      const fields = Object.fromEntries(Object.entries({ FirstName, LastName, Email, Phone, MobilePhone, Title, Description }).filter(([, v]) => v !== undefined)) as Record<string, string>;
      const contactId = ctx.store.newId('Contact');
      ctx.store.put('Contact', contactId, fields, ctx.now());
      ctx.store.put('Lead', leadId, { IsConverted: 'true', ConvertedContactId: contactId }, ctx.now());
      return contactId;
    },
    records: (type) => ctx.store.all(type).map(view),
    record: (id) => {
      const r = ctx.store.find(id);
      return r ? view(r) : undefined;
    },
    recordsByEmail: (type, email) => ctx.store.idsWhere(type, 'Email', email)
      .map((id) => ctx.store.get(type, id)).filter((r): r is SfRecord => r !== undefined).map(view),
    requests: () => log.summary(),
    recentRequests: () => log.recent(),
    clearRequests: () => log.clear(),
    setApiUsage: (used) => limits.setUsed(used, ctx.now()),
    exportState: () => ({ schema: ctx.schema.current(), customFields: ctx.schema.customFields(), store: ctx.store.toData() }),
    snapshot: () => ({
      counts: { Contact: ctx.store.count('Contact'), Lead: ctx.store.count('Lead'), Account: ctx.store.count('Account') },
      requests: log.summary(),
      recentRequests: log.recent(),
      dailyLimit: limits.limit,
      apiUsage: limits.used(ctx.now()),
      schema: ctx.schema.current(),
      rotateRefreshTokens: ctx.settings.rotateRefreshTokens,
      validationRules: ctx.settings.validationRules.map((r) => ({ ...r, pattern: r.pattern.source })),
      duplicateRules: ctx.settings.duplicateRules.map((r) => ({ ...r })),
      pendingFaults: faults.pending(),
    }),
  };
  return admin;
}
