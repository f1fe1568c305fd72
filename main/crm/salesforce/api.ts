import { z } from 'zod';
import type { Connection as SfConnection } from 'jsforce';
import { SyncError } from '../../sync/connector';
import { recordErrorSchema, type RecordError } from './errors';
import type { SalesforceObject } from './mapping';
import { describeSchema, FERRY_ID_FIELD, orgFieldsOf, type OrgFields } from './org-fields';

/**
 * The REST calls Ferry makes, through jsforce's request pipeline (so the
 * session refresh and the hooked transport apply), with every answer parsed.
 */

/** sObject Collections accept at most this many records per call. */
export const COLLECTION_SIZE = 200;
/** Budget for a query URL: under Salesforce's 16,384 bytes for URI plus headers, leaving ~2 KB for the path and headers (a bearer token, a few short headers). */
export const MAX_QUERY_URL_BYTES = 14_000;

/** Duplicate rules: never save over an alert, and name the matching records. */
export const DUPLICATE_HEADER = { 'Sforce-Duplicate-Rule-Header': 'allowSave=false; includeRecordDetails=true; runAsCurrentUser=true' };

const saveResultSchema = z.union([
  z.object({ success: z.literal(true), id: z.string(), created: z.boolean().optional() }).passthrough(),
  z.object({ success: z.literal(false), errors: z.array(recordErrorSchema).catch([]) }).passthrough(),
]);
export type SaveResult = { ok: true; id: string; created?: boolean } | { ok: false; errors: RecordError[] };

function parseResults(raw: unknown, expected: number): SaveResult[] {
  const parsed = z.array(saveResultSchema).safeParse(raw);
  if (!parsed.success || parsed.data.length !== expected) {
    throw new SyncError('server', 'Salesforce sent an answer Ferry could not read. Ferry will try again.', { crmError: `unexpected collection result: ${JSON.stringify(raw).slice(0, 300)}` });
  }
  return parsed.data.map((r) => (r.success ? { ok: true, id: r.id, ...(r.created === undefined ? {} : { created: r.created }) } : { ok: false, errors: r.errors }));
}

export type SfRecordInput = Record<string, string | null>;

async function collection(conn: SfConnection, method: 'POST' | 'PATCH', path: string, records: Array<Record<string, unknown>>): Promise<SaveResult[]> {
  if (records.length === 0) return [];
  if (records.length > COLLECTION_SIZE) throw new RangeError(`at most ${COLLECTION_SIZE} records per collection call`);
  const raw: unknown = await conn.request({
    method, url: path,
    body: JSON.stringify({ allOrNone: false, records }),
    headers: { 'content-type': 'application/json', ...DUPLICATE_HEADER },
  });
  return parseResults(raw, records.length);
}

export function createRecords(conn: SfConnection, object: SalesforceObject, records: SfRecordInput[]): Promise<SaveResult[]> {
  return collection(conn, 'POST', '/composite/sobjects', records.map((r) => ({ attributes: { type: object }, ...r })));
}

export function updateRecords(conn: SfConnection, object: SalesforceObject, records: Array<{ id: string; fields: SfRecordInput }>): Promise<SaveResult[]> {
  return collection(conn, 'PATCH', '/composite/sobjects', records.map((r) => ({ attributes: { type: object }, id: r.id, ...r.fields })));
}

/** Upsert keyed on Ferry_Id__c: a resend after a crash finds the record it created. */
export function upsertByFerryId(conn: SfConnection, object: SalesforceObject, records: SfRecordInput[]): Promise<SaveResult[]> {
  return collection(conn, 'PATCH', `/composite/sobjects/${object}/${FERRY_ID_FIELD}`, records.map((r) => ({ attributes: { type: object }, ...r })));
}

/**
 * One describe call: whether Ferry_Id__c is a usable upsert key, and the
 * custom text fields the mapping may write (see org-fields.ts).
 */
export async function describeOrg(conn: SfConnection, object: SalesforceObject): Promise<OrgFields> {
  const raw: unknown = await conn.request(`/sobjects/${object}/describe`);
  const parsed = describeSchema.safeParse(raw);
  if (!parsed.success) throw new SyncError('server', 'Salesforce sent a field list Ferry could not read. Ferry will try again.', { crmError: 'unexpected describe result' });
  return orgFieldsOf(parsed.data);
}

const soqlString = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * `SELECT Id, Email FROM X WHERE Email IN (…)` split so that each query URL
 * stays within MAX_QUERY_URL_BYTES (jsforce sends SOQL URI-encoded in the URL).
 */
export function emailQueries(object: SalesforceObject, emails: string[], baseUrlBytes: number): string[] {
  const head = `SELECT Id, Email FROM ${object} WHERE Email IN (`;
  const budget = MAX_QUERY_URL_BYTES - baseUrlBytes;
  const queries: string[] = [];
  let current: string[] = [];
  let size = encodeURIComponent(head).length + encodeURIComponent(')').length;
  for (const email of emails) {
    const part = encodeURIComponent((current.length > 0 ? ',' : '') + soqlString(email)).length;
    if (current.length > 0 && size + part > budget) {
      queries.push(`${head}${current.join(',')})`);
      current = [];
      size = encodeURIComponent(head).length + encodeURIComponent(')').length;
    }
    current.push(soqlString(email));
    size += encodeURIComponent((current.length > 1 ? ',' : '') + soqlString(email)).length;
  }
  if (current.length > 0) queries.push(`${head}${current.join(',')})`);
  return queries;
}

const queryPageSchema = z.object({
  done: z.boolean().catch(true),
  nextRecordsUrl: z.string().optional(),
  records: z.array(z.object({ Id: z.string(), Email: z.string().nullable().optional() }).passthrough()),
}).passthrough();

/** Lowercased e-mail → ids of the records holding it, following every page. */
export async function findByEmail(conn: SfConnection, object: SalesforceObject, emails: string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const baseBytes = Buffer.byteLength(`${conn.instanceUrl}/services/data/v${conn.version}/query?q=`);
  for (const soql of emailQueries(object, [...new Set(emails.map((e) => e.toLowerCase()))], baseBytes)) {
    let url: string | undefined = `/query?q=${encodeURIComponent(soql)}`;
    while (url) {
      const page = queryPageSchema.safeParse(await conn.request(url));
      if (!page.success) throw new SyncError('server', 'Salesforce sent search results Ferry could not read. Ferry will try again.', { crmError: 'unexpected query result' });
      for (const r of page.data.records) {
        const key = (r.Email ?? '').toLowerCase();
        if (key) found.set(key, [...(found.get(key) ?? []), r.Id]);
      }
      url = page.data.done ? undefined : page.data.nextRecordsUrl;
    }
  }
  return found;
}
