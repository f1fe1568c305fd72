import { KEY_PREFIX, OBJECT_NAMES, type ObjectName } from './schema';

/** A stored record: canonical field names → values; system fields are derived on read. */
export interface SfRecord {
  id: string;
  type: ObjectName;
  fields: Record<string, string>;
  createdAt: number;
  modifiedAt: number;
}

/**
 * One line of the org's delete log, which "Get Deleted" reads
 * (delete-log-routes.ts): the record, its object, when it was deleted, and for
 * the loser of a merge the record it was merged into (MasterRecordId).
 */
export interface DeleteLogEntry {
  id: string;
  type: ObjectName;
  deletedAt: number;
  masterRecordId?: string;
}

/** What a sandbox org keeps across restarts (Ferry keeps it in the data folder). */
export interface SalesforceStoreData {
  counter: number;
  deleted: string[];
  /** absent in state saved before the sandbox kept a delete log */
  deleteLog?: DeleteLogEntry[];
  /** the newest time the log was purged up to (earliestDateAvailable), when it was */
  purgedUpTo?: number;
  records: SfRecord[];
}

/**
 * The org's data. Invariant: `byValue` indexes every stored record under each
 * indexed field (Email and external ids, lowercased: both compare
 * case-insensitively in Salesforce); it is only changed by `put` and `remove`,
 * so it never disagrees with `records`.
 */
export class SalesforceStore {
  private readonly records = new Map<ObjectName, Map<string, SfRecord>>();
  private readonly byValue = new Map<string, Set<string>>();
  /** ids removed through the admin API: updating them answers ENTITY_IS_DELETED */
  private readonly deleted = new Set<string>();
  /** the delete log, oldest first; entries leave it only through `purgeDeleteLog` */
  private deleteLog: DeleteLogEntry[] = [];
  private purgedUpTo: number | undefined;
  private counter = 1;

  constructor(private readonly indexed: (type: ObjectName) => string[]) {
    this.reset();
  }

  reset(): void {
    for (const name of OBJECT_NAMES) this.records.set(name, new Map());
    this.byValue.clear();
    this.deleted.clear();
    this.deleteLog = [];
    this.purgedUpTo = undefined;
    this.counter = 1;
  }

  toData(): SalesforceStoreData {
    return {
      counter: this.counter,
      deleted: [...this.deleted],
      deleteLog: this.deleteLog.map((e) => ({ ...e })),
      ...(this.purgedUpTo === undefined ? {} : { purgedUpTo: this.purgedUpTo }),
      records: [...this.records.values()].flatMap((map) => [...map.values()].map((r) => ({ ...r, fields: { ...r.fields } }))),
    };
  }

  /** Replaces everything with saved data; indexes are rebuilt through `put`. */
  loadData(data: SalesforceStoreData): void {
    this.reset();
    for (const r of data.records) {
      const record = this.put(r.type, r.id, r.fields, r.modifiedAt);
      record.createdAt = r.createdAt;
    }
    for (const id of data.deleted) this.deleted.add(id);
    this.deleteLog = (data.deleteLog ?? []).map((e) => ({ ...e }));
    this.purgedUpTo = data.purgedUpTo;
    this.counter = data.counter;
  }

  /** 18-character ids with the object's key prefix, e.g. 003Fe0000000001AAA. */
  newId(type: ObjectName): string {
    const n = String(this.counter).padStart(10, '0');
    this.counter += 1;
    return `${KEY_PREFIX[type]}Fe${n}AAA`;
  }

  all(type: ObjectName): SfRecord[] {
    return [...(this.records.get(type)?.values() ?? [])];
  }

  count(type: ObjectName): number {
    return this.records.get(type)?.size ?? 0;
  }

  get(type: ObjectName, id: string): SfRecord | undefined {
    return this.records.get(type)?.get(id);
  }

  /** Any object's record by id (ids are unique across objects). */
  find(id: string): SfRecord | undefined {
    for (const map of this.records.values()) {
      const r = map.get(id);
      if (r) return r;
    }
    return undefined;
  }

  isDeleted(id: string): boolean {
    return this.deleted.has(id);
  }

  /** Ids of `type` records whose `field` equals `value`, case-insensitively; only for indexed fields. */
  idsWhere(type: ObjectName, field: string, value: string): string[] {
    return [...(this.byValue.get(key(type, field, value)) ?? [])];
  }

