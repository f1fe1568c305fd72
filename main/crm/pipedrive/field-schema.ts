import type { CrmFieldType, CrmFieldView } from '../../../preload/schemas/mapping';
import type { DefaultTarget, PushItem } from '../../sync/connector';
import type { PersonField, PipedriveApi } from './api';
import { DETAILS_FIELD_NAME, FERRY_ID_FIELD_NAME } from './fields';
import type { FerryIdIndex } from './ferry-index';

/**
 * Pipedrive's side of the field mapping (main/mapping/): the account's person
 * fields as mapping targets (GET /api/v2/personFields: field_code, field_name,
 * field_type, is_custom_field, options[{ id, label }]), mapped values in the
 * JSON type each custom field takes, where each Ferry field goes by default
 * (mapping.ts), and the current values "fill only if empty" needs.
 *
 * What Ferry can write: custom fields whose value is one plain value (text,
 * number, date, single and multiple options). Standard person fields other
 * than the name, e-mails and phones Ferry already fills are not targets (job
 * title, postal address and notes exist only where contact sync is set up;
 * owner, organization and labels are references), nor are custom fields made
 * of several parts (monetary, address, date and time ranges) or references
 * (person, organization, user). Options are named by their ids, the value the
 * API takes ("Custom fields", pipedrive.readme.io/docs/core-api-concepts-custom-fields).
 */

const WRITABLE: Record<string, CrmFieldType> = {
  varchar: 'string', varchar_auto: 'string', text: 'string', phone: 'string',
  double: 'number', int: 'number', date: 'date', enum: 'enumeration', set: 'multiselect',
};
const OWN = new Set([FERRY_ID_FIELD_NAME, DETAILS_FIELD_NAME]);

/** The payload keys mapping.ts writes; any other key is a custom field's code the mapping chose. */
export const OWN_KEYS: ReadonlySet<string> = new Set(['name', 'emails', 'phones', 'ferryId', 'details']);

export function fieldViews(fields: PersonField[]): CrmFieldView[] {
  return fields.filter((f) => !(f.is_custom_field !== false && OWN.has(f.field_name))).map((f) => {
    const type = WRITABLE[f.field_type];
    const options = (f.options ?? []).map((o) => ({ value: String(o.id), label: o.label }));
    return {
      name: f.field_code,
      label: f.field_name,
      type: type ?? 'string',
      writable: f.is_custom_field !== false && type !== undefined,
      ...(type === 'enumeration' || type === 'multiselect' ? { options } : {}),
    };
  }).sort((a, b) => a.label.localeCompare(b.label));
}

/** A mapped value as its custom field takes it: '' clears (null); numbers and option ids as numbers, a set as an array of ids. */
export function wireValue(field: PersonField | undefined, text: string): string | number | number[] | null {
  if (text === '') return null;
  switch (field?.field_type) {
    case 'double': case 'int': case 'enum': return Number(text);
    case 'set': return text.split(';').map((v) => v.trim()).filter(Boolean).map(Number);
    case 'date': return /^\d+$/.test(text) ? new Date(Number(text)).toISOString().slice(0, 10) : text;
    default: return text;
  }
}

const block = (what: string): DefaultTarget => ({ keys: [], label: `Ferry details (${what})` });

const DEFAULTS: Record<string, DefaultTarget> = {
  firstName: { keys: [], label: 'name (with the last name)' },
  lastName: { keys: [], label: 'name (with the first name)' },
  emails: { keys: ['emails'], label: 'emails' },
  phones: { keys: ['phones'], label: 'phones' },
  title: block('Title'),
  company: block('Company'),
  website: block('Website'),
  addresses: block('Address'),
  notes: block('Notes'),
  tags: block('Tags'),
  'meeting.at': block('Met on'),
  'meeting.place': block('Met at'),
  'meeting.event': block('Event'),
  'meeting.notes': block('Meeting notes'),
};

/**
 * Where mapping.ts puts a Ferry field. Nothing is fixed: persons are matched on
 * the Ferry ID custom field, not a contact field. The name and the block are
 * shared by several fields, so they are no field's own keys.
 */
export function defaultTarget(field: string): DefaultTarget {
  if (field.startsWith('custom.')) return block(field.slice('custom.'.length));
  return DEFAULTS[field] ?? { keys: [], label: 'not sent' };
}

/** v2 getPersons: "up to 100 entity ids"; `custom_fields`: at most 15 keys. */
const IDS_PER_READ = 100;
const KEYS_PER_READ = 15;

/** A custom field's JSON value as the text a payload holds (null when empty). */
export function customValueText(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(String).join(';');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * The current values of the custom fields `fields` for these items: linked
 * ones by person id, the others through the Ferry ID index (the person the push
 * will update, if any), then GET /v2/persons?ids=…&custom_fields=… (100 ids and
 * 15 fields a call). A person Pipedrive does not have is absent.
 */
export async function readCurrentValues(api: PipedriveApi, index: FerryIdIndex, items: PushItem[], fields: string[]): Promise<Map<number, Record<string, string | null>>> {
  const out = new Map<number, Record<string, string | null>>();
  const custom = fields.filter((f) => !OWN_KEYS.has(f));
  if (custom.length === 0) return out;
  const found = await index.lookUp(api, items.filter((i) => i.externalId === null).map((i) => i.uid));
  const personOf = new Map<number, number>();
  for (const item of items) {
    const id = item.externalId !== null ? Number(item.externalId) : (found.get(item.uid) ?? []).length === 1 ? (found.get(item.uid) as number[])[0] : undefined;
    if (id !== undefined && Number.isInteger(id)) personOf.set(item.contactId, id);
  }
  const ids = [...new Set(personOf.values())];
  const values = new Map<number, Record<string, unknown>>();
  for (let i = 0; i < ids.length; i += IDS_PER_READ) {
    for (let k = 0; k < custom.length; k += KEYS_PER_READ) {
      const persons = await api.readPersons(ids.slice(i, i + IDS_PER_READ), custom.slice(k, k + KEYS_PER_READ));
      for (const p of persons) values.set(p.id, { ...values.get(p.id), ...p.customFields });
    }
  }
  for (const [contactId, personId] of personOf) {
    const v = values.get(personId);
    if (v) out.set(contactId, Object.fromEntries(custom.map((f) => [f, customValueText(v[f])])));
  }
  return out;
}
