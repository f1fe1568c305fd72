import { z } from 'zod';
import { zohoWriteCredits } from '../../../destinations/zoho';
import { SyncError, type PullPage, type PulledRecord } from '../../sync/connector';
import { toSyncError } from './errors';
import { FERRY_ID_FIELD } from './mapping';
import { send, type TransportOptions } from './transport';

/**
 * Zoho CRM pull: COQL (POST /crm/v8/coql) on (Modified_Time, id), a keyset page at a time.
 *
 *   select <fields>, Modified_Time, Ferry_Id from Contacts
 *     where ((Modified_Time = 'T' and id > N) or Modified_Time > 'T')
 *     order by Modified_Time asc, id asc limit 2000
 *
 * (`where id is not null` on the first pull.) Why COQL and not GET /Contacts with
 * sort_by=Modified_Time and If-Modified-Since (docs/vendor-facts.md Z9–Z11):
 * - GET pages by `page` (1–10 × 200) up to 2,000 records, then by a `page_token`
 *   that expires after a day and is bound to its query: neither survives a crash,
 *   and resuming by If-Modified-Since alone cannot order records that share a
 *   second (Zoho keeps no milliseconds), so a resume would skip or re-read them;
 * - COQL can filter and order on both Modified_Time and id, so the cursor the
 *   engine stores is just the last (Modified_Time, id) applied: a resumed pull
 *   asks for what follows it, whatever happened in between, and records sharing
 *   one second are read in id order across page boundaries;
 * - COQL reads 2,000 records for 3 credits (1 credit up to 200, 2 up to 1,000,
 *   3 up to 2,000); GET reads 200 for 1 credit: the same 2,000 cost 10.
 * OFFSET is never used: it counts from the query's start, and records modified
 * while paging move behind it (and LIMIT + OFFSET stop at 100,000).
 */
export const PULL_PAGE_SIZE = 2_000;
/**
 * The first page of a pull that starts where the last one ended asks for 200
 * records (1 credit) instead of 2,000 (3 credits): most scheduled pulls find
 * nothing or little, and Zoho bills COQL by LIMIT, not by rows returned. A full
 * probe page means more is waiting, and the pages after it are full-size.
 */
export const PROBE_PAGE_SIZE = 200;
/** Records per update call (update-records: at most 100). */
export const STAMP_BATCH = 100;

/**
 * The cursor the engine stores: `{ mark?: { time, id }, probe?: true }` — the last
 * (Modified_Time, id) applied, and whether the next page is a probe (the pull
 * before had read everything). `{}` starts from the beginning.
 */
const markSchema = z.object({ time: z.string(), id: z.string().regex(/^\d+$/) });
type Mark = z.infer<typeof markSchema>;

function readMark(raw: Readonly<Record<string, unknown>>): Mark | undefined {
  const parsed = markSchema.safeParse(raw.mark);
  return parsed.success ? parsed.data : undefined;
}

/** A COQL date-time literal for a Modified_Time as Zoho gave it (yyyy-MM-ddTHH:mm:ss±HH:mm). */
export function coqlTime(time: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$/.test(time) || Number.isNaN(Date.parse(time))) {
    throw new SyncError('server', 'Zoho CRM sent a modification time Ferry could not read. Ferry will try again.', { crmError: `Modified_Time ${time}` });
  }
  return `'${time}'`;
}

export function pullQuery(fields: readonly string[], mark: Mark | undefined, limit = PULL_PAGE_SIZE): string {
  const select = [...new Set([...fields, 'Modified_Time', FERRY_ID_FIELD])].filter((f) => f !== 'id').join(', ');
  // COQL takes two criteria per bracket pair (COQL-Limitations.html): ((A and B) or C)
  const where = mark
    ? `((Modified_Time = ${coqlTime(mark.time)} and id > ${mark.id}) or Modified_Time > ${coqlTime(mark.time)})`
    : 'id is not null';
  return `select ${select} from Contacts where ${where} order by Modified_Time asc, id asc limit ${limit}`;
}

const text = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(String).join(';');
  if (typeof v === 'object') return '';
  return String(v);
};

function toRecord(raw: Record<string, unknown>, keys: readonly string[]): PulledRecord {
  const values: Record<string, string> = {};
  for (const key of keys) values[key] = text(raw[key]);
  const ms = Date.parse(text(raw.Modified_Time));
  const uid = text(raw[FERRY_ID_FIELD]);
  return { externalId: text(raw.id), values, modifiedAt: Number.isNaN(ms) ? null : ms, ferryUid: uid || null };
}

const answerSchema = z.object({
  data: z.array(z.record(z.string(), z.unknown())),
  info: z.object({ more_records: z.boolean().optional().catch(undefined) }).passthrough().optional().catch(undefined),
}).passthrough();

export interface ZohoPullDeps {
  apiBase: string;
  transport: TransportOptions;
  creditsCover: (cost: number) => boolean;
}

export async function pullZohoPage(deps: ZohoPullDeps, cursor: Readonly<Record<string, unknown>>, keys: readonly string[]): Promise<PullPage> {
  const mark = readMark(cursor);
  const limit = mark && cursor.probe === true ? PROBE_PAGE_SIZE : PULL_PAGE_SIZE;
  const answer = await send('POST', `${deps.apiBase}/coql`, { select_query: pullQuery(keys, mark, limit) }, deps.transport);
  // 204: nothing (more) changed since the mark; the next pull starts with a probe
  if (answer.status === 204) return { records: [], next: mark ? { mark, probe: true } : {}, done: true };
  if (answer.status !== 200) throw toSyncError(answer, { creditsCovered: deps.creditsCover(3) });
  const parsed = answerSchema.safeParse(answer.json);
  if (!parsed.success) throw new SyncError('server', 'Zoho CRM sent a query answer Ferry could not read. Ferry will try again.', { crmError: `unexpected COQL answer: ${answer.text.slice(0, 300)}` });
  const rows = parsed.data.data;
  const records = rows.map((r) => toRecord(r, keys));
  const last = rows[rows.length - 1];
  const at = last ? { time: text(last.Modified_Time), id: text(last.id) } : mark;
  const more = (parsed.data.info?.more_records ?? rows.length >= limit) && rows.length > 0;
  if (!at) return { records, next: {}, done: true };
  return more ? { records, next: { mark: at }, done: false } : { records, next: { mark: at, probe: true }, done: true };
}

/**
 * Writes Ferry_Id on records a pull linked (PUT /crm/v8/Contacts, 100 per call,
 * workflows not triggered), so a later push, whose upsert checks Ferry_Id first,
 * updates this record instead of creating a copy. A record Zoho refuses (another
 * record holds that Ferry Id, a validation rule) stays linked by id; the next push
 * writes the key. Whole-call failures throw, so the page is stamped again.
 */
export async function stampFerryIds(deps: ZohoPullDeps, links: { externalId: string; uid: string }[]): Promise<void> {
  for (let i = 0; i < links.length; i += STAMP_BATCH) {
    const chunk = links.slice(i, i + STAMP_BATCH);
    const answer = await send('PUT', `${deps.apiBase}/Contacts`, { data: chunk.map((l) => ({ id: l.externalId, [FERRY_ID_FIELD]: l.uid })), trigger: [] }, deps.transport);
    const data = (answer.json as { data?: unknown } | undefined)?.data;
    if (Array.isArray(data) && (answer.status < 300 || answer.status === 400)) continue;
    throw toSyncError(answer, { creditsCovered: deps.creditsCover(zohoWriteCredits(chunk.length)) });
  }
}
