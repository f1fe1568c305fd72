import type { FaultInjector, FaultInput } from '../shared/faults';
import type { LoggedRequest, RequestLog, RequestStats } from '../shared/request-log';
import type { ChangeTrackingState, DynamicsSettings } from './context';
import type { LimitSettings, ServiceProtection } from './limits';
import type { ContactRow, DynamicsOrg, DynamicsOrgData, KeyStatus } from './org';
import type { Tokens } from './tokens';
import type { Clock } from '../shared/clock';
import { dataverseTime, tooManyRequests, type DataverseError } from './wire';

/** What a test, the CLI or the app can do to the environment from outside (in-process, or over /__sandbox/). */
export interface DynamicsSandboxAdmin {
  registerToken(token: string): void;
  /** every accepted token stops working: 401 until a new one is registered */
  expireTokens(): void;
  /** the user loses (or regains) a customizer's privileges */
  setCanCustomize(allowed: boolean): void;
  /** the user loses (or regains) prvDeleteRecordChangeHistory */
  setCanDeleteAuditHistory(allowed: boolean): void;
  /** every alternate key's index status (e.g. Pending while Dataverse builds it); also the status new keys get */
  setKeyStatus(status: KeyStatus): void;
  /** business logic that refuses a value of a column, with its own message */
  addRejectRule(column: string, pattern: string, message: string): void;
  configureLimits(settings: Partial<LimitSettings>): void;
  /** the Retry-After (seconds) of an injected 429; default 1 */
  setInjectedRetryAfter(seconds: number): void;
  injected429(): DataverseError;
  contacts(): ContactRow[];
  /** a contact created in Dynamics 365 by a person (createdon and modifiedon: the environment's clock, whole seconds); its id */
  seedContact(fields: Record<string, string | null>): string;
  /** a person edits a contact in Dynamics 365: modifiedon moves to the environment's clock */
  editContact(id: string, fields: Record<string, string | null>): void;
  /** a person deletes a contact in Dynamics 365 (change tracking lists it as deleted) */
  deleteContact(id: string): void;
  /**
   * An admin turns "Track changes" on for contacts. Dataverse cannot turn it off again
   * ("Once change tracking has been enabled for a table, it is not possible to disable
   * it"), so `false` is refused once it is on.
   */
  setChangeTracking(enabled: boolean): void;
  /** the organisation's ExpireChangeTrackingInDays (0–365; 7 by default) */
  setExpireChangeTrackingInDays(days: number): void;
  /** tracked reads served so far: first reads and delta reads (their later pages not counted) */
  changeTrackingReads(): { initial: number; delta: number };
  /** the audit history entries Dataverse keeps of a contact, deleted or not */
  auditEntries(id: string): number;
  /** the Ferry ID columns and keys the environment has */
  ferryIdColumns(): string[];
  reset(): void;
  injectFault(fault: FaultInput): void;
  clearFaults(): void;
  requests(): RequestStats;
  recentRequests(): LoggedRequest[];
  clearRequests(): void;
  snapshot(): { contacts: number; prefix: string; keys: Array<{ column: string; status: string }>; canCustomize: boolean; changeTracking: boolean };
  exportState(): DynamicsOrgData;
}

export function createAdmin(d: { org: DynamicsOrg; settings: DynamicsSettings; tracking: ChangeTrackingState; limits: ServiceProtection; tokens: Tokens; faults: FaultInjector; log: RequestLog; now: Clock }): DynamicsSandboxAdmin {
  let retryAfter = 1;
  return {
    registerToken: (token) => d.tokens.register(token),
    expireTokens: () => d.tokens.expireAll(),
    setCanCustomize: (allowed) => { d.settings.canCustomize = allowed; },
    setCanDeleteAuditHistory: (allowed) => { d.settings.canDeleteAuditHistory = allowed; },
    setKeyStatus: (status) => { d.settings.newKeyStatus = status; d.org.setKeyStatus(status); },
    addRejectRule: (column, pattern, message) => { d.settings.rejectRules.push({ column, pattern: new RegExp(pattern, 'u'), message }); },
    configureLimits: (settings) => d.limits.configure(settings),
    setInjectedRetryAfter: (seconds) => {
      if (!Number.isInteger(seconds) || seconds < 0) throw new RangeError('Retry-After is a whole number of seconds');
      retryAfter = seconds;
    },
    injected429: () => tooManyRequests(retryAfter),
    contacts: () => d.org.all(),
    seedContact: (fields) => d.org.write(undefined, fields, dataverseTime(d.now())).row.contactid,
    auditEntries: (id) => d.org.auditEntries(id),
    deleteContact: (id) => {
      if (!d.org.remove(id, d.now())) throw new RangeError(`no contact ${id}`);
    },
    setChangeTracking: (enabled) => {
      if (!enabled && d.tracking.enabled) throw new RangeError('Dataverse cannot turn change tracking off once it is on');
      d.tracking.enabled = enabled;
    },
    setExpireChangeTrackingInDays: (days) => {
      if (!Number.isInteger(days) || days < 0 || days > 365) throw new RangeError('ExpireChangeTrackingInDays is a whole number from 0 to 365');
      d.tracking.expireDays = days;
    },
    changeTrackingReads: () => ({ ...d.tracking.reads }),
    editContact: (id, fields) => {
      const row = d.org.get(id);
      if (!row) throw new RangeError(`no contact ${id}`);
      d.org.write(row, fields, dataverseTime(d.now()));
    },
    ferryIdColumns: () => d.org.columns().filter((c) => c.endsWith('_ferryid')),
    reset: () => { d.tracking.reads = { initial: 0, delta: 0 }; d.org.reset(); d.limits.reset(); d.faults.clear(); d.log.clear(); d.settings.rejectRules = []; },
    injectFault: (fault) => { d.faults.add(fault); },
    clearFaults: () => d.faults.clear(),
    requests: () => d.log.summary(),
    recentRequests: () => d.log.recent(),
    clearRequests: () => d.log.clear(),
    snapshot: () => ({ contacts: d.org.all().length, prefix: d.org.prefix, keys: d.org.alternateKeys().map((k) => ({ column: k.column, status: k.status })), canCustomize: d.settings.canCustomize, changeTracking: d.tracking.enabled }),
    exportState: () => d.org.exportData(),
  };
}
