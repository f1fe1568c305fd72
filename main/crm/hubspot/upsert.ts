import type { SimplePublicUpsertObject, StandardError } from '@hubspot/api-client/lib/codegen/crm/contacts/index';
import type { PushItem, PushResult } from '../../sync/connector';
import type { HubSpotApis } from './api';
import { crmErrorText, parseErrorBody, propertyLabel, propertyValueErrors, rejectionSentence, uniqueConflict } from './errors';
import { sendIsolating, type IsolationPlan } from './isolate';
import { FERRY_ID, propertiesToSend } from './mapping';
import { HubSpotHttpError } from './transport';

/**
 * Contacts → HubSpot batch upsert. Never "search, then create": HubSpot's search
 * index lags writes, and an upsert keyed on a unique value is idempotent, so a
 * crash or a lost answer at any point and a resend never make a second record.
 *
 * Which key an item is upserted on:
 * - linked (it has an externalId) → `ferry_id`. Every record Ferry writes carries
 *   ferry_id = the contact's uid, so this finds the same record whatever happened
 *   to the e-mail on either side (changed in Ferry, edited in HubSpot). It is the
 *   crash-safe choice over a batch update by record id: a resend after a crash is
 *   the same upsert again, and a record deleted in HubSpot is recreated rather
 *   than failing the whole batch with "object not found";
 * - not linked, with an e-mail → `email`, so a contact the team already has in
 *   HubSpot is updated, not duplicated;
 * - not linked, no e-mail → `ferry_id`.
 */

type UpsertKey = 'email' | typeof FERRY_ID;

interface UpsertEntry {
  item: PushItem;
  idProperty: UpsertKey;
  id: string;
  properties: Record<string, string>;
}

/** Upsert outcome of one item: the PushResult plus, when written, the record id. */
type UpsertResult = PushResult;

const norm = (key: UpsertKey, value: string): string => (key === 'email' ? value.trim().toLowerCase() : value);

function upsertKey(item: PushItem): UpsertKey {
  if (item.externalId !== null) return FERRY_ID;
  return (item.payload.email ?? '').trim() ? 'email' : FERRY_ID;
}

/**
 * HubSpot stores e-mails lower-cased and matches an upsert's natural key exactly
 * (docs/vendor-facts.md, "E-mail upsert keys"): the key and the property are sent
 * lower-cased, so `Bob@Acme.com` finds the `bob@acme.com` HubSpot already has.
 */
export function entryFor(item: PushItem, idProperty: UpsertKey = upsertKey(item)): UpsertEntry {
  const properties = propertiesToSend(item.payload, item.previousPayload);
  properties[FERRY_ID] = item.uid;
  if (properties.email) properties.email = properties.email.trim().toLowerCase();
  const id = idProperty === 'email' ? (properties.email ?? '') : item.uid;
  return { item, idProperty, id, properties };
}

const rejected = (entry: UpsertEntry, message: string, crmError: string): UpsertResult => ({ contactId: entry.item.contactId, outcome: 'rejected', message, crmError });

/**
 * Two items of one batch with the same key: HubSpot would refuse the whole batch,
 * and both would write the same record. The later one is set aside.
 */
function splitDuplicates(entries: UpsertEntry[]): { unique: UpsertEntry[]; duplicates: UpsertResult[] } {
  const seen = new Set<string>();
  const unique: UpsertEntry[] = [];
  const duplicates: UpsertResult[] = [];
  for (const entry of entries) {
    const key = `${entry.idProperty}:${norm(entry.idProperty, entry.id)}`;
    if (!seen.has(key)) {
      seen.add(key);
      unique.push(entry);
      continue;
    }
    duplicates.push(rejected(entry, entry.idProperty === 'email'
      ? `Another contact in Ferry has the same e-mail address '${entry.id}', and HubSpot keeps one contact per address. Merge the two contacts in Ferry.`
      : 'Ferry tried to send this contact twice in one batch; it will be sent again.', `duplicate ${entry.idProperty} in batch`));
  }
  return { unique, duplicates };
}

