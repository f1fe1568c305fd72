import type { Reply, SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import { zohoTime } from './coql-query';
import type { ZohoContext, ZohoRoute } from './context';
import { recordError, values, writeCost, type Outcome } from './records-routes';
import { invalidData, invalidModule, limitExceeded, MAX_RECORDS_PER_CALL, ZohoError } from './wire';

/**
 * Update, delete and the deleted-records list, as zoho/crm-oas v8.0 describes them
 * (record/operations/updateRecords, deleteRecords, getDeletedRecords):
 * - PUT /{module}: at most 100 records, each with its `id`; each answers on its
 *   own (`SUCCESS` "record updated" with `details.id`, or INVALID_DATA /
 *   DUPLICATE_DATA); 200 all, 207 some, 400 none; Modified_Time moves;
 * - DELETE /{module}?ids=…: at most 100 ids; a deleted record goes to the Recycle
 *   Bin; `SUCCESS` "record deleted" or INVALID_DATA "record not deleted", with `details.id`;
 * - GET /{module}/deleted?type=all|recycle|permanent&page&per_page (200 at most):
 *   `id`, `display_name`, `type`, `deleted_time`; `info.more_records`; see deletedList.
 */

const user = { name: 'Sandbox User', id: '4150868000000225013' };

function updateOne(ctx: ZohoContext, input: unknown, index: number): Outcome {
  const id = typeof input === 'object' && input !== null ? (input as { id?: unknown }).id : undefined;
  const record = typeof id === 'string' || typeof id === 'number' ? ctx.store.records.get(String(id)) : undefined;
  if (!record) return recordError('INVALID_DATA', 'the id given seems to be invalid', { api_name: 'id', json_path: `$.data[${index}].id` });
  const parsed = values(ctx, input, index);
  if ('error' in parsed) return parsed.error;
  const merged: Record<string, string> = { ...record.fields };
  for (const [k, value] of Object.entries(parsed.values)) {
    if (value === null) delete merged[k];
    else merged[k] = value;
  }
  if (!merged.Last_Name) return recordError('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'Last_Name', json_path: `$.data[${index}].Last_Name` });
  for (const f of ctx.store.uniqueFields()) {
    const value = merged[f.api_name];
    const other = value ? ctx.store.findBy(f.api_name, value).find((r) => r !== record) : undefined;
    if (other) return recordError('DUPLICATE_DATA', 'duplicate data', { api_name: f.api_name, json_path: `$.data[${index}].${f.api_name}`, duplicate_record: { id: other.id, module: { api_name: 'Contacts' } } });
  }
  ctx.store.write(record, merged);
  record.modifiedAt = ctx.now();
  return { ok: true, body: { code: 'SUCCESS', details: { Modified_Time: zohoTime(record.modifiedAt), Modified_By: user, Created_Time: zohoTime(record.createdAt), id: record.id, Created_By: user }, message: 'record updated', status: 'success' } };
}

const multiStatus = (results: Outcome[]): Reply => {
  const failed = results.filter((r) => !r.ok).length;
  return { status: failed === 0 ? 200 : failed === results.length ? 400 : 207, body: { data: results.map((r) => r.body) } };
};

function update(req: SandboxRequest, ctx: ZohoContext): Reply {
  if (req.params.module !== 'Contacts') throw invalidModule();
  let data: unknown;
  try {
    data = (JSON.parse(req.rawBody) as { data?: unknown }).data;
  } catch {
    throw invalidData({}, 'body is not a valid JSON');
  }
  if (!Array.isArray(data) || data.length === 0) throw invalidData({ api_name: 'data' }, 'data is missing or empty');
  if (data.length > MAX_RECORDS_PER_CALL) throw limitExceeded();
  return multiStatus(data.map((input, i) => updateOne(ctx, input, i)));
}

function remove(req: SandboxRequest, ctx: ZohoContext): Reply {
  if (req.params.module !== 'Contacts') throw invalidModule();
  const ids = (req.query.get('ids') ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  if (ids.length === 0) throw new ZohoError(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param_name: 'ids' });
  if (ids.length > MAX_RECORDS_PER_CALL) throw new ZohoError(400, 'LIMIT_EXCEEDED', 'the number of records to be deleted exceeds the maximum limit of 100', { limit: MAX_RECORDS_PER_CALL });
  return multiStatus(ids.map((id): Outcome => (ctx.store.remove(id, 'recycle', ctx.now())
    ? { ok: true, body: { code: 'SUCCESS', details: { id }, message: 'record deleted', status: 'success' } }
    : recordError('INVALID_DATA', 'record not deleted', { id }))));
}

const MAX_PER_PAGE = 200;

/** ISO 8601 date-time to the second, with an offset or Z (the header's documented format) */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/;
const second = (ms: number): number => Math.floor(ms / 1000);

/**
 * The deleted-records list (zoho/crm-oas v8.0 record/operations/getDeletedRecords):
 * - order: the spec's example lists the Recycle Bin's entries newest first, then the
 *   permanent ones (examples/response-200-deletedrecords.md: recycle 2015-06-19,
 *   recycle 2015-04-07, then permanent 2016-10-26), so the list is NOT newest first
 *   overall, and a client must not take its first entry for the newest;
 * - `If-Modified-Since` (header, ISO 8601): "get the list of records modified after
 *   the specified timestamp"; a deleted entry's only time is `deleted_time`, kept to
 *   the second, so the sandbox lists entries whose deleted_time is strictly after the
 *   header's second;
 * - nothing after that time: 304 with no body (Zoho's status codes page,
 *   zoho.com/crm/developer/docs/api/v8/status-codes.html: "Not Modified … has not
 *   been modified after the time mentioned in the If-Modified-Since header in a GET
 *   API"; Zoho's own sample for this call handles 204 and 304 alike,
 *   zoho/zohocrm-nodejs-sdk-2.1 samples/records/getDeletedRecords.js); no header and
 *   nothing listed, or a page past the end: 204 (the operation's documented answer);
 * - a header that is not ISO 8601: Zoho's answer is undocumented; the sandbox refuses
 *   it (400) so a client that sends another format shows up in tests.
 */
function deletedList(req: SandboxRequest, ctx: ZohoContext): Reply {
  if (req.params.module !== 'Contacts') throw invalidModule();
  const type = req.query.get('type') ?? 'all';
  if (!['all', 'recycle', 'permanent'].includes(type)) throw new ZohoError(400, 'PATTERN_NOT_MATCHED', 'Please check whether the input values are correct', { param_name: 'type' });
  const page = Number(req.query.get('page') ?? '1');
  const perPage = Number(req.query.get('per_page') ?? String(MAX_PER_PAGE));
  if (!Number.isInteger(page) || page < 1) throw new ZohoError(400, 'PATTERN_NOT_MATCHED', 'Please check whether the input values are correct', { param_name: 'page' });
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) throw new ZohoError(400, 'PATTERN_NOT_MATCHED', 'Please check whether the input values are correct', { param_name: 'per_page' });
  const header = req.headers['if-modified-since'];
  const since = typeof header === 'string' ? header.trim() : undefined;
  if (since !== undefined && (!ISO_DATE_TIME.test(since) || Number.isNaN(Date.parse(since)))) {
    throw new ZohoError(400, 'PATTERN_NOT_MATCHED', 'Please check whether the input values are correct', { header_name: 'If-Modified-Since' });
  }
  const sinceSecond = since === undefined ? undefined : second(Date.parse(since));
  const newestFirst = (t: 'recycle' | 'permanent') => ctx.store.deleted.filter((d) => d.type === t).slice().reverse();
  const all = [...newestFirst('recycle'), ...newestFirst('permanent')]
    .filter((d) => type === 'all' || d.type === type)
    .filter((d) => sinceSecond === undefined || second(d.deletedAt) > sinceSecond);
  if (all.length === 0 && sinceSecond !== undefined) return { status: 304 };
  const slice = all.slice((page - 1) * perPage, page * perPage);
  if (slice.length === 0) return { status: 204 };
  return {
    status: 200,
    body: {
      data: slice.map((d) => ({
        deleted_by: d.type === 'recycle' ? user : null, id: d.id, display_name: d.displayName, type: d.type,
        created_by: d.type === 'recycle' ? user : null, deleted_time: zohoTime(d.deletedAt),
      })),
      info: { per_page: perPage, count: slice.length, page, more_records: all.length > page * perPage },
    },
  };
}

/** Registered before the records routes: /Contacts/deleted would also match /:module/:id. */
export function addUpdateDeleteRoutes(api: Router<ZohoRoute>): void {
  api.add('GET', '/crm/:version/:module/deleted', { handler: deletedList, scopes: ['ZohoCRM.modules.contacts.READ', 'ZohoCRM.modules.READ'], credits: 1 });
  api.add('PUT', '/crm/:version/:module', { handler: update, scopes: ['ZohoCRM.modules.contacts.WRITE', 'ZohoCRM.modules.contacts.UPDATE'], credits: writeCost });
  api.add('DELETE', '/crm/:version/:module', { handler: remove, scopes: ['ZohoCRM.modules.contacts.DELETE', 'ZohoCRM.modules.contacts.ALL'], credits: (req) => Math.max(1, Math.ceil((req.query.get('ids') ?? '').split(',').filter(Boolean).length / 10)) });
}
