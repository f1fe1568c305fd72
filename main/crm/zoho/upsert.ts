import { zohoWriteCredits } from '../../../destinations/zoho';
import type { PushItem, PushResult } from '../../sync/connector';
import { errorBody, toSyncError } from './errors';
import { FERRY_ID_FIELD, MAPPED_FIELDS } from './mapping';
import { send, type TransportOptions } from './transport';

/**
 * Contacts → POST /crm/v8/Contacts/upsert (upsert-records.html), 100 per call.
 * Never "search, then create": Zoho checks the duplicate check fields in the
 * order given and updates the first record that matches, else inserts, in one
 * call, so a resend after a crash or a lost answer finds what the first send wrote.
 *
 * The order:
 * - a contact Ferry has linked: `Ferry_Id` only — the record it wrote, whatever
 *   happened to the e-mail on either side (a record deleted in Zoho is recreated);
 * - not linked: `Ferry_Id`, then `Email` — a record an earlier, crashed push wrote
 *   is found by its Ferry Id; else the team's existing contact with that e-mail is
 *   updated (and gets the Ferry Id), not duplicated; else one is inserted.
 * One call carries one order, so a push of both kinds makes two calls.
 */

interface Entry {
  item: PushItem;
  record: Record<string, unknown>;
}

/** A payload value as the JSON value its Zoho field takes (field-schema.ts wireValue); text by default. */
export type WireValue = (apiName: string, text: string) => unknown;

/**
 * The values to send: every non-empty value; '' as null only where something
 * was sent before (a clear), so a first upsert never blanks a team's own
 * fields. Besides the fields mapping.ts writes, every field the connection's
 * mapping sends (any other payload key), typed by `wire`.
 */
export function recordFor(item: PushItem, wire: WireValue = (_k, text) => text): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const mapped = Object.keys(item.payload).filter((k) => !MAPPED_FIELDS.includes(k) && !k.startsWith('__'));
  for (const key of [...MAPPED_FIELDS, ...mapped]) {
    const value = item.payload[key] ?? '';
    if (value !== '') out[key] = MAPPED_FIELDS.includes(key) ? value : wire(key, value);
    else if ((item.previousPayload[key] ?? '') !== '') out[key] = null;
  }
  out[FERRY_ID_FIELD] = item.uid;
  return out;
}

/** Every payload key that is not one mapping.ts writes: the fields the connection's mapping sends. */
export function mappedKeys(items: PushItem[]): string[] {
  return [...new Set(items.flatMap((i) => Object.keys(i.payload)))].filter((k) => !MAPPED_FIELDS.includes(k) && !k.startsWith('__'));
}

const LABELS: Record<string, string> = {
  Email: 'e-mail address', Secondary_Email: 'second e-mail address', Last_Name: 'last name', First_Name: 'first name', Phone: 'phone number',
  Mobile: 'mobile number', Home_Phone: 'home phone number', Other_Phone: 'other phone number', Title: 'title', Description: 'notes',
};
const label = (apiName: string): string => LABELS[apiName] ?? apiName.replace(/_/g, ' ').toLowerCase();

/** One record Zoho refused, in a sentence with Zoho's own code, message and field. */
function refused(entry: Entry, result: unknown): PushResult {
  const b = errorBody(result);
  const field = typeof b.details?.api_name === 'string' ? b.details.api_name : undefined;
  const raw = field ? entry.record[field] : undefined;
  const value = raw === undefined || raw === null ? '' : typeof raw === 'string' ? raw : JSON.stringify(raw);
  const shown = value ? ` '${value.length > 80 ? `${value.slice(0, 80)}…` : value}'` : '';
  const crmError = [b.code, b.message, field ? `(${field})` : undefined, typeof b.details?.expected_data_type === 'string' ? `expected ${b.details.expected_data_type}` : undefined,
    typeof b.details?.maximum_length === 'number' ? `maximum length ${b.details.maximum_length}` : undefined].filter(Boolean).join(' ');
  const contactId = entry.item.contactId;
  switch (b.code) {
    case 'INVALID_DATA':
      return { contactId, outcome: 'rejected', message: field ? `Zoho CRM did not accept the ${label(field)}${shown} (${b.message ?? 'invalid data'}). Correct it in Ferry and it is sent again.` : `Zoho CRM did not accept this contact (${b.message ?? 'invalid data'}).`, crmError };
    case 'MANDATORY_NOT_FOUND':
      return { contactId, outcome: 'rejected', message: `Zoho CRM requires the ${field ? label(field) : 'a field'} this contact does not have (${b.message ?? 'required field not found'}).`, crmError };
    case 'DUPLICATE_DATA':
      return { contactId, outcome: 'rejected', message: `Zoho CRM already has another contact with the same ${field ? label(field) : 'unique value'}${shown}, and that field allows no duplicates. Merge the two in Zoho CRM, or change it in Ferry.`, crmError };
    case 'INTERNAL_ERROR':
      return { contactId, outcome: 'retry', message: 'Zoho CRM failed on this contact; Ferry will send it again.', crmError };
    default:
      return { contactId, outcome: 'rejected', message: `Zoho CRM did not take this contact (${b.code ?? 'no code'}: ${b.message ?? 'no message'}).`, crmError };
  }
}

