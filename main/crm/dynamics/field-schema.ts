import { z } from 'zod';
import type { CrmFieldType, CrmFieldView } from '../../../preload/schemas/mapping';
import type { DefaultTarget, Payload, PushItem } from '../../sync/connector';
import { send, type TransportOptions } from './transport';
import { API_PATH } from './wire';

/**
 * Dynamics 365's side of the field mapping (main/mapping/): the contact
 * table's columns as mapping targets, from its metadata ("Query table
 * definitions using the Web API": EntityDefinitions(LogicalName='contact')/Attributes
 * with AttributeType, AttributeTypeName, IsValidForCreate, IsValidForUpdate,
 * MaxLength, Format; choice options through the PicklistAttributeMetadata and
 * MultiSelectPicklistAttributeMetadata casts with $expand=OptionSet), mapped
 * values in the JSON type each Edm type takes, where each Ferry field goes by
 * default (mapping.ts), and the current values "fill only if empty" needs.
 */

const CONTACT = `${API_PATH}/EntityDefinitions(LogicalName='contact')`;

const labelSchema = z.object({ UserLocalizedLabel: z.object({ Label: z.string() }).passthrough().nullish() }).passthrough().nullish();
const attributeSchema = z.object({
  LogicalName: z.string(),
  AttributeType: z.string().optional().catch(undefined),
  AttributeTypeName: z.object({ Value: z.string() }).passthrough().nullish().catch(undefined),
  DisplayName: labelSchema.catch(undefined),
  IsValidForCreate: z.boolean().optional().catch(undefined),
  IsValidForUpdate: z.boolean().optional().catch(undefined),
  MaxLength: z.number().nullish().catch(undefined),
  Format: z.string().nullish().catch(undefined),
}).passthrough();
const optionSchema = z.object({ Value: z.number(), Label: labelSchema.catch(undefined) }).passthrough();
const choiceSchema = z.object({ LogicalName: z.string(), OptionSet: z.object({ Options: z.array(optionSchema).catch([]) }).passthrough().nullish() }).passthrough();
const listOf = <T extends z.ZodTypeAny>(item: T) => z.object({ value: z.array(item).catch([]) }).passthrough();

export interface DynamicsColumn {
  name: string;
  label: string;
  type: CrmFieldType;
  /** Edm kind for the wire: text, integer, decimal, bool, choice, choices (multi-select), date, datetime */
  wire: 'text' | 'integer' | 'decimal' | 'bool' | 'choice' | 'choices' | 'date' | 'datetime';
  writable: boolean;
  maxLength?: number;
  options?: { value: string; label: string }[];
}

const label = (l: z.infer<typeof labelSchema>, fallback: string): string => l?.UserLocalizedLabel?.Label || fallback;

/** AttributeType (+ AttributeTypeName) → the mapping's type and the wire kind; lookups and system columns are not writable values. */
function kindOf(a: z.infer<typeof attributeSchema>): Pick<DynamicsColumn, 'type' | 'wire'> & { value: boolean } {
  if (a.AttributeTypeName?.Value === 'MultiSelectPicklistType') return { type: 'multiselect', wire: 'choices', value: true };
  switch (a.AttributeType) {
    case 'String': case 'Memo': return { type: 'string', wire: 'text', value: true };
    case 'Integer': case 'BigInt': return { type: 'number', wire: 'integer', value: true };
    case 'Decimal': case 'Double': case 'Money': return { type: 'number', wire: 'decimal', value: true };
    case 'Boolean': return { type: 'bool', wire: 'bool', value: true };
    case 'Picklist': return { type: 'enumeration', wire: 'choice', value: true };
    case 'DateTime': return a.Format === 'DateOnly' ? { type: 'date', wire: 'date', value: true } : { type: 'datetime', wire: 'datetime', value: true };
    // Lookup, Customer, Owner, State, Status, Uniqueidentifier, EntityName, Virtual…: set by reference or by the system
    default: return { type: 'string', wire: 'text', value: false };
  }
}

