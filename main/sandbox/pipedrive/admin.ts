import type { FaultInjector, FaultInput } from '../shared/faults';
import type { LoggedRequest, RequestLog, RequestStats } from '../shared/request-log';
import type { PipedriveContext } from './context';
import type { LimitSettings, PipedriveLimits } from './limits';
import type { Person, PipedriveStoreData } from './store';

export interface PipedriveSnapshot {
  persons: Person[];
  counts: { persons: number };
  limits: ReturnType<PipedriveLimits['current']>;
  requests: RequestStats;
}

/** Direct, typed control of a running Pipedrive sandbox (the HTTP admin API calls the same methods). */
export interface PipedriveSandboxAdmin {
  /** Clears persons, custom fields, the request log, faults and the limit counters. Tokens stay. */
  reset(): void;
  registerToken(token: string, auth?: 'api-token' | 'oauth'): void;
  /** The token is refused with 401 from now on (changed or revoked in Pipedrive); false when unknown. */
  revokeToken(token: string): boolean;
  setLimits(limits: Partial<LimitSettings>): void;
  /** E-mails matching this are refused with 400; null stops it. */
  rejectEmails(pattern: string | null): void;
  injectFault(fault: FaultInput): void;
  clearFaults(): void;
  persons(): Person[];
  /** Deletes a person, as a user in Pipedrive would. */
  deletePerson(id: number): boolean;
  /** the key of the custom field with this name, if any */
  fieldKey(name: string): string | undefined;
  requests(): RequestStats;
  recentRequests(): LoggedRequest[];
  clearRequests(): void;
  snapshot(): PipedriveSnapshot;
  exportState(): PipedriveStoreData;
}

export function createAdmin(deps: { ctx: PipedriveContext; limits: PipedriveLimits; faults: FaultInjector; log: RequestLog }): PipedriveSandboxAdmin {
  const { ctx, limits, faults, log } = deps;
  const persons = (): Person[] => [...ctx.store.persons.values()].map((p) => ({ ...p, custom_fields: { ...p.custom_fields } }));
  return {
    reset() {
      ctx.store.reset();
      limits.reset();
      faults.clear();
      log.clear();
      ctx.settings.rejectEmailPattern = null;
    },
    registerToken: (token, auth = 'api-token') => { ctx.tokens.set(token, { auth, revoked: false }); },
    revokeToken(token) {
      const t = ctx.tokens.get(token);
      if (!t) return false;
      t.revoked = true;
      return true;
    },
    setLimits: (l) => limits.set(l),
    rejectEmails: (pattern) => { ctx.settings.rejectEmailPattern = pattern === null ? null : new RegExp(pattern, 'i'); },
    injectFault: (f) => { faults.add(f); },
    clearFaults: () => faults.clear(),
    persons,
    deletePerson: (id) => ctx.store.persons.delete(id),
    fieldKey: (name) => ctx.store.fields.find((f) => f.is_custom_field && f.field_name === name)?.field_code,
    requests: () => log.summary(),
    recentRequests: () => log.recent(),
    clearRequests: () => log.clear(),
    snapshot: () => ({ persons: persons(), counts: { persons: ctx.store.persons.size }, limits: limits.current(), requests: log.summary() }),
    exportState: () => ctx.store.exportData(),
  };
}