function resultOf(entry: Entry, result: unknown): PushResult {
  const r = (typeof result === 'object' && result !== null ? result : {}) as { code?: unknown; action?: unknown; details?: { id?: unknown } };
  if (r.code === 'SUCCESS' && (typeof r.details?.id === 'string' || typeof r.details?.id === 'number')) {
    return { contactId: entry.item.contactId, outcome: r.action === 'insert' ? 'created' : 'updated', externalId: String(r.details.id) };
  }
  if (r.code === undefined) return { contactId: entry.item.contactId, outcome: 'retry', message: 'Zoho CRM did not confirm this contact. Ferry will send it again.', crmError: 'no result for this record' };
  return refused(entry, result);
}

export interface UpsertDeps {
  apiBase: string;
  /** types the values of mapped fields */
  wire?: WireValue;
  transport: TransportOptions;
  /** whether the org's last stated credits covered `cost` (a 429 is then about concurrency) */
  creditsCover: (cost: number) => boolean;
}

/** Upserts up to 100 entries in one call with one duplicate check order; one result per entry, in order. */
async function upsertCall(deps: UpsertDeps, entries: Entry[], duplicateCheck: string[]): Promise<PushResult[]> {
  const answer = await send('POST', `${deps.apiBase}/Contacts/upsert`, { data: entries.map((e) => e.record), duplicate_check_fields: duplicateCheck, trigger: [] }, deps.transport);
  const data = (answer.json as { data?: unknown[] } | undefined)?.data;
  // 200/201 all written, 207 some, 400 with `data` none: each record answers for itself
  if (Array.isArray(data) && (answer.status < 300 || answer.status === 400)) return entries.map((e, i) => resultOf(e, data[i]));
  throw toSyncError(answer, { creditsCovered: deps.creditsCover(zohoWriteCredits(entries.length)) });
}

/**
 * Two contacts of one push with the same e-mail would match the same Zoho record
 * by Email (and take turns writing their Ferry Id into it): the later one is set
 * aside with a sentence, as HubSpot's upsert does.
 */
function splitSameEmail(entries: Entry[], linked: Entry[]): { unique: Entry[]; duplicates: PushResult[] } {
  const emailOf = (e: Entry): string => (typeof e.record.Email === 'string' ? e.record.Email : '').trim().toLowerCase();
  const seen = new Set(linked.map(emailOf).filter(Boolean));
  const unique: Entry[] = [];
  const duplicates: PushResult[] = [];
  for (const e of entries) {
    const email = emailOf(e);
    if (!email || !seen.has(email)) {
      if (email) seen.add(email);
      unique.push(e);
      continue;
    }
    duplicates.push({ contactId: e.item.contactId, outcome: 'rejected', message: `Another contact in Ferry has the same e-mail address '${String(e.record.Email ?? '')}', and Zoho CRM would update one record for both. Merge the two contacts in Ferry.`, crmError: 'duplicate Email in one push' });
  }
  return { unique, duplicates };
}

export async function upsertContacts(deps: UpsertDeps, items: PushItem[]): Promise<PushResult[]> {
  const entries = items.map((item) => ({ item, record: recordFor(item, deps.wire) }));
  const linked = entries.filter((e) => e.item.externalId !== null);
  const { unique: fresh, duplicates } = splitSameEmail(entries.filter((e) => e.item.externalId === null), linked);
  const results: PushResult[] = [...duplicates];
  for (const [group, order] of [[linked, [FERRY_ID_FIELD]], [fresh, [FERRY_ID_FIELD, 'Email']]] as const) {
    for (let i = 0; i < group.length; i += 100) results.push(...(await upsertCall(deps, group.slice(i, i + 100), [...order])));
  }
  const byContact = new Map(results.map((r) => [r.contactId, r]));
  return items.map((item) => byContact.get(item.contactId) ?? { contactId: item.contactId, outcome: 'retry', message: 'Zoho CRM did not confirm this contact. Ferry will send it again.', crmError: 'no result' });
}