async function getJson<T>(options: TransportOptions, path: string, schema: z.ZodType<T>): Promise<T> {
  const answer = await send({ method: 'GET', path, idempotent: true }, options);
  return schema.parse(JSON.parse(answer.text || '{}'));
}

/** The contact table's columns (three reads: the attributes, then the options of single and multi-select choices). */
export async function listColumns(options: TransportOptions, ferryIdColumn: string | undefined): Promise<DynamicsColumn[]> {
  const select = 'LogicalName,AttributeType,AttributeTypeName,DisplayName,IsValidForCreate,IsValidForUpdate';
  const [attributes, picklists, multi] = await Promise.all([
    getJson(options, `${CONTACT}/Attributes?$select=${select}`, listOf(attributeSchema)),
    getJson(options, `${CONTACT}/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet($select=Options)`, listOf(choiceSchema)),
    getJson(options, `${CONTACT}/Attributes/Microsoft.Dynamics.CRM.MultiSelectPicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet($select=Options)`, listOf(choiceSchema)),
  ]);
  const choices = new Map([...picklists.value, ...multi.value].map((c) => [c.LogicalName, (c.OptionSet?.Options ?? []).map((o) => ({ value: String(o.Value), label: label(o.Label, String(o.Value)) }))]));
  return attributes.value.filter((a) => a.LogicalName !== ferryIdColumn).map((a) => {
    const kind = kindOf(a);
    return {
      name: a.LogicalName, label: label(a.DisplayName, a.LogicalName), type: kind.type, wire: kind.wire,
      // a column valid for update but not for create (or the reverse) would be dropped from half of the upserts: both are needed
      writable: kind.value && a.IsValidForUpdate !== false && a.IsValidForCreate !== false,
      ...(typeof a.MaxLength === 'number' && kind.wire === 'text' ? { maxLength: a.MaxLength } : {}),
      ...(kind.wire === 'choice' || kind.wire === 'choices' ? { options: choices.get(a.LogicalName) ?? [] } : {}),
    };
  });
}

export function fieldViews(columns: DynamicsColumn[]): CrmFieldView[] {
  return columns.map((c) => ({
    name: c.name, label: c.label, type: c.type, writable: c.writable,
    ...(c.maxLength !== undefined ? { maxLength: c.maxLength } : {}),
    ...(c.options ? { options: c.options } : {}),
  })).sort((a, b) => a.label.localeCompare(b.label));
}

/**
 * A mapped value as its column's Edm type takes it in a JSON body: '' clears
 * (null); numbers and choices as JSON numbers; multi-select choices as their
 * values joined by commas (Web API "Multi-select choice columns"); date-only
 * columns as YYYY-MM-DD. The mapping checked it fits before (type-check.ts).
 */
export function wireValue(column: DynamicsColumn | undefined, text: string): unknown {
  if (text === '') return null;
  const ms = (t: string): number => (/^\d+$/.test(t) ? Number(t) : Date.parse(t));
  switch (column?.wire) {
    case 'integer': case 'decimal': case 'choice': return Number(text);
    case 'bool': return text === 'true';
    case 'choices': return text.split(';').map((v) => v.trim()).filter(Boolean).join(',');
    case 'date': return new Date(ms(text)).toISOString().slice(0, 10);
    case 'datetime': return new Date(ms(text)).toISOString();
    default: return text;
  }
}

/** The columns mapping.ts writes (everything else in a payload is the connection's mapping). */
export const OWN_COLUMNS: ReadonlySet<string> = new Set([
  'firstname', 'lastname', 'jobtitle', 'websiteurl', 'emailaddress1', 'emailaddress2', 'emailaddress3',
  'telephone1', 'telephone2', 'telephone3', 'mobilephone', 'description',
  ...['address1', 'address2'].flatMap((p) => ['line1', 'city', 'stateorprovince', 'postalcode', 'country'].map((f) => `${p}_${f}`)),
]);

