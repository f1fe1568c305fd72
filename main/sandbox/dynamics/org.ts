import { randomUUID } from 'node:crypto';
import { STANDARD_COLUMNS } from './contact-columns';
import { TYPED_COLUMNS, type ColumnDef } from './typed-columns';

/** A contact row: its id, its columns, and the system's timestamps. */
export interface ContactRow {
  contactid: string;
  fields: Record<string, string | null>;
  createdon: string;
  modifiedon: string;
  /**
   * The row's version (Dataverse's `versionnumber`, a rowversion: every write takes
   * the next one); change tracking lists what changed after a delta token's version.
   */
  versionnumber?: number;
}

/** A deleted row, as change tracking remembers it: its id, the version its delete took, when (ms). */
export interface DeletedRow {
  contactid: string;
  versionnumber: number;
  at: number;
}

export type KeyStatus = 'Pending' | 'InProgress' | 'Active' | 'Failed';

export interface AlternateKey {
  logicalName: string;
  column: string;
  status: KeyStatus;
}

/** What survives a restart of a hosted sandbox (its admin's exportState). */
export interface DynamicsOrgData {
  prefix: string;
  customColumns: Array<{ name: string; maxLength: number }>;
  keys: AlternateKey[];
  contacts: ContactRow[];
  /** change tracking's memory of deletes (absent in state saved before it existed) */
  deleted?: DeletedRow[];
  version?: number;
}

/**
 * One Dataverse environment's contact table: its columns (standard and custom),
 * its alternate keys and its rows, with a unique index per active key (an
 * alternate key guarantees one row per value: "Define alternate keys to reference rows").
 */
export class DynamicsOrg {
  /** the Default solution's publisher prefix: new columns are named `<prefix>_…` */
  prefix = 'cr8f2';
  private custom = new Map<string, number>();
  private keys: AlternateKey[] = [];
  private rows = new Map<string, ContactRow>();
  private byKey = new Map<string, Map<string, string>>();
  /** audit history entries per contact id (Dataverse audits creates, updates and deletes; kept after a delete) */
  private audits = new Map<string, number>();
  /** the last version a write or delete took (a database-wide counter, as SQL Server's rowversion) */
  private version = 0;
  /** deletes, oldest first, for change tracking's `$deletedEntity` entries */
  private deletedRows: DeletedRow[] = [];

  /** the version of the latest write or delete: a delta token taken now names it */
  currentVersion(): number {
    return this.version;
  }

  /** deletes after `version`, up to `upTo`, oldest first */
  deletedAfter(version: number, upTo: number): DeletedRow[] {
    return this.deletedRows.filter((d) => d.versionnumber > version && d.versionnumber <= upTo);
  }

  private audit(id: string): void {
    this.audits.set(id, (this.audits.get(id) ?? 0) + 1);
  }

  /** the audit history entries of a contact, deleted or not */
  auditEntries(id: string): number {
    return this.audits.get(id.toLowerCase()) ?? 0;
  }

  /** DeleteRecordChangeHistory: removes a contact's audit history; how many entries it had */
  deleteAuditHistory(id: string): number {
    const n = this.auditEntries(id);
    this.audits.delete(id.toLowerCase());
    return n;
  }

  columnMax(name: string): number | undefined {
    return STANDARD_COLUMNS[name] ?? this.custom.get(name);
  }

  columns(): string[] {
    return [...Object.keys(STANDARD_COLUMNS), 'contactid', ...this.custom.keys()];
  }

  /** Every column with its definition: text columns (standard and custom), then the typed standard ones. */
  definitions(): Array<[string, ColumnDef]> {
    const text = (name: string, maxLength: number): [string, ColumnDef] => [name, { type: name === 'description' ? 'Memo' : 'String', label: name, maxLength, validForCreate: true, validForUpdate: true }];
    return [
      ...Object.entries(STANDARD_COLUMNS).map(([n, max]) => text(n, max)),
      ['contactid', { type: 'Uniqueidentifier', label: 'Contact', validForCreate: true, validForUpdate: false }],
      ...[...this.custom].map(([n, max]) => text(n, max)),
      ...Object.entries(TYPED_COLUMNS),
    ];
  }

  /** A typed (non-text) column's definition. */
  typed(name: string): ColumnDef | undefined {
    return TYPED_COLUMNS[name];
  }

  addColumn(name: string, maxLength: number): void {
    this.custom.set(name, maxLength);
  }