/** Pairs results with entries: by trace id, then by key value, then by position. */
function pair(entries: UpsertEntry[], results: SimplePublicUpsertObject[]): Map<UpsertEntry, SimplePublicUpsertObject> {
  const out = new Map<UpsertEntry, SimplePublicUpsertObject>();
  const byTrace = new Map(entries.map((e) => [String(e.item.contactId), e]));
  const unmatched: SimplePublicUpsertObject[] = [];
  for (const r of results) {
    const e = r.objectWriteTraceId ? byTrace.get(r.objectWriteTraceId) : undefined;
    if (e && !out.has(e)) out.set(e, r);
    else unmatched.push(r);
  }
  const left: SimplePublicUpsertObject[] = [];
  for (const r of unmatched) {
    const e = entries.find((x) => !out.has(x) && norm(x.idProperty, r.properties?.[x.idProperty] ?? '') === norm(x.idProperty, x.id));
    if (e) out.set(e, r);
    else left.push(r);
  }
  const open = entries.filter((e) => !out.has(e));
  if (open.length === left.length) open.forEach((e, i) => out.set(e, left[i] as SimplePublicUpsertObject));
  return out;
}

/** The trace id Ferry sends with each input: the contact's id, unique within a batch. */
const traceId = (entry: UpsertEntry): string => String(entry.item.contactId);

/**
 * 207 errors → the entries they name. HubSpot names an input by the
 * `objectWriteTraceId` Ferry sent with it (multi-status, developers.hubspot.com/docs/api-reference/error-handling)
 * or by its id; both may sit in `context` (of the error or of its details) or in `id`.
 */
function perRecordErrors(entries: UpsertEntry[], errors: StandardError[] | undefined): Map<UpsertEntry, UpsertResult> {
  const out = new Map<UpsertEntry, UpsertResult>();
  for (const error of errors ?? []) {
    const mentioned = new Set([
      ...Object.values(error.context ?? {}).flat(),
      ...(error.errors ?? []).flatMap((d) => Object.values((d.context ?? {}) as Record<string, string[]>).flat()),
      ...(error.id ? [error.id] : []),
    ].map(String));
    for (const e of entries) {
      if (out.has(e) || !(mentioned.has(traceId(e)) || mentioned.has(e.id) || mentioned.has(e.item.uid))) continue;
      const [detail] = propertyValueErrors(error.message);
      const message = detail ? rejectionSentence(detail, e.properties[detail.name]) : `HubSpot did not accept this contact: ${error.message}`;
      out.set(e, rejected(e, message, `${error.category}: ${error.message}`));
    }
  }
  return out;
}

/**
 * HubSpot refused the batch because a property does not exist (deleted in HubSpot
 * since Ferry last looked): not any record's fault, so no record is rejected; the
 * caller creates the properties and sends the batch again.
 */
export class MissingPropertiesError extends Error {
  constructor(readonly names: string[], readonly response: HubSpotHttpError) {
    super(`HubSpot has no properties ${names.join(', ')}`);
    this.name = 'MissingPropertiesError';
  }
}

async function sendBatch(apis: HubSpotApis, entries: UpsertEntry[]): Promise<UpsertResult[]> {
  let response;
  try {
    response = await apis.contacts.upsert({
      inputs: entries.map((e) => ({ id: e.id, idProperty: e.idProperty, properties: e.properties, objectWriteTraceId: traceId(e) })),
    });
  } catch (error) {
    const missing = error instanceof HubSpotHttpError && error.status === 400
      ? propertyValueErrors(parseErrorBody(error.body).message).filter((d) => d.error === 'PROPERTY_DOESNT_EXIST').map((d) => d.name)
      : [];
    if (error instanceof HubSpotHttpError && missing.length > 0) throw new MissingPropertiesError(missing, error);
    throw error;
  }
  const paired = pair(entries, response.results ?? []);
  const failed = perRecordErrors(entries, 'errors' in response ? response.errors : undefined);
  return entries.map((e): UpsertResult => {
    const r = paired.get(e);
    if (r?.id) return { contactId: e.item.contactId, outcome: r._new ? 'created' : 'updated', externalId: String(r.id) };
    return failed.get(e) ?? { contactId: e.item.contactId, outcome: 'retry', message: 'HubSpot did not confirm this contact. Ferry will send it again.', crmError: 'no result for this input' };
  });
}