/** The body of one upsert: mapping.ts's columns as they are, mapped ones in their wire type. */
export function upsertBody(payload: Payload, column: (name: string) => DynamicsColumn | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, OWN_COLUMNS.has(k) ? v : wireValue(column(k), v ?? '')]));
}

export const mappedKeys = (items: readonly PushItem[]): string[] => [...new Set(items.flatMap((i) => Object.keys(i.payload)))].filter((k) => !OWN_COLUMNS.has(k));

const one = (key: string): DefaultTarget => ({ keys: [key], label: key });
const block = (what: string): DefaultTarget => ({ keys: [], label: `description (From Ferry block: ${what})` });

const DEFAULTS: Record<string, DefaultTarget> = {
  firstName: one('firstname'),
  lastName: one('lastname'),
  title: one('jobtitle'),
  website: one('websiteurl'),
  company: block('Company'),
  emails: { keys: ['emailaddress1', 'emailaddress2', 'emailaddress3'], label: 'emailaddress1, emailaddress2, emailaddress3 (others: From Ferry block)' },
  phones: { keys: ['telephone1', 'telephone2', 'telephone3', 'mobilephone'], label: 'telephone1, telephone2, telephone3, mobilephone' },
  addresses: { keys: [...OWN_COLUMNS].filter((c) => /^address[12]_/.test(c)), label: 'address1_* and address2_* columns' },
  notes: { keys: [], label: 'description' },
  tags: block('Tags'),
  'meeting.at': block('Met on'),
  'meeting.place': block('Met at'),
  'meeting.event': block('Event'),
  'meeting.notes': block('Meeting notes'),
};

/** Where mapping.ts puts a Ferry field. Nothing is fixed: records are matched on the Ferry ID alternate key, not on a contact field. */
export function defaultTarget(field: string): DefaultTarget {
  if (field.startsWith('custom.')) return block(`Custom field “${field.slice('custom.'.length)}”`);
  return DEFAULTS[field] ?? { keys: [], label: 'not sent' };
}

/** Ids per In(): 100 uids keep the URL near 5,000 characters, far under Dataverse's 32,768. */
const IDS_PER_QUERY = 100;

function text(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') return value;
  return String(value);
}

/**
 * The current values of `fields`, by the Ferry ID alternate key every record
 * Ferry upserts carries (the upsert matches on nothing else, so these are
 * exactly the records it will write): one
 * `GET contacts?$select=…&$filter=Microsoft.Dynamics.CRM.In(PropertyName=…)` per 100.
 */
export async function readCurrentValues(options: TransportOptions, ferryIdColumn: string, items: PushItem[], fields: string[]): Promise<Map<number, Record<string, string | null>>> {
  const out = new Map<number, Record<string, string | null>>();
  const rowSchema = listOf(z.record(z.string(), z.unknown()));
  for (let i = 0; i < items.length; i += IDS_PER_QUERY) {
    const chunk = items.slice(i, i + IDS_PER_QUERY);
    const values = chunk.map((item) => `'${item.uid.replace(/'/g, "''")}'`).join(',');
    const filter = `Microsoft.Dynamics.CRM.In(PropertyName='${ferryIdColumn}',PropertyValues=[${values}])`;
    const select = [...new Set([ferryIdColumn, ...fields])].join(',');
    const rows = await getJson(options, `${API_PATH}/contacts?$select=${select}&$filter=${encodeURIComponent(filter)}`, rowSchema);
    const byUid = new Map(rows.value.map((r) => [String(r[ferryIdColumn] ?? ''), r]));
    for (const item of chunk) {
      const row = byUid.get(item.uid);
      if (row) out.set(item.contactId, Object.fromEntries(fields.map((f) => [f, text(row[f])])));
    }
  }
  return out;
}
