import type { Connection as SfConnection } from 'jsforce';
import { z } from 'zod';
import { SyncError, type PullPage, type PulledRecord } from '../../sync/connector';
import { COLLECTION_SIZE, updateRecords } from './api';
import type { SalesforceObject } from './mapping';
import { FERRY_ID_FIELD } from './org-fields';

/**
 * Salesforce pull: SOQL on SystemModstamp, page by page through queryMore.
 *
 *   SELECT <fields>, Id, SystemModstamp FROM Contact
 *     WHERE (SystemModstamp = X AND Id > 'Y') OR SystemModstamp > X
 *     ORDER BY SystemModstamp, Id
 *
 * Why SystemModstamp and not LastModifiedDate: it is "the date and time when a user
 * or automated process (such as a trigger) last modified this record" (SOAP API
 * Developer Guide, "System Fields", developer.salesforce.com/docs/atlas.en-us.api.meta/
 * api/system_fields.htm), so it also moves on system updates LastModifiedDate misses,
 * and it is one of the standard indexed fields a selective filter can use (SOQL and
 * SOSL Reference, "Working with Very Large SOQL Queries": Id, Name, OwnerId,
 * CreatedDate, SystemModstamp, RecordType…).
 *
 * The cursor the engine stores after each applied page is `{ at, marks }`: for each
 * object, the (SystemModstamp, Id) of the last record applied. That is everything a
 * resume needs: a `nextRecordsUrl` locator expires (15 minutes idle, or when the user
 * opens an eleventh cursor) and does not survive Ferry, so it is kept in memory only,
 * and a pull without one (after a crash, or INVALID_QUERY_LOCATOR) queries again
 * from the mark. Many records can share one SystemModstamp (a mass update, an
 * import): the `= X AND Id > Y` arm reads the ones after the mark at that same
 * instant, which `> X` alone would skip.
 *
 * Pages: `Sforce-Query-Options: batchSize=500` (REST API Developer Guide, "Query
 * Options Header": 2,000 by default, 200 at least, and not guaranteed), so a crash
 * redoes at most 500 records and a page's stamp calls (200 records each) stay few.
 */
export const PULL_BATCH_SIZE = 500;

const markSchema = z.object({ stamp: z.string(), id: z.string() });
type Mark = z.infer<typeof markSchema>;
const cursorSchema = z.object({ at: z.enum(['Contact', 'Lead']), marks: z.record(z.string(), markSchema) });
interface Cursor { at: SalesforceObject; marks: Partial<Record<SalesforceObject, Mark>> }

function readCursor(raw: Readonly<Record<string, unknown>>, objects: readonly SalesforceObject[]): Cursor {
  const parsed = cursorSchema.safeParse(raw);
  const first = objects[0] as SalesforceObject;
  if (!parsed.success) return { at: first, marks: {} };
  const marks: Cursor['marks'] = {};
  for (const o of objects) if (parsed.data.marks[o]) marks[o] = parsed.data.marks[o];
  return { at: objects.includes(parsed.data.at) ? parsed.data.at : first, marks };
}

const queryAnswerSchema = z.object({
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  records: z.array(z.record(z.string(), z.unknown())),
});