  isIndexed(type: ObjectName, field: string): boolean {
    return this.indexed(type).some((f) => f.toLowerCase() === field.toLowerCase());
  }

  /** Writes values ('' or null clears) onto a new or existing record. The caller validated them. */
  put(type: ObjectName, id: string, changes: Record<string, string | null>, now: number): SfRecord {
    const map = this.records.get(type) as Map<string, SfRecord>;
    const record = map.get(id) ?? { id, type, fields: {}, createdAt: now, modifiedAt: now };
    this.unindex(record);
    for (const [name, value] of Object.entries(changes)) {
      if (value === null || value === '') delete record.fields[name];
      else record.fields[name] = value;
    }
    // every write moves LastModifiedDate and SystemModstamp (fieldValue): Salesforce sets SystemModstamp
    // whenever "a user or automated process" modifies the record (SOAP API Developer Guide, "System Fields")
    record.modifiedAt = now;
    map.set(id, record);
    this.index(record);
    return record;
  }

  /** Deletes a record and writes it to the delete log at `now` (with the merge's surviving record, for a merge's loser). */
  remove(id: string, now: number, masterRecordId?: string): boolean {
    const record = this.find(id);
    if (!record) return false;
    this.unindex(record);
    this.records.get(record.type)?.delete(id);
    this.deleted.add(id);
    this.deleteLog.push({ id, type: record.type, deletedAt: now, ...(masterRecordId === undefined ? {} : { masterRecordId }) });
    return true;
  }

  /** The delete log of one object, oldest first. */
  deletedOf(type: ObjectName): readonly DeleteLogEntry[] {
    return this.deleteLog.filter((e) => e.type === type);
  }

  /** The loser of a merge: the record it was merged into, while the log keeps it. */
  masterOf(id: string): string | undefined {
    return this.deleteLog.find((e) => e.id === id)?.masterRecordId;
  }

  /**
   * Drops log entries deleted before `before`, as Salesforce's purge does (the
   * Recycle Bin emptied, entries older than 15 days, or a delete log over its
   * limit); Get Deleted's earliestDateAvailable then says so.
   */
  purgeDeleteLog(before: number): void {
    this.deleteLog = this.deleteLog.filter((e) => e.deletedAt >= before);
    this.purgedUpTo = Math.max(this.purgedUpTo ?? 0, before);
  }

  /** When the log was last purged up to; undefined when it never was. */
  deleteLogPurgedUpTo(): number | undefined {
    return this.purgedUpTo;
  }

  /** Re-indexes everything after the set of indexed fields changed (a field became an external id). */
  reindex(): void {
    this.byValue.clear();
    for (const map of this.records.values()) for (const r of map.values()) this.index(r);
  }

  private index(record: SfRecord): void {
    for (const field of this.indexed(record.type)) {
      const value = record.fields[field];
      if (value === undefined) continue;
      const k = key(record.type, field, value);
      let set = this.byValue.get(k);
      if (!set) { set = new Set(); this.byValue.set(k, set); }
      set.add(record.id);
    }
  }

  private unindex(record: SfRecord): void {
    for (const field of this.indexed(record.type)) {
      const value = record.fields[field];
      if (value !== undefined) this.byValue.get(key(record.type, field, value))?.delete(record.id);
    }
  }
}

const key = (type: ObjectName, field: string, value: string): string => `${type}\u0000${field.toLowerCase()}\u0000${value.toLowerCase()}`;

/** A record as the REST API returns it: `attributes`, then the requested fields (system fields derived). */
export function recordView(record: SfRecord, fields: string[], version: string): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: { type: record.type, url: `/services/data/v${version}/sobjects/${record.type}/${record.id}` } };
  for (const name of fields) out[name] = fieldValue(record, name);
  return out;
}

export function fieldValue(record: SfRecord, name: string): string | boolean | null {
  switch (name) {
    case 'Id': return record.id;
    case 'CreatedDate': return sfDate(record.createdAt);
    case 'LastModifiedDate':
    case 'SystemModstamp': return sfDate(record.modifiedAt);
    case 'IsDeleted': return false;
    case 'IsConverted': return record.type === 'Lead' ? record.fields.IsConverted === 'true' : null;
    default: return record.fields[name] ?? null;
  }
}

/** Salesforce's datetime format: 2025-01-06T09:00:00.000+0000. */
function sfDate(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}
