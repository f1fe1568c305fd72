import { createHash } from 'node:crypto';

/**
 * The sandbox company's data: persons and person fields, shaped as Pipedrive's
 * API v2 answers them. Custom field keys are 40-character hex hashes, as
 * Pipedrive makes them (`field_code`); values live under `custom_fields`.
 */
export interface ListItem {
  value: string;
  primary: boolean;
  label: string;
}

export interface Person {
  id: number;
  name: string;
  emails: ListItem[];
  phones: ListItem[];
  custom_fields: Record<string, string | null>;
  add_time: string;
  update_time: string;
}

export interface PersonField {
  field_code: string;
  field_name: string;
  field_type: string;
  is_custom_field: boolean;
  /** enum and set fields: their options (the API reads and writes the ids) */
  options?: { id: number; label: string }[] | null;
}

export interface PipedriveStoreData {
  persons: Person[];
  fields: PersonField[];
  nextId: number;
}

const standard = (field_code: string, field_name: string, field_type: string, options?: PersonField['options']): PersonField =>
  ({ field_code, field_name, field_type, is_custom_field: false, ...(options ? { options } : {}) });

/** The standard person fields a company starts with (a subset of /v2/personFields). */
const STANDARD_FIELDS: PersonField[] = [
  standard('name', 'Name', 'varchar'),
  standard('emails', 'Email', 'varchar'),
  standard('phones', 'Phone', 'phone'),
  standard('org_id', 'Organization', 'org'),
  standard('owner_id', 'Owner', 'user'),
  standard('label_ids', 'Labels', 'set', [{ id: 1, label: 'Customer' }, { id: 2, label: 'Hot lead' }, { id: 3, label: 'Warm lead' }, { id: 4, label: 'Cold lead' }]),
  standard('add_time', 'Person created', 'date'),
  standard('update_time', 'Update time', 'date'),
  standard('open_deals_count', 'Open deals', 'int'),
];

/** RFC 3339 without milliseconds, as Pipedrive's v2 timestamps read ("2025-01-01T10:20:00Z"). */
export const rfc3339 = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export class PipedriveStore {
  persons = new Map<number, Person>();
  fields: PersonField[] = [...STANDARD_FIELDS];
  private nextId = 1;

  reset(): void {
    this.persons.clear();
    this.fields = [...STANDARD_FIELDS];
    this.nextId = 1;
  }

  addField(name: string, type: string, now: number, options?: string[]): PersonField {
    const field_code = createHash('sha1').update(`${name}:${now}:${this.fields.length}`).digest('hex');
    const base = 100 * (this.fields.length + 1);
    const field: PersonField = { field_code, field_name: name, field_type: type, is_custom_field: true, ...(type === 'enum' || type === 'set' ? { options: (options ?? []).map((label, i) => ({ id: base + i, label })) } : {}) };
    this.fields.push(field);
    return field;
  }

  customField(code: string): PersonField | undefined {
    return this.fields.find((f) => f.is_custom_field && f.field_code === code);
  }

  create(values: Omit<Person, 'id' | 'add_time' | 'update_time'>, now: number): Person {
    const person: Person = { ...values, id: this.nextId++, add_time: rfc3339(now), update_time: rfc3339(now) };
    this.persons.set(person.id, person);
    return person;
  }

  exportData(): PipedriveStoreData {
    return { persons: [...this.persons.values()], fields: this.fields, nextId: this.nextId };
  }

  loadData(data: PipedriveStoreData): void {
    this.persons = new Map(data.persons.map((p) => [p.id, p]));
    this.fields = data.fields;
    this.nextId = data.nextId;
  }
}
