import { z } from 'zod';
import type { CrmFieldType, CrmFieldView } from '../../../preload/schemas/mapping';
import type { DefaultTarget, PushItem } from '../../sync/connector';
import { toSyncError } from './errors';
import { FERRY_ID_FIELD } from './mapping';
import { send, type TransportOptions } from './transport';

/**
 * Zoho CRM's side of the field mapping (main/mapping/): the Contacts fields as
 * mapping targets (GET /crm/v8/settings/fields?module=Contacts, field-meta.html:
 * `api_name`, `field_label`, `data_type`, `length`, `read_only` for system
 * fields, `field_read_only` for fields made read-only in the layout,
 * `pick_list_values[].actual_value` for picklists), the values written in the
 * JSON types Zoho takes, where each Ferry field goes by default (mapping.ts),
 * and the current values "fill only if empty" needs.
 */

const fieldSchema = z.object({
  api_name: z.string(),
  field_label: z.string().optional().catch(undefined),
  display_label: z.string().optional().catch(undefined),
  data_type: z.string(),
  length: z.number().optional().catch(undefined),
  read_only: z.boolean().optional().catch(undefined),
  field_read_only: z.boolean().optional().catch(undefined),
  pick_list_values: z.array(z.object({ actual_value: z.string(), display_value: z.string().optional().catch(undefined) }).passthrough()).optional().catch(undefined),
}).passthrough();
export type ZohoField = z.infer<typeof fieldSchema>;
const listSchema = z.object({ fields: z.array(fieldSchema).catch([]) }).passthrough();

export async function listFields(apiBase: string, transport: TransportOptions, creditsCovered: () => boolean): Promise<ZohoField[]> {
  const answer = await send('GET', `${apiBase}/settings/fields?module=Contacts`, undefined, transport);
  if (answer.status !== 200) throw toSyncError(answer, { creditsCovered: creditsCovered() });
  return listSchema.parse(answer.json ?? {}).fields;
}

/** Zoho data_type → the mapping's value type; lookups, formulas and the like are shown but not writable. */
function typeOf(dataType: string): { type: CrmFieldType; writable: boolean } {
  switch (dataType) {
    case 'integer': case 'bigint': case 'double': case 'currency': case 'decimal': return { type: 'number', writable: true };
    case 'date': return { type: 'date', writable: true };
    case 'datetime': return { type: 'datetime', writable: true };
    case 'boolean': return { type: 'bool', writable: true };
    case 'picklist': return { type: 'enumeration', writable: true };
    case 'multiselectpicklist': return { type: 'multiselect', writable: true };
    case 'text': case 'textarea': case 'email': case 'phone': case 'website': return { type: 'string', writable: true };
    // lookup, ownerlookup, autonumber, formula, fileupload, profileimage, subform…: not a value Ferry can write
    default: return { type: 'string', writable: false };
  }
}

export function fieldViews(fields: ZohoField[]): CrmFieldView[] {
  return fields.filter((f) => f.api_name !== FERRY_ID_FIELD).map((f) => {
    const { type, writable } = typeOf(f.data_type);
    const options = (f.pick_list_values ?? []).filter((o) => o.actual_value !== '-None-').map((o) => ({ value: o.actual_value, label: o.display_value || o.actual_value }));
    return {
      name: f.api_name,
      label: f.field_label ?? f.display_label ?? f.api_name,
      type,
      ...(type === 'enumeration' || type === 'multiselect' ? { options } : {}),
      writable: writable && f.read_only !== true && f.field_read_only !== true,
      ...(type === 'string' && f.length ? { maxLength: f.length } : {}),
    };
  }).sort((a, b) => a.label.localeCompare(b.label));
}

/**
 * A mapped value in the JSON type its field takes (numbers as numbers, booleans
 * as booleans, multi-select options as an array, date-times as
 * yyyy-MM-ddTHH:mm:ss±HH:mm); the mapping checked it fits before (type-check.ts).
 */
export function wireValue(field: ZohoField | undefined, text: string): unknown {
  const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
  switch (field ? typeOf(field.data_type).type : 'string') {
    case 'number': return Number(text);
    case 'bool': return text === 'true';
    case 'multiselect': return text.split(';').map((v) => v.trim()).filter(Boolean);
    case 'date': return /^\d+$/.test(text) ? dayOf(Number(text)) : text;
    case 'datetime': {
      const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
      return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
    }
    default: return text;
  }
}

const one = (key: string): DefaultTarget => ({ keys: [key], label: key });
const block = (what: string): DefaultTarget => ({ keys: [], label: `Description (From Ferry block: ${what})` });

