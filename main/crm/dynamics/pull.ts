import { z } from 'zod';
import { SyncError, type PullPage, type PulledRecord } from '../../sync/connector';
import { buildBatch, parseBatchResponse } from './batch';
import { send, type TransportOptions } from './transport';
import { API_PATH } from './wire';

/**
 * Dynamics 365 pull: the contacts changed since a (modifiedon, contactid) mark.
 *
 *   GET /api/data/v9.2/contacts?$select=<columns>,contactid,modifiedon,<ferry id>
 *     &$filter=statecode eq 0 and (modifiedon gt X or (modifiedon eq X and contactid gt Y))
 *     &$orderby=modifiedon asc,contactid asc
 *   Prefer: odata.maxpagesize=500
 *
 * Why not change tracking (`Prefer: odata.track-changes`) for changed records: it works
 * only on tables where an admin turned "Track changes" on (and it cannot be turned off
 * again); it refuses $filter, $orderby and $top; a delta token older than the
 * organisation's ExpireChangeTrackingInDays (7 days by default) fails; and its first
 * read yields a token only after its last page, so a crash in the middle of a first
 * pull of many pages would restart it from the beginning ("Use change tracking to
 * synchronize data with external systems", learn.microsoft.com/power-apps/developer/
 * data-platform/use-change-tracking-synchronize-data-external-systems). Deletes are
 * another matter: change tracking is the only cheap way to list them, and reading ids
 * only keeps its first read cheap, so CRM→Ferry deletes use it (deleted-records.ts).
 *
 * The cursor the engine stores after each applied page is the (modifiedon, contactid)
 * of the last record applied. Each page is a fresh query from it: Dataverse pages are
 * evaluated one request at a time ("Ordering and paging": the paging cookie only says
 * where the previous page ended), so a `@odata.nextLink` gives nothing a resumed pull
 * would lack; its presence only says more rows follow. modifiedon has whole-second
 * precision, so many rows share one (an import, a bulk edit, a workflow): the
 * `eq X and contactid gt Y` arm reads the ones after the mark at that second, which
 * `gt X` alone would skip and `ge X` would read forever once a page fills with them.
 * The order adds the primary key because paging needs a unique order (the same page
 * of the docs). Ferry never compares ids itself: Dataverse's order of guids (SQL
 * Server's) is not the order of their text, and `contactid gt Y` uses the server's.
 *
 * Pages of 500 (up to 5,000 allowed: "Page results using OData"): a crash redoes at
 * most 500 records, and a page's stamps are three $batch calls.
 */
export const PULL_PAGE_SIZE = 500;

const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMN = /^[a-z][a-z0-9_]*$/;

const cursorSchema = z.object({ modifiedon: z.string().regex(STAMP), contactid: z.string().regex(GUID) });
type Mark = z.infer<typeof cursorSchema>;

const pageSchema = z.object({
  value: z.array(z.record(z.string(), z.unknown())),
  '@odata.nextLink': z.string().optional(),
}).passthrough();

/** The $filter after a mark (literals checked above: a date and a guid, nothing else can reach the URL). */
export function afterMark(mark: Mark): string {
  return `modifiedon gt ${mark.modifiedon} or (modifiedon eq ${mark.modifiedon} and contactid gt ${mark.contactid})`;
}

/**
 * Active contacts only (statecode 0): a deactivated contact, and the one a merge in
 * Dynamics 365 folded into another (the Merge action deactivates the Subordinate,
 * webapi/merge-entity-using-web-api), is not a person to add to Ferry.
 */
const ACTIVE = 'statecode eq 0';
const filterOf = (mark: Mark | undefined): string => (mark ? `${ACTIVE} and (${afterMark(mark)})` : ACTIVE);

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

export function pullPath(columns: readonly string[], ferryIdColumn: string, mark: Mark | undefined): string {
  const select = [...new Set([...columns.filter((c) => COLUMN.test(c)), ferryIdColumn, 'contactid', 'modifiedon'])].join(',');
  return `${API_PATH}/contacts?$select=${select}&$filter=${encodeURIComponent(filterOf(mark))}&$orderby=${encodeURIComponent('modifiedon asc,contactid asc')}`;
}

