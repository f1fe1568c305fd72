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

/** A person marked deleted: kept (for v1 recents) until Pipedrive erases it, 30 days on. */
export interface DeletedPerson {
  person: Person;
  /** ms */
  deletedAt: number;
}

export interface PipedriveStoreData {
  persons: Person[];
  fields: PersonField[];
  nextId: number;
  deleted?: DeletedPerson[];
}

/**
 * "All 6 core entities … that are deleted via API will be permanently deleted from
 * Pipedrive's system after 30 days. After an entity has been permanently deleted, it
 * won't be possible to retrieve it via any API request" (developers.pipedrive.com
 * changelog, "Permanent deletion logic for 6 core entities", effective 2023-01-30).
 */
export const DELETED_KEPT_MS = 30 * 24 * 3_600_000;

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
  /** persons marked deleted (v2 deletePerson, or the other person of a merge), by id */
  deleted = new Map<number, DeletedPerson>();
  /** what each v1 recents request asked for, oldest first (tests read it: the request log keeps no query) */
  recentsAsked: { since: string; start: number; limit: number }[] = [];
  fields: PersonField[] = [...STANDARD_FIELDS];
  private nextId = 1;

  reset(): void {
    this.persons.clear();
    this.deleted.clear();
    this.recentsAsked = [];
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

  /**
   * Marks a person deleted: v2 deletePerson "marks a person as deleted. After 30 days,
   * the person will be permanently deleted" (SDK `deletePerson`). v2 reads, lists and a
   * second delete no longer find it (404); v1 recents lists it, with `active_flag: false`,
   * as a change at the moment of the delete (recents-routes.ts) until it is erased.
   */
  markDeleted(id: number, now: number): boolean {
    const person = this.persons.get(id);
    if (!person) return false;
    this.persons.delete(id);
    person.update_time = rfc3339(now);
    this.deleted.set(id, { person, deletedAt: now });
    return true;
  }

  /** the deleted persons Pipedrive still keeps at `now` (erased after 30 days) */
  keptDeleted(now: number): DeletedPerson[] {
    for (const [id, d] of this.deleted) if (now - d.deletedAt > DELETED_KEPT_MS) this.deleted.delete(id);
    return [...this.deleted.values()];
  }

  /**
   * v1 mergePersons (pipedrive.readme.io/docs/merging-two-persons): the `keepId` person is
   * kept, with its id, and wins every field both have; its empty fields take the other's
   * values; the other person is deleted ("In v2, you'll receive two webhooks – one for the
   * deleted object and another for the updated object": pipedrive.readme.io/docs/webhooks-v2-migration-guide).
   */
  merge(otherId: number, keepId: number, now: number): Person | undefined {
    const other = this.persons.get(otherId);
    const keep = this.persons.get(keepId);
    if (!other || !keep || other === keep) return undefined;
    if (keep.emails.length === 0) keep.emails = other.emails.map((e) => ({ ...e }));
    if (keep.phones.length === 0) keep.phones = other.phones.map((p) => ({ ...p }));
    for (const [key, value] of Object.entries(other.custom_fields)) {
      if ((keep.custom_fields[key] ?? null) === null && value !== null) keep.custom_fields[key] = value;
    }
    keep.update_time = rfc3339(now);
    this.markDeleted(other.id, now);
    return keep;
  }

  exportData(): PipedriveStoreData {
    return { persons: [...this.persons.values()], fields: this.fields, nextId: this.nextId, deleted: [...this.deleted.values()] };
  }

  loadData(data: PipedriveStoreData): void {
    this.persons = new Map(data.persons.map((p) => [p.id, p]));
    this.deleted = new Map((data.deleted ?? []).map((d) => [d.person.id, d]));
    this.fields = data.fields;
    this.nextId = data.nextId;
  }
}
