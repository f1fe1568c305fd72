import type { FaultInjector, FaultInput } from '../shared/faults';
import type { LoggedRequest, RequestLog, RequestStats } from '../shared/request-log';
import type { PipedriveContext } from './context';
import type { LimitSettings, PipedriveLimits } from './limits';
import { rfc3339, type ListItem, type Person, type PipedriveStoreData } from './store';

/** A person as a user types it in Pipedrive: lists as plain values (the first is primary) or full items; custom fields by their names. */
export interface PersonInput {
  name?: string;
  emails?: (string | ListItem)[];
  phones?: (string | ListItem)[];
  /** custom field name → value (null clears it) */
  custom?: Record<string, string | null>;
}

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
  /** Adds a person as a user (or an import) in Pipedrive would; its add_time and update_time are the sandbox clock's. */
  seedPerson(input: PersonInput & { name: string }): Person;
  /** Edits a person as a user in Pipedrive would: what is given changes, update_time moves to now (one-second precision). */
  editPerson(id: number, input: PersonInput): Person | undefined;
  /** Deletes a person, as a user in Pipedrive would: marked deleted now, erased 30 days on (store.ts). */
  deletePerson(id: number): boolean;
  /** Merges person `otherId` into `keepId`, as a user in Pipedrive would (store.merge): the other is deleted. */
  mergePersons(otherId: number, keepId: number): Person | undefined;
  /** the key of the custom field with this name, if any */
  fieldKey(name: string): string | undefined;
  /** what each v1 recents request asked for since the request log was last cleared, oldest first */
  recentsAsked(): { since: string; start: number; limit: number }[];
  requests(): RequestStats;
  recentRequests(): LoggedRequest[];
  clearRequests(): void;
  snapshot(): PipedriveSnapshot;
  exportState(): PipedriveStoreData;
}

export function createAdmin(deps: { ctx: PipedriveContext; limits: PipedriveLimits; faults: FaultInjector; log: RequestLog }): PipedriveSandboxAdmin {
  const { ctx, limits, faults, log } = deps;
  const persons = (): Person[] => [...ctx.store.persons.values()].map((p) => ({ ...p, custom_fields: { ...p.custom_fields } }));
  const items = (list: (string | ListItem)[]): ListItem[] => list.map((v, i) => (typeof v === 'string' ? { value: v, primary: i === 0, label: 'work' } : { ...v }));
  const custom = (values: Record<string, string | null> | undefined): Record<string, string | null> => {
    const out: Record<string, string | null> = {};
    for (const [name, value] of Object.entries(values ?? {})) {
      const field = ctx.store.fields.find((f) => f.is_custom_field && f.field_name === name);
      if (!field) throw new Error(`the sandbox has no person field called ${name}`);
      out[field.field_code] = value;
    }
    return out;
  };
  return {
    seedPerson: (input) => ctx.store.create({ name: input.name, emails: items(input.emails ?? []), phones: items(input.phones ?? []), custom_fields: custom(input.custom) }, ctx.now()),
    editPerson(id, input) {
      const person = ctx.store.persons.get(id);
      if (!person) return undefined;
      if (input.name !== undefined) person.name = input.name;
      if (input.emails) person.emails = items(input.emails);
      if (input.phones) person.phones = items(input.phones);
      Object.assign(person.custom_fields, custom(input.custom));
      person.update_time = rfc3339(ctx.now());
      return person;
    },
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
    deletePerson: (id) => ctx.store.markDeleted(id, ctx.now()),
    mergePersons: (otherId, keepId) => ctx.store.merge(otherId, keepId, ctx.now()),
    fieldKey: (name) => ctx.store.fields.find((f) => f.is_custom_field && f.field_name === name)?.field_code,
    requests: () => log.summary(),
    recentRequests: () => log.recent(),
    recentsAsked: () => [...ctx.store.recentsAsked],
    clearRequests: () => { log.clear(); ctx.store.recentsAsked = []; },
    snapshot: () => ({ persons: persons(), counts: { persons: ctx.store.persons.size }, limits: limits.current(), requests: log.summary() }),
    exportState: () => ctx.store.exportData(),
  };
}
