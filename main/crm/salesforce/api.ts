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
/**
 * Longest query URL Ferry sends, whole (instance, path and query). Salesforce's hard
 * limit is 16,384 bytes for URI plus headers, but "SOQL queries get translated and
 * augmented with more information needed by the server side … It's recommended to
 * limit URI length to 2000 characters" (Salesforce Help, knowledge article 000386264).
 */
const MAX_QUERY_URL_BYTES = 2_000;

/** Duplicate rules: never save over an alert, and name the matching records. */
const DUPLICATE_HEADER = { 'Sforce-Duplicate-Rule-Header': 'allowSave=false; includeRecordDetails=true; runAsCurrentUser=true' };

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

export function createRecords(conn: SfConnection, object: SalesforceObject | 'Account', records: SfRecordInput[]): Promise<SaveResult[]> {
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

const emailSoql = (object: SalesforceObject, emails: string[]): string => `SELECT Id, Email FROM ${object} WHERE Email IN (${emails.map(soqlString).join(',')})`;

/**
 * The addresses in groups whose query URL (`SELECT Id, Email FROM X WHERE Email IN
 * (…)`, URI-encoded as jsforce sends it) stays within MAX_QUERY_URL_BYTES.
 */
export function emailGroups(object: SalesforceObject, emails: string[], baseUrlBytes: number): string[][] {
  const budget = MAX_QUERY_URL_BYTES - baseUrlBytes;
  const groups: string[][] = [];
  let current: string[] = [];
  for (const email of emails) {
    if (current.length > 0 && encodeURIComponent(emailSoql(object, [...current, email])).length > budget) {
      groups.push(current);
      current = [];
    }
    current.push(email);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

const queryPageSchema = z.object({
  done: z.boolean().catch(true),
  nextRecordsUrl: z.string().optional(),
  records: z.array(z.object({ Id: z.string(), Email: z.string().nullable().optional() }).passthrough()),
}).passthrough();

const tooLong = (error: unknown): boolean => error instanceof SyncError && (error.details.status === 414 || error.details.status === 431);

/** Composite: up to 25 subrequests count as one API call (Salesforce REST API guide, "Composite"). */
const COMPOSITE_SUBREQUESTS = 25;

const compositeSchema = z.object({
  compositeResponse: z.array(z.object({ body: z.unknown(), httpStatusCode: z.number(), referenceId: z.string() }).passthrough()),
}).passthrough();

type QueryPage = z.infer<typeof queryPageSchema>;

const unreadable = (): SyncError => new SyncError('server', 'Salesforce sent search results Ferry could not read. Ferry will try again.', { crmError: 'unexpected query result' });

function collect(page: QueryPage, found: Map<string, string[]>): void {
  for (const r of page.records) {
    const key = (r.Email ?? '').toLowerCase();
    if (key) found.set(key, [...(found.get(key) ?? []), r.Id]);
  }
}

/** The remaining pages of a query, by nextRecordsUrl. */
async function followPages(conn: SfConnection, first: QueryPage, found: Map<string, string[]>): Promise<void> {
  collect(first, found);
  let url = first.done ? undefined : first.nextRecordsUrl;
  while (url) {
    const page = queryPageSchema.safeParse(await conn.request(url));
    if (!page.success) throw unreadable();
    collect(page.data, found);
    url = page.data.done ? undefined : page.data.nextRecordsUrl;
  }
}

/**
 * Runs up to 25 e-mail queries as ONE Composite request: the SOQL travels in the
 * body (no URI or header limit), and the call counts once. A 414/431 splits the
 * request and tries the halves, down to single queries.
 */
async function queryGroups(conn: SfConnection, object: SalesforceObject, groups: string[][], found: Map<string, string[]>): Promise<void> {
  const base = `/services/data/v${conn.version}`;
  let raw: unknown;
  try {
    raw = await conn.request({
      method: 'POST', url: '/composite',
      body: JSON.stringify({ allOrNone: false, compositeRequest: groups.map((g, i) => ({ method: 'GET', url: `${base}/query?q=${encodeURIComponent(emailSoql(object, g))}`, referenceId: `lookup${i}` })) }),
      headers: { 'content-type': 'application/json' },
    });
  } catch (error) {
    const [only] = groups;
    if (!tooLong(error) || !only || (groups.length < 2 && only.length < 2)) throw error;
    // several queries: half of them per call; one query: half of its addresses per query
    const halves = groups.length >= 2
      ? [groups.slice(0, Math.ceil(groups.length / 2)), groups.slice(Math.ceil(groups.length / 2))]
      : [[only.slice(0, Math.ceil(only.length / 2))], [only.slice(Math.ceil(only.length / 2))]];
    for (const half of halves) await queryGroups(conn, object, half, found);
    return;
  }
  const parsed = compositeSchema.safeParse(raw);
  if (!parsed.success || parsed.data.compositeResponse.length !== groups.length) throw unreadable();
  for (const sub of parsed.data.compositeResponse) {
    const page = queryPageSchema.safeParse(sub.body);
    if (sub.httpStatusCode !== 200 || !page.success) {
      throw new SyncError('server', 'Salesforce could not look up contacts by e-mail right now. Ferry will try again.', { status: sub.httpStatusCode, crmError: JSON.stringify(sub.body).slice(0, 500) });
    }
    await followPages(conn, page.data, found);
  }
}

/**
 * Lowercased e-mail → ids of the records holding it, following every page. Each
 * query stays a URL Salesforce would accept on its own (MAX_QUERY_URL_BYTES); they
 * are sent 25 to a Composite call.
 */
export async function findByEmail(conn: SfConnection, object: SalesforceObject, emails: string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const baseBytes = Buffer.byteLength(`${conn.instanceUrl}/services/data/v${conn.version}/query?q=`);
  const groups = emailGroups(object, [...new Set(emails.map((e) => e.toLowerCase()))], baseBytes);
  for (let i = 0; i < groups.length; i += COMPOSITE_SUBREQUESTS) await queryGroups(conn, object, groups.slice(i, i + COMPOSITE_SUBREQUESTS), found);
  return found;
}

const convertedSchema = z.object({
  records: z.array(z.object({ Id: z.string(), ConvertedContactId: z.string().nullable().optional() }).passthrough()),
}).passthrough();

/** Lead id → the Contact it was converted into (ConvertedContactId), for converted Leads. */
export async function convertedContacts(conn: SfConnection, leadIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const ids = [...new Set(leadIds)].filter((id) => /^[a-zA-Z0-9]{15,18}$/.test(id));
  // 60 ids keep the URL well under the 2,000 characters Salesforce recommends
  for (let i = 0; i < ids.length; i += 60) {
    const soql = `SELECT Id, ConvertedContactId FROM Lead WHERE Id IN (${ids.slice(i, i + 60).map(soqlString).join(',')})`;
    const parsed = convertedSchema.safeParse(await conn.request(`/query?q=${encodeURIComponent(soql)}`));
    if (!parsed.success) throw new SyncError('server', 'Salesforce sent an answer Ferry could not read. Ferry will try again.', { crmError: 'unexpected converted-lead query result' });
    for (const r of parsed.data.records) if (r.ConvertedContactId) out.set(r.Id, r.ConvertedContactId);
  }
  return out;
}

const valuesSchema = z.object({ records: z.array(z.record(z.string(), z.unknown())) }).passthrough();

/**
 * Current values of `fields` for records found by Id or by Email (lower-cased),
 * keyed the same way; 50 keys a query keep each URL under the 2,000 characters
 * Salesforce recommends. For "fill only if empty" (main/mapping/).
 */
export async function currentValues(conn: SfConnection, object: SalesforceObject, by: 'Id' | 'Email', keys: string[], fields: string[]): Promise<Map<string, Record<string, string | null>>> {
  const out = new Map<string, Record<string, string | null>>();
  const unique = [...new Set(keys)];
  const columns = [...new Set(['Id', 'Email', ...fields])].join(', ');
  for (let i = 0; i < unique.length; i += 50) {
    const soql = `SELECT ${columns} FROM ${object} WHERE ${by} IN (${unique.slice(i, i + 50).map(soqlString).join(',')})`;
    const parsed = valuesSchema.safeParse(await conn.request(`/query?q=${encodeURIComponent(soql)}`));
    if (!parsed.success) throw unreadable();
    for (const r of parsed.data.records) {
      const values = Object.fromEntries(fields.map((f) => [f, r[f] === null || r[f] === undefined ? null : String(r[f])]));
      const key = by === 'Id' ? String(r.Id) : String(r.Email ?? '').toLowerCase();
      if (!out.has(key)) out.set(key, values);
    }
  }
  return out;
}
