import { zohoWriteCredits } from '../../../destinations/zoho';
import type { Reply, SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import type { ZohoContext, ZohoRoute } from './context';
import { SYSTEM_DUPLICATE_CHECK_FIELDS, type FieldMeta } from './fields';
import type { ZohoRecord } from './store';
import { coqlCredits, parseSelect, runSelect } from './coql-query';
import { checkValue, valueOut } from './typed-values';
import { invalidData, invalidModule, limitExceeded, MAX_RECORDS_PER_CALL, ZohoError, type ZohoErrorBody } from './wire';

/**
 * POST /crm/{version}/Contacts/upsert, as "Insert or Update Records (Upsert)"
 * describes it (zoho.com/crm/developer/docs/api/v8/upsert-records.html):
 * - at most 100 records per call; each is checked against the duplicate check
 *   fields in order (those named in `duplicate_check_fields`, then the other
 *   user-defined unique fields; Email, Contacts' system-defined one, only when
 *   named or when nothing is named); the first match is updated, else a record is
 *   inserted;
 * - each record answers on its own: `code: SUCCESS`, `action: insert|update`,
 *   `duplicate_field`, `details.id`; or INVALID_DATA (a value of the wrong type or
 *   longer than the field), MANDATORY_NOT_FOUND (Last_Name), DUPLICATE_DATA (a
 *   user-defined unique value another record holds);
 * - records are processed in order, so a later record of the call sees an earlier one.
 */

const WRITE_SCOPES = ['ZohoCRM.modules.contacts.WRITE', 'ZohoCRM.modules.contacts.CREATE'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type Outcome = { ok: true; body: Record<string, unknown> } | { ok: false; body: ZohoErrorBody };

export const recordError = (code: string, message: string, details: Record<string, unknown>): Outcome => ({ ok: false, body: { code, details, message, status: 'error' } });

function parseBody(req: SandboxRequest): { data: unknown[]; duplicateCheck: string[] | undefined } {
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody);
  } catch {
    throw invalidData({}, 'body is not a valid JSON');
  }
  const b = (body ?? {}) as { data?: unknown; duplicate_check_fields?: unknown };
  if (!Array.isArray(b.data) || b.data.length === 0) throw invalidData({ api_name: 'data' }, 'data is missing or empty');
  if (b.data.length > MAX_RECORDS_PER_CALL) throw limitExceeded();
  const dc = b.duplicate_check_fields;
  if (dc !== undefined && (!Array.isArray(dc) || dc.some((f) => typeof f !== 'string'))) throw invalidData({ api_name: 'duplicate_check_fields' });
  return { data: b.data, duplicateCheck: dc as string[] | undefined };
}

/** The order fields are checked in (upsert-records.html, "How does the duplicate check work?"). */
function checkOrder(named: string[] | undefined, unique: FieldMeta[]): string[] {
  const uniqueNames = unique.map((f) => f.api_name);
  if (named === undefined || named.length === 0) return [...SYSTEM_DUPLICATE_CHECK_FIELDS, ...uniqueNames];
  for (const f of named) if (!SYSTEM_DUPLICATE_CHECK_FIELDS.includes(f) && !uniqueNames.includes(f)) throw invalidData({ api_name: f, json_path: '$.duplicate_check_fields' }, 'the field is not a duplicate check field');
  return [...named, ...uniqueNames.filter((u) => !named.includes(u))];
}

/** The record's values as text (null clears), or the INVALID_DATA / MANDATORY_NOT_FOUND of its first bad value. */
export function values(ctx: ZohoContext, input: unknown, index: number): { values: Record<string, string | null> } | { error: Outcome } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { error: recordError('INVALID_DATA', 'invalid data', { json_path: `$.data[${index}]` }) };
  const out: Record<string, string | null> = {};
  for (const [key, raw] of Object.entries(input as Record<string, unknown>)) {
    if (key.startsWith('$') || key === 'id') continue;
    const path = `$.data[${index}].${key}`;
    const meta = ctx.store.field(key);
    if (!meta) return { error: recordError('INVALID_DATA', 'invalid data', { api_name: key, json_path: path }) };
    if (raw === null || raw === '') {
      out[key] = null;
      continue;
    }
    const checked = checkValue(meta, raw);
    if ('readOnly' in checked) return { error: recordError('INVALID_DATA', 'the field is read only', { api_name: key, json_path: path }) };
    if ('expected' in checked) return { error: recordError('INVALID_DATA', 'invalid data', { api_name: key, expected_data_type: checked.expected, json_path: path }) };
    const text = checked.text;
    if (meta.data_type === 'email' && (!EMAIL.test(text) || (ctx.settings.rejectEmailPattern?.test(text) ?? false))) {
      return { error: recordError('INVALID_DATA', 'invalid data', { api_name: key, expected_data_type: 'email', json_path: path }) };
    }
    if (text.length > meta.length) return { error: recordError('INVALID_DATA', 'invalid data', { api_name: key, maximum_length: meta.length, json_path: path }) };
    out[key] = text;
  }
  return { values: out };
}