export async function pullDynamicsPage(t: TransportOptions, ferryIdColumn: string, keys: readonly string[], rawCursor: Readonly<Record<string, unknown>>): Promise<PullPage> {
  const parsed = cursorSchema.safeParse(rawCursor);
  const mark = parsed.success ? parsed.data : undefined;
  const answer = await send({ method: 'GET', path: pullPath(keys, ferryIdColumn, mark), headers: { Prefer: `odata.maxpagesize=${PULL_PAGE_SIZE}` }, idempotent: true }, t);
  const page = pageSchema.safeParse(JSON.parse(answer.text || '{}'));
  if (!page.success) throw new SyncError('server', 'Dynamics 365 sent a page of contacts Ferry could not read. Ferry will try again.', { crmError: `unexpected contacts page: ${answer.text.slice(0, 300)}` });
  const rows = page.data.value;
  const records: PulledRecord[] = rows.map((row) => {
    const values: Record<string, string> = {};
    for (const key of keys) values[key] = text(row[key]);
    const ms = Date.parse(text(row.modifiedon));
    const uid = text(row[ferryIdColumn]);
    return { externalId: text(row.contactid).toLowerCase(), values, modifiedAt: Number.isNaN(ms) ? null : ms, ferryUid: uid || null };
  });
  const last = rows[rows.length - 1];
  let next: Record<string, unknown> = mark ?? {};
  if (last) {
    const lastMark = cursorSchema.safeParse({ modifiedon: text(last.modifiedon), contactid: text(last.contactid).toLowerCase() });
    if (!lastMark.success) throw new SyncError('server', 'Dynamics 365 sent a contact without a modification time or id Ferry could read. Ferry will try again.', { crmError: `modifiedon ${text(last.modifiedon)}, contactid ${text(last.contactid)}` });
    next = lastMark.data;
  }
  return { records, next, done: page.data['@odata.nextLink'] === undefined };
}

/** Records per $batch when stamping, as the push sends (connector.ts DYNAMICS_BATCH_SIZE). */
const STAMPS_PER_BATCH = 200;

/**
 * Writes Ferry's id into the Ferry ID column of records a pull linked, so the upsert
 * key a later push sends (`PATCH contacts(<column>='<uid>')`, push.ts) finds this
 * record instead of creating a copy. `PATCH contacts(<id>)` with `If-Match: *` is an
 * update only: without it, a PATCH to an id that was deleted meanwhile would create
 * a record with that id (Web API "Upsert a table row", "Prevent create in upsert").
 * A record Dynamics 365 refuses (a plug-in, another record holding the key) stays
 * linked by its id; the next push writes the key.
 */
export async function stampFerryIds(t: TransportOptions, ferryIdColumn: string, links: readonly { externalId: string; uid: string }[]): Promise<void> {
  const own = links.filter((l) => GUID.test(l.externalId));
  for (let i = 0; i < own.length; i += STAMPS_PER_BATCH) {
    const { contentType, body } = buildBatch(own.slice(i, i + STAMPS_PER_BATCH).map((l) => ({
      method: 'PATCH' as const, path: `${API_PATH}/contacts(${l.externalId})`, body: { [ferryIdColumn]: l.uid }, headers: { 'If-Match': '*' },
    })));
    const response = await send({
      method: 'POST', path: `${API_PATH}/$batch`, body,
      headers: { 'Content-Type': contentType, Prefer: 'odata.continue-on-error' },
      // each part sets one column to one value: sending the batch again changes nothing more
      idempotent: true,
    }, t);
    const parts = parseBatchResponse(response.text, response.headers['content-type']);
    // a throttled or failed server part is a wait, like a whole 429/5xx: the engine retries the page's stamps
    const busy = parts.find((p) => p.status === 429 || p.status >= 500);
    if (busy) throw new SyncError(busy.status === 429 ? 'rate_limited' : 'server', 'Dynamics 365 could not take Ferry\'s ids on some contacts right now. Ferry will try again.', { status: busy.status, crmError: busy.body.slice(0, 500) });
  }
}
