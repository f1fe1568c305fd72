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
}

export interface PipedriveStoreData {
  persons: Person[];
  fields: PersonField[];
  nextId: number;
}

/** The standard person fields a company starts with (a subset of /v2/personFields). */
const STANDARD_FIELDS: PersonField[] = [
  { field_code: 'name', field_name: 'Name', field_type: 'varchar', is_custom_field: false },
  { field_code: 'emails', field_name: 'Email', field_type: 'varchar', is_custom_field: false },
  { field_code: 'phones', field_name: 'Phone', field_type: 'phone', is_custom_field: false },
  { field_code: 'org_id', field_name: 'Organization', field_type: 'org', is_custom_field: false },
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

  addField(name: string, type: string, now: number): PersonField {
    const field_code = createHash('sha1').update(`${name}:${now}:${this.fields.length}`).digest('hex');
    const field = { field_code, field_name: name, field_type: type, is_custom_field: true };
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