/** The entries whose own values HubSpot's error names (the per-property list of a VALIDATION_ERROR); see isolate.ts. */
function named(error: HubSpotHttpError, entries: UpsertEntry[]): Map<UpsertEntry, UpsertResult> {
  const body = parseErrorBody(error.body);
  const message = body.message ?? '';
  const out = new Map<UpsertEntry, UpsertResult>();
  for (const detail of propertyValueErrors(message)) {
    if (detail.error === 'PROPERTY_DOESNT_EXIST') continue;
    for (const e of entries) {
      const value = e.properties[detail.name];
      if (out.has(e) || !value || !names(detail.message ?? '', value)) continue;
      out.set(e, rejected(e, rejectionSentence(detail, value), `${detail.error ?? body.category ?? 'VALIDATION_ERROR'}: ${detail.message ?? message}`));
    }
  }
  return out;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** True when `text` names `value` as a whole word (so 'bob@' does not match 'bob@x.com'). */
const names = (text: string, value: string): boolean => new RegExp(`(^|[\\s"'\\[:(])${escapeRegExp(value)}($|[\\s"',.\\]):;])`).test(text);

/** One entry HubSpot refused on its own. */
async function alone(apis: HubSpotApis, entry: UpsertEntry, error: HubSpotHttpError): Promise<UpsertResult> {
  const crmError = crmErrorText(error);
  const conflict = uniqueConflict(error);
  // Keyed on e-mail, any 409 means a unique value is taken. When it is ferry_id, an
  // earlier push created that record (before the link was saved, or before the
  // contact had this e-mail): upserting on ferry_id updates it. When it is the
  // e-mail, the ferry_id upsert meets the same conflict and reports it below.
  if (entry.idProperty === 'email' && error.status === 409) {
    const [result] = await sendIsolating([entryFor(entry.item, FERRY_ID)], upsertPlan(apis));
    if (result) return result;
  }
  if (conflict) {
    const candidates = conflict.existingId ? [conflict.existingId] : [];
    const email = entry.properties.email;
    const field = conflict.fields.find((f) => f !== FERRY_ID) ?? 'email';
    return {
      contactId: entry.item.contactId,
      outcome: 'conflict',
      message: field === 'email' && email
        ? `HubSpot already has another contact with the e-mail address '${email}'. Merge the two in HubSpot, or change the address in Ferry.`
        : `HubSpot already has another contact with the same ${propertyLabel(field).replace(/^the /, '')}${entry.properties[field] ? ` ('${entry.properties[field]}')` : ''}. Merge the two in HubSpot, or change it in Ferry.`,
      crmError,
      candidates,
    };
  }
  const message = parseErrorBody(error.body).message ?? '';
  const [detail] = propertyValueErrors(message);
  if (detail) return rejected(entry, rejectionSentence(detail, entry.properties[detail.name]), `${detail.error ?? 'VALIDATION_ERROR'}: ${detail.message ?? message}`);
  return rejected(entry, `HubSpot did not accept this contact: ${message || `HTTP ${error.status}`}`, crmError);
}

/** Rekeying terminates: a rekeyed entry is keyed on ferry_id, which is never rekeyed. */
function upsertPlan(apis: HubSpotApis): IsolationPlan<UpsertEntry, UpsertResult> {
  return {
    send: (entries) => sendBatch(apis, entries),
    named,
    alone: (entry, error) => alone(apis, entry, error),
  };
}

/** Upserts the entries, isolating records HubSpot refuses; one result per entry. */
export async function upsertContacts(apis: HubSpotApis, entries: UpsertEntry[]): Promise<UpsertResult[]> {
  const { unique, duplicates } = splitDuplicates(entries);
  return [...(await sendIsolating(unique, upsertPlan(apis))), ...duplicates];
}

/** What makes two upserts of a contact the same request: its key and the properties sent. */
function upsertIdentity(item: PushItem): string {
  const e = entryFor(item);
  return JSON.stringify([e.idProperty, e.id, e.properties]);
}

/**
 * Upserts HubSpot accepted in this process whose contacts' next steps (notes,
 * company links) a refused request cut short (issue 19). When the same contact
 * comes back with the very same upsert within `keepMs`, HubSpot's answer is used
 * again instead of sending it twice; any change to the contact sends it anew.
 * Only for contacts none of whose next steps was tried: their notes start afresh.
 */
export class AcceptedUpserts {
  private readonly held = new Map<number, { identity: string; result: PushResult; at: number }>();

  constructor(private readonly now: () => number, private readonly keepMs = 10 * 60_000) {}

  remember(item: PushItem, result: PushResult): void {
    this.held.set(item.contactId, { identity: upsertIdentity(item), result, at: this.now() });
  }

  /** HubSpot's earlier answer to exactly this upsert, if any; forgotten either way. */
  take(item: PushItem): PushResult | undefined {
    const held = this.held.get(item.contactId);
    this.held.delete(item.contactId);
    return held && held.identity === upsertIdentity(item) && this.now() - held.at <= this.keepMs ? held.result : undefined;
  }
}