  alternateKeys(): AlternateKey[] {
    return this.keys.map((k) => ({ ...k }));
  }

  addKey(column: string, status: KeyStatus): AlternateKey {
    const key = { logicalName: `${column}_key`, column, status };
    this.keys.push(key);
    this.reindex();
    return key;
  }

  setKeyStatus(status: KeyStatus): void {
    for (const k of this.keys) k.status = status;
    this.reindex();
  }

  isActiveKey(column: string): boolean {
    return this.keys.some((k) => k.column === column && k.status === 'Active');
  }

  find(column: string, value: string): ContactRow | undefined {
    const id = this.byKey.get(column)?.get(value);
    return id === undefined ? undefined : this.rows.get(id);
  }

  get(id: string): ContactRow | undefined {
    return this.rows.get(id.toLowerCase());
  }

  /** Creates a row (with the key values its address named) or updates it; the caller validated the fields. */
  write(existing: ContactRow | undefined, fields: Record<string, string | null>, at: string, id?: string): { row: ContactRow; created: boolean } {
    if (existing) {
      for (const [column, key] of this.byKey) {
        const before = existing.fields[column];
        if (before) key.delete(before);
      }
      Object.assign(existing.fields, fields);
      existing.modifiedon = at;
      existing.versionnumber = ++this.version;
      this.index(existing);
      this.audit(existing.contactid);
      return { row: existing, created: false };
    }
    const row: ContactRow = { contactid: (id ?? randomUUID()).toLowerCase(), fields: { ...fields }, createdon: at, modifiedon: at, versionnumber: ++this.version };
    this.rows.set(row.contactid, row);
    this.index(row);
    this.audit(row.contactid);
    return { row, created: true };
  }

  /** The row that already holds `value` in an active key column, other than `self`. */
  keyConflict(fields: Record<string, string | null>, self: ContactRow | undefined): string | undefined {
    for (const [column, key] of this.byKey) {
      const value = fields[column];
      if (!value) continue;
      const holder = key.get(value);
      if (holder !== undefined && holder !== self?.contactid) return column;
    }
    return undefined;
  }

  /** Deletes a row and frees its key values; false when there was none. `at` (ms): when, for change tracking. */
  remove(id: string, at: number): boolean {
    const row = this.rows.get(id.toLowerCase());
    if (!row) return false;
    for (const [column, key] of this.byKey) {
      const value = row.fields[column];
      if (value && key.get(value) === row.contactid) key.delete(value);
    }
    this.rows.delete(row.contactid);
    this.audit(row.contactid);
    this.deletedRows.push({ contactid: row.contactid, versionnumber: ++this.version, at });
    return true;
  }

  all(): ContactRow[] {
    return [...this.rows.values()];
  }

  reset(): void {
    this.rows.clear();
    this.audits.clear();
    this.deletedRows = [];
    this.reindex();
  }

  exportData(): DynamicsOrgData {
    return {
      prefix: this.prefix,
      customColumns: [...this.custom].map(([name, maxLength]) => ({ name, maxLength })),
      keys: this.alternateKeys(),
      contacts: this.all().map((r) => ({ ...r, fields: { ...r.fields } })),
      deleted: this.deletedRows.map((d) => ({ ...d })),
      version: this.version,
    };
  }

  loadData(data: DynamicsOrgData): void {
    this.prefix = data.prefix;
    this.custom = new Map(data.customColumns.map((c) => [c.name, c.maxLength]));
    this.keys = data.keys.map((k) => ({ ...k }));
    this.rows = new Map(data.contacts.map((r) => [r.contactid, { ...r, fields: { ...r.fields } }]));
    this.deletedRows = (data.deleted ?? []).map((d) => ({ ...d }));
    // no spread: a large org would overflow the argument list
    this.version = [...data.contacts.map((r) => r.versionnumber ?? 0), ...this.deletedRows.map((d) => d.versionnumber)].reduce((a, b) => Math.max(a, b), data.version ?? 0);
    this.reindex();
  }

  private index(row: ContactRow): void {
    for (const [column, key] of this.byKey) {
      const value = row.fields[column];
      if (value) key.set(value, row.contactid);
    }
  }

  private reindex(): void {
    this.byKey = new Map(this.keys.filter((k) => k.status === 'Active').map((k) => [k.column, new Map<string, string>()]));
    for (const row of this.rows.values()) this.index(row);
  }
}