function upsertOne(ctx: ZohoContext, input: unknown, index: number, order: string[]): Outcome {
  const parsed = values(ctx, input, index);
  if ('error' in parsed) return parsed.error;
  const v = parsed.values;
  let target: ZohoRecord | undefined;
  let matchedOn: string | null = null;
  for (const field of order) {
    const value = v[field];
    if (!value) continue;
    const [found] = ctx.store.findBy(field, value);
    if (found) {
      target = found;
      matchedOn = field;
      break;
    }
  }
  const merged: Record<string, string> = { ...(target?.fields ?? {}) };
  for (const [k, value] of Object.entries(v)) {
    if (value === null) delete merged[k];
    else merged[k] = value;
  }
  if (!merged.Last_Name) return recordError('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'Last_Name', json_path: `$.data[${index}].Last_Name` });
  for (const f of ctx.store.uniqueFields()) {
    const value = merged[f.api_name];
    if (!value) continue;
    const other = ctx.store.findBy(f.api_name, value).find((r) => r !== target);
    if (other) return recordError('DUPLICATE_DATA', 'duplicate data', { api_name: f.api_name, json_path: `$.data[${index}].${f.api_name}`, duplicate_record: { id: other.id, module: { api_name: 'Contacts' } } });
  }
  const at = ctx.now();
  const iso = new Date(at).toISOString().replace(/\.\d{3}Z$/, '+00:00');
  const user = { name: 'Sandbox User', id: '4150868000000225013' };
  if (target) {
    ctx.store.write(target, merged);
    target.modifiedAt = at;
    return { ok: true, body: { code: 'SUCCESS', duplicate_field: matchedOn, action: 'update', details: { Modified_Time: iso, Modified_By: user, Created_Time: new Date(target.createdAt).toISOString().replace(/\.\d{3}Z$/, '+00:00'), id: target.id, Created_By: user }, message: 'record updated', status: 'success' } };
  }
  const record: ZohoRecord = { id: ctx.store.newId(), fields: {}, createdAt: at, modifiedAt: at };
  ctx.store.write(record, merged);
  return { ok: true, body: { code: 'SUCCESS', duplicate_field: null, action: 'insert', details: { Modified_Time: iso, Modified_By: user, Created_Time: iso, id: record.id, Created_By: user }, message: 'record added', status: 'success' } };
}

function upsert(req: SandboxRequest, ctx: ZohoContext): Reply {
  if (req.params.module !== 'Contacts') throw invalidModule();
  const { data, duplicateCheck } = parseBody(req);
  const order = checkOrder(duplicateCheck, ctx.store.uniqueFields());
  const results = data.map((input, i) => upsertOne(ctx, input, i, order));
  const failed = results.filter((r) => !r.ok).length;
  // all written: 200; some: 207 Multi-Status; none: 400 with the same per-record list
  const status = failed === 0 ? 200 : failed === results.length ? 400 : 207;
  return { status, body: { data: results.map((r) => r.body) } };
}

/** A record as Zoho's reads answer it: every field asked for (null when empty), values in their JSON types. */
function recordOut(ctx: ZohoContext, record: ZohoRecord, fields?: string[]): Record<string, unknown> {
  const names = fields ?? Object.keys(record.fields);
  const out: Record<string, unknown> = { id: record.id };
  for (const name of names) {
    const text = record.fields[name];
    out[name] = text === undefined ? null : valueOut(ctx.store.field(name), text);
  }
  return out;
}

function getRecord(req: SandboxRequest, ctx: ZohoContext): Reply {
  if (req.params.module !== 'Contacts') throw invalidModule();
  const record = ctx.store.records.get(req.params.id ?? '');
  if (!record) return { status: 204 };
  return { status: 200, body: { data: [recordOut(ctx, record)] } };
}

/** Most ids one GET may name, and most fields it may ask for (get-records.html: `ids`, `fields`). */
const MAX_IDS = 100;
const MAX_FIELDS = 50;

/**
 * GET /crm/{version}/Contacts?ids=…&fields=… (get-records.html): the records
 * with those ids that exist, only the fields asked for; `fields` is mandatory
 * since v3, and an unknown field name is INVALID_DATA. No record: 204.
 */
function getRecords(req: SandboxRequest, ctx: ZohoContext): Reply {
  if (req.params.module !== 'Contacts') throw invalidModule();
  const fields = (req.query.get('fields') ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  if (fields.length === 0) throw new ZohoError(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param: 'fields' });
  if (fields.length > MAX_FIELDS) throw invalidData({ param: 'fields', maximum_length: MAX_FIELDS }, 'too many fields');
  const unknown = fields.find((f) => f !== 'id' && !ctx.store.field(f));
  if (unknown) throw invalidData({ api_name: unknown, param: 'fields' }, 'invalid data');
  const ids = (req.query.get('ids') ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  if (ids.length > MAX_IDS) throw invalidData({ param: 'ids', maximum_length: MAX_IDS }, 'too many ids');
  const records = (ids.length > 0 ? ids.map((id) => ctx.store.records.get(id)) : [...ctx.store.records.values()].slice(0, 200)).filter((r): r is ZohoRecord => r !== undefined);
  if (records.length === 0) return { status: 204 };
  return { status: 200, body: { data: records.map((r) => recordOut(ctx, r, fields.filter((f) => f !== 'id'))), info: { per_page: 200, count: records.length, page: 1, more_records: false } } };
}

/** How many records a write request carries (its credit cost is 1 per 10). */
export function writeCost(req: SandboxRequest): number {
  try {
    const data = (JSON.parse(req.rawBody) as { data?: unknown }).data;
    return zohoWriteCredits(Array.isArray(data) ? data.length : 1);
  } catch {
    return 1;
  }
}

/**
 * POST /crm/{version}/coql (query-api.html), for the one query shape Ferry
 * sends: `select <fields> from Contacts where Email in ('a', 'b') limit N`.
 * COQL takes at most 50 values in an IN and 2,000 rows per call; anything the
 * sandbox does not parse is SYNTAX_ERROR, as Zoho answers a query it cannot read.
 * No match: 204.
 */
const COQL = /^select\s+(.+?)\s+from\s+Contacts\s+where\s+Email\s+in\s*\((.*)\)\s*(?:limit\s+(\d+))?\s*$/is;
const MAX_IN_VALUES = 50;

function coql(req: SandboxRequest, ctx: ZohoContext): Reply {
  let query = '';
  try {
    const body = JSON.parse(req.rawBody) as { select_query?: unknown };
    query = typeof body.select_query === 'string' ? body.select_query : '';
  } catch {
    throw invalidData({}, 'body is not a valid JSON');
  }
  const m = COQL.exec(query.trim());
  if (!m) {
    // any other SELECT: the general grammar (coql-query.ts), e.g. a pull's keyset page
    const { rows, more } = runSelect(ctx, parseSelect(query));
    if (rows.length === 0) return { status: 204 };
    return { status: 200, body: { data: rows, info: { count: rows.length, more_records: more } } };
  }
  const fields = m[1]!.split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = fields.find((f) => f !== 'id' && !ctx.store.field(f));
  if (unknown) throw new ZohoError(400, 'INVALID_QUERY', 'column given seems to be invalid', { column_name: unknown });
  const values = [...m[2]!.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((v) => v[1]!.replace(/\\(.)/g, '$1'));
  if (values.length > MAX_IN_VALUES) throw new ZohoError(400, 'LIMIT_EXCEEDED', 'the IN operator takes at most 50 values', { operator: 'in' });
  const limit = Math.min(Number(m[3] ?? 200), 2000);
  const rows = values.flatMap((v) => ctx.store.findBy('Email', v));
  const unique = [...new Set(rows)].slice(0, limit);
  if (unique.length === 0) return { status: 204 };
  return { status: 200, body: { data: unique.map((r) => recordOut(ctx, r, fields.filter((f) => f !== 'id'))), info: { count: unique.length, more_records: false } } };
}

/** A COQL call's credits, by its LIMIT (coql-query.ts); a query that does not parse costs 1. */
function coqlCost(req: SandboxRequest): number {
  try {
    const query = (JSON.parse(req.rawBody) as { select_query?: unknown }).select_query;
    const limit = typeof query === 'string' ? /\blimit\s+(\d+)/i.exec(query)?.[1] : undefined;
    return coqlCredits(limit === undefined ? 200 : Number(limit));
  } catch {
    return 1;
  }
}

export function addRecordRoutes(api: Router<ZohoRoute>): void {
  api.add('POST', '/crm/:version/coql', { handler: coql, scopes: ['ZohoCRM.coql.READ'], credits: coqlCost });
  api.add('POST', '/crm/:version/:module/upsert', { handler: upsert, scopes: WRITE_SCOPES, credits: writeCost });
  api.add('GET', '/crm/:version/:module', { handler: getRecords, scopes: ['ZohoCRM.modules.contacts.READ'], credits: 1 });
  api.add('GET', '/crm/:version/:module/:id', { handler: getRecord, scopes: ['ZohoCRM.modules.contacts.READ'], credits: 1 });
}