/** A SOQL dateTime literal (bare, UTC) for a SystemModstamp as Salesforce returns it (…+0000). */
export function soqlDateTime(stamp: string): string {
  const ms = Date.parse(stamp.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(ms)) throw new SyncError('server', 'Salesforce sent a modification time Ferry could not read. Ferry will try again.', { crmError: `SystemModstamp ${stamp}` });
  // the documented forms are YYYY-MM-DDThh:mm:ssZ and ±hh:mm (SOQL and SOSL Reference,
  // "Date Formats and Date Literals"); milliseconds are written only when there are some
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

const soqlId = (id: string): string => `'${id.replace(/[^A-Za-z0-9]/g, '')}'`;

export function pullSoql(object: SalesforceObject, fields: readonly string[], mark: Mark | undefined): string {
  const select = [...new Set([...fields, 'Id', 'SystemModstamp'])].join(', ');
  const after = mark
    ? ` WHERE (SystemModstamp = ${soqlDateTime(mark.stamp)} AND Id > ${soqlId(mark.id)}) OR SystemModstamp > ${soqlDateTime(mark.stamp)}`
    : '';
  return `SELECT ${select} FROM ${object}${after} ORDER BY SystemModstamp, Id`;
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

function toRecord(raw: Record<string, unknown>, object: SalesforceObject, keys: readonly string[], withFerryId: boolean): PulledRecord {
  const values: Record<string, string> = {};
  for (const key of keys) values[key] = text(raw[key]);
  const ms = Date.parse(text(raw.SystemModstamp).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  const uid = withFerryId ? text(raw[FERRY_ID_FIELD]) : '';
  return { externalId: text(raw.Id), values, modifiedAt: Number.isNaN(ms) ? null : ms, ferryUid: uid || null, aux: { sobject: object } };
}

export interface PullDeps {
  conn: SfConnection;
  /** the objects this connection reads, in order (Contact and Lead under routing) */
  objects: readonly SalesforceObject[];
  /** the payload keys `object` has (the reverse mapping's keys, filtered by describe) */
  fieldsOf(object: SalesforceObject): Promise<{ keys: string[]; ferryId: boolean }>;
  /** nextRecordsUrl by the cursor it continues, in this process only (locators expire) */
  locators: Map<string, string>;
}

const isExpiredLocator = (error: unknown): boolean => {
  const code = (error as { errorCode?: unknown; name?: unknown } | null);
  return code?.errorCode === 'INVALID_QUERY_LOCATOR' || code?.name === 'INVALID_QUERY_LOCATOR';
};

export async function pullSalesforcePage(deps: PullDeps, rawCursor: Readonly<Record<string, unknown>>): Promise<PullPage> {
  const cursor = readCursor(rawCursor, deps.objects);
  const object = cursor.at;
  const { keys, ferryId } = await deps.fieldsOf(object);
  const select = ferryId ? [...keys, FERRY_ID_FIELD] : keys;
  const cursorKey = JSON.stringify(cursor);
  const headers = { 'Sforce-Query-Options': `batchSize=${PULL_BATCH_SIZE}` };
  const fresh = (): Promise<unknown> => deps.conn.request({ method: 'GET', url: `/query?q=${encodeURIComponent(pullSoql(object, select, cursor.marks[object]))}`, headers });
  const locator = deps.locators.get(cursorKey);
  deps.locators.delete(cursorKey);
  let raw: unknown;
  if (locator) {
    try {
      raw = await deps.conn.request({ method: 'GET', url: locator, headers });
    } catch (error) {
      if (!isExpiredLocator(error)) throw error;
      raw = await fresh();
    }
  } else {
    raw = await fresh();
  }
  const answer = queryAnswerSchema.safeParse(raw);
  if (!answer.success) throw new SyncError('server', 'Salesforce sent a query answer Ferry could not read. Ferry will try again.', { crmError: `unexpected query result: ${JSON.stringify(raw).slice(0, 300)}` });
  const records = answer.data.records.map((r) => toRecord(r, object, keys, ferryId));
  const last = answer.data.records[answer.data.records.length - 1];
  const marks = last ? { ...cursor.marks, [object]: { stamp: text(last.SystemModstamp), id: text(last.Id) } } : cursor.marks;
  const index = deps.objects.indexOf(object);
  if (!answer.data.done && answer.data.nextRecordsUrl) {
    const next = { at: object, marks };
    deps.locators.set(JSON.stringify(next), answer.data.nextRecordsUrl);
    return { records, next, done: false };
  }
  const following = deps.objects[index + 1];
  if (following) return { records, next: { at: following, marks }, done: false };
  return { records, next: { at: deps.objects[0] as SalesforceObject, marks }, done: true };
}

/**
 * Writes Ferry_Id__c on records a pull linked (sObject Collections PATCH by Id, 200
 * per call), so the record carries the key the link's agreed payload says it holds:
 * a later push, from this data folder or after its link is lost, upserts on it and
 * updates this record instead of creating a copy. A record Salesforce refuses (a
 * validation rule, a locked row) stays linked by Id; the next push writes the key.
 */
export async function stampFerryIds(conn: SfConnection, links: { externalId: string; uid: string }[]): Promise<void> {
  for (const object of ['Contact', 'Lead'] as const) {
    const own = links.filter((l) => (object === 'Lead') === l.externalId.startsWith('00Q'));
    for (let i = 0; i < own.length; i += COLLECTION_SIZE) {
      await updateRecords(conn, object, own.slice(i, i + COLLECTION_SIZE).map((l) => ({ id: l.externalId, fields: { [FERRY_ID_FIELD]: l.uid } })));
    }
  }
}
