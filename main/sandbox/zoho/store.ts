import { apiNameFor, MAX_UNIQUE_FIELDS, STANDARD_FIELDS, type FieldMeta } from './fields';

/** One Contacts record: its field values (text; absent = empty) and times. */
export interface ZohoRecord {
  id: string;
  fields: Record<string, string>;
  createdAt: number;
  modifiedAt: number;
}

/**
 * A deleted record as GET /{module}/deleted lists it (getDeletedRecords in
 * zoho/crm-oas v8.0: `id`, `display_name`, `type` recycle | permanent,
 * `deleted_time`, `deleted_by`, `created_by`).
 */
export interface ZohoDeletedRecord {
  id: string;
  displayName: string | null;
  type: 'recycle' | 'permanent';
  deletedAt: number;
}

/** What a sandbox org holds between runs (admin.exportState()). */
export interface ZohoStoreData {
  records: ZohoRecord[];
  customFields: FieldMeta[];
  nextId: number;
  deleted?: ZohoDeletedRecord[];
}

/** Record ids look like Zoho's: 19 digits, the org's prefix first. */
const ID_PREFIX = 4_150_868n * 10n ** 12n;

export class ZohoStore {
  readonly records = new Map<string, ZohoRecord>();
  /** field → lower-cased value → records holding it: duplicate checks stay O(1) at 100k records */
  private readonly index = new Map<string, Map<string, Set<ZohoRecord>>>();
  customFields: FieldMeta[] = [];
  /** standard fields an admin marked unique */
  private uniqueStandard = new Set<string>();
  private nextId = 1;
  /** deleted records, oldest first: in the Recycle Bin, or gone for good */
  deleted: ZohoDeletedRecord[] = [];

  fields(): FieldMeta[] {
    return [...STANDARD_FIELDS.map((f) => (this.uniqueStandard.has(f.api_name) ? { ...f, unique: true } : f)), ...this.customFields];
  }

  field(apiName: string): FieldMeta | undefined {
    return this.fields().find((f) => f.api_name === apiName);
  }

  uniqueFields(): FieldMeta[] {
    return this.fields().filter((f) => f.unique);
  }

  /** Adds a custom field; throws RangeError when its label is taken or the unique-field limit is reached. */
  addField(input: { field_label: string; data_type: FieldMeta['data_type']; length?: number; unique?: boolean; pick_list_values?: FieldMeta['pick_list_values'] }): FieldMeta {
    const api = apiNameFor(input.field_label);
    if (this.field(api)) throw new RangeError(`a field named ${api} exists`);
    if (input.unique && this.uniqueFields().length >= MAX_UNIQUE_FIELDS) throw new RangeError('unique field limit reached');
    const meta: FieldMeta = {
      api_name: api, field_label: input.field_label.trim(), data_type: input.data_type,
      length: input.length ?? (input.data_type === 'textarea' ? 32_000 : 255), custom_field: true, unique: input.unique === true, system_mandatory: false,
      ...(input.pick_list_values ? { pick_list_values: input.pick_list_values } : {}),
    };
    this.customFields.push(meta);
    return meta;
  }

  /** Deletes a custom field and its values (an admin removing Ferry's field in Zoho). */
  removeField(apiName: string): boolean {
    const before = this.customFields.length;
    this.customFields = this.customFields.filter((f) => f.api_name !== apiName);
    for (const r of this.records.values()) {
      const { [apiName]: _gone, ...rest } = r.fields;
      this.write(r, rest);
    }
    return this.customFields.length !== before;
  }

  /** Marks a field unique, as an admin does in Zoho's layout editor. */
  markUnique(apiName: string): void {
    const f = this.field(apiName);
    if (!f) throw new RangeError(`no field ${apiName}`);
    if (f.custom_field) f.unique = true;
    else this.uniqueStandard.add(apiName);
  }

  newId(): string {
    return String(ID_PREFIX + BigInt(this.nextId++));
  }

  /** Records whose `field` equals `value`, case-insensitively (Zoho's unique fields accept only case_sensitive: false). */
  findBy(field: string, value: string): ZohoRecord[] {
    const wanted = value.trim().toLowerCase();
    if (!wanted) return [];
    return [...(this.index.get(field)?.get(wanted) ?? [])].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  }

  /** Stores a record (new or changed) with these field values; the only way records change. */
  write(record: ZohoRecord, fields: Record<string, string>): void {
    this.unindex(record);
    record.fields = fields;
    this.records.set(record.id, record);
    this.indexRecord(record);
  }

  /** Deletes a record into the Recycle Bin (`recycle`) or for good (`permanent`); false when there is none. */
  remove(id: string, type: ZohoDeletedRecord['type'], at: number): boolean {
    const record = this.records.get(id);
    if (!record) return false;
    this.unindex(record);
    this.records.delete(id);
    const name = [record.fields.First_Name, record.fields.Last_Name].filter(Boolean).join(' ');
    this.deleted.push({ id, displayName: name || null, type, deletedAt: at });
    return true;
  }

  private indexRecord(record: ZohoRecord): void {
    for (const [field, value] of Object.entries(record.fields)) {
      const key = value.trim().toLowerCase();
      if (!key) continue;
      let byValue = this.index.get(field);
      if (!byValue) this.index.set(field, (byValue = new Map()));
      let holders = byValue.get(key);
      if (!holders) byValue.set(key, (holders = new Set()));
      holders.add(record);
    }
  }

  private unindex(record: ZohoRecord): void {
    for (const [field, value] of Object.entries(record.fields)) this.index.get(field)?.get(value.trim().toLowerCase())?.delete(record);
  }

  reset(): void {
    this.records.clear();
    this.index.clear();
    this.customFields = [];
    this.uniqueStandard.clear();
    this.nextId = 1;
    this.deleted = [];
  }

  toData(): ZohoStoreData {
    return { records: [...this.records.values()].map((r) => ({ ...r, fields: { ...r.fields } })), customFields: this.customFields.map((f) => ({ ...f })), nextId: this.nextId, deleted: this.deleted.map((d) => ({ ...d })) };
  }

  loadData(data: ZohoStoreData): void {
    this.reset();
    for (const r of data.records) this.write({ ...r }, { ...r.fields });
    this.customFields = data.customFields.map((f) => ({ ...f }));
    this.nextId = data.nextId;
    this.deleted = (data.deleted ?? []).map((d) => ({ ...d }));
  }
}