/** Where mapping.ts puts each Ferry field; keys only that field fills (the block is shared, so it has none). */
const DEFAULTS: Record<string, DefaultTarget> = {
  firstName: one('First_Name'),
  lastName: one('Last_Name'),
  title: one('Title'),
  company: block('Company'),
  website: block('Website'),
  // Email is the second duplicate check field of the upsert (after Ferry_Id): records are matched on it
  emails: { keys: ['Email', 'Secondary_Email'], label: 'Email, Secondary_Email (others: From Ferry block)', fixed: true },
  phones: { keys: ['Phone', 'Mobile', 'Home_Phone', 'Other_Phone'], label: 'Phone, Mobile, Home_Phone, Other_Phone' },
  addresses: { keys: ['Mailing_Street', 'Mailing_City', 'Mailing_State', 'Mailing_Zip', 'Mailing_Country', 'Other_Street', 'Other_City', 'Other_State', 'Other_Zip', 'Other_Country'], label: 'Mailing_* and Other_* address fields' },
  notes: { keys: [], label: 'Description' },
  tags: block('Tags'),
  'meeting.at': block('Met on'),
  'meeting.place': block('Met at'),
  'meeting.event': block('Event'),
  'meeting.notes': block('Meeting notes'),
};

export function defaultTarget(field: string): DefaultTarget {
  if (field.startsWith('custom.')) return block(`Custom field “${field.slice('custom.'.length)}”`);
  return DEFAULTS[field] ?? { keys: [], label: 'not sent' };
}

/** A read value as the mapping compares it: text, options joined by ';', null when empty. */
function text(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(String).join(';');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const readSchema = z.object({ data: z.array(z.record(z.string(), z.unknown())).catch([]) }).passthrough();
/** get-records.html: at most 100 ids per GET; COQL (query-api.html): at most 50 values in one IN. */
const IDS_PER_GET = 100;
const EMAILS_PER_QUERY = 50;

/**
 * The current values of `fields` for these items: linked ones by record id
 * (GET /Contacts?ids=…&fields=…, 100 a call), the others by the e-mail their
 * upsert will match on (a COQL query `Email in (…)`, 50 a call), so a team's
 * own contact that the first push will update is read too. A record Zoho does
 * not have is absent (nothing to keep then).
 */
export async function readCurrentValues(apiBase: string, transport: TransportOptions, creditsCovered: () => boolean, items: PushItem[], fields: string[]): Promise<Map<number, Record<string, string | null>>> {
  const out = new Map<number, Record<string, string | null>>();
  const pick = (row: Record<string, unknown>): Record<string, string | null> => Object.fromEntries(fields.map((f) => [f, text(row[f])]));
  const read = async (method: 'GET' | 'POST', url: string, body?: unknown): Promise<Record<string, unknown>[]> => {
    const answer = await send(method, url, body, transport);
    if (answer.status === 204) return [];
    if (answer.status !== 200) throw toSyncError(answer, { creditsCovered: creditsCovered() });
    return readSchema.parse(answer.json ?? {}).data;
  };
  const linked = items.filter((i) => i.externalId !== null);
  for (let i = 0; i < linked.length; i += IDS_PER_GET) {
    const chunk = linked.slice(i, i + IDS_PER_GET);
    const rows = await read('GET', `${apiBase}/Contacts?ids=${chunk.map((c) => encodeURIComponent(c.externalId as string)).join(',')}&fields=${fields.map(encodeURIComponent).join(',')}`);
    const byId = new Map(rows.map((r) => [String(r.id), r]));
    for (const item of chunk) { const row = byId.get(item.externalId as string); if (row) out.set(item.contactId, pick(row)); }
  }
  const email = (item: PushItem): string => (item.payload.Email ?? '').trim().toLowerCase();
  const fresh = items.filter((i) => i.externalId === null && email(i) !== '');
  for (let i = 0; i < fresh.length; i += EMAILS_PER_QUERY) {
    const chunk = fresh.slice(i, i + EMAILS_PER_QUERY);
    const list = [...new Set(chunk.map(email))].map((e) => `'${e.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ');
    const columns = [...new Set(['Email', ...fields])].join(', ');
    const rows = await read('POST', `${apiBase}/coql`, { select_query: `select ${columns} from Contacts where Email in (${list}) limit 2000` });
    // several records with one e-mail (Zoho allows that unless Email is made unique): the first listed is read
    const byEmail = new Map<string, Record<string, unknown>>();
    for (const row of rows) { const key = String(row.Email ?? '').toLowerCase(); if (!byEmail.has(key)) byEmail.set(key, row); }
    for (const item of chunk) { const row = byEmail.get(email(item)); if (row) out.set(item.contactId, pick(row)); }
  }
  return out;
}
