import { z } from 'zod';
import { SyncError, type DeletedRecord, type DeletedRecords } from '../../sync/connector';
import { toSyncError } from './errors';
import type { ZohoPullDeps } from './pull';
import { send } from './transport';

/**
 * The Contacts Zoho CRM lists as deleted, for CRM→Ferry deletes:
 * GET /crm/v8/Contacts/deleted?type=all&per_page=200&page=N (zoho/crm-oas v8.0
 * record/operations/getDeletedRecords; docs/vendor-facts.md Z13), those in the
 * Recycle Bin (60 days) and those deleted for good, 1 credit a page.
 *
 * Read from a position: the engine keeps `{ deletedTime }`, the newest
 * `deleted_time` this connection has applied, as Zoho wrote it. With it, the
 * request carries `If-Modified-Since` ("records modified after the specified
 * timestamp", ISO 8601), so a pull with nothing newly deleted costs one request:
 * Zoho answers 304 (status-codes.html), 204 or only the boundary's entries.
 * Without it (the first read, or a position Ferry cannot read) the list is read
 * in full, once.
 *
 * Invariants:
 * - deleted_time has one-second precision and "after" may be strict, so the header
 *   is one second BEFORE the position: the position's own second is read again on
 *   every pull, and a Contact deleted in that second after the last read is never
 *   skipped. What was already applied comes back harmlessly: its link was retired,
 *   so the engine has nothing left to do with it;
 * - the list is not newest first overall (the spec's example lists the Recycle Bin,
 *   then permanent entries), so the position is the newest time over every entry
 *   read, never the first entry's;
 * - the position never moves back, and moves only once the engine has applied what
 *   was read (main/pull/archived-records.ts), so a crash reads the same again.
 */
export const DELETED_PAGE = 200;

const positionSchema = z.object({ deletedTime: z.string() });

const listSchema = z.object({
  data: z.array(z.object({ id: z.union([z.string(), z.number()]), deleted_time: z.string().nullable().optional().catch(undefined) }).passthrough()),
  info: z.object({ more_records: z.boolean().optional().catch(undefined) }).passthrough().optional().catch(undefined),
}).passthrough();

/** ISO 8601 to the second in UTC, as the header wants it (Zoho's example: 2019-07-25T15:26:49+05:30) */
const isoSecond = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');

/** The If-Modified-Since for a position: one second before its own, so that second is read again. */
export function ifModifiedSinceFor(deletedTime: string): string | undefined {
  const ms = Date.parse(deletedTime);
  return Number.isNaN(ms) ? undefined : isoSecond(ms - 1000);
}

export async function readDeletedContacts(deps: ZohoPullDeps, since: Readonly<Record<string, unknown>>): Promise<DeletedRecords> {
  const position = positionSchema.safeParse(since);
  const from = position.success ? position.data.deletedTime : undefined;
  const header = from === undefined ? undefined : ifModifiedSinceFor(from);
  let newest = from !== undefined && header !== undefined ? { text: from, ms: Date.parse(from) } : undefined;
  const records: DeletedRecord[] = [];
  for (let page = 1; ; page++) {
    const answer = await send('GET', `${deps.apiBase}/Contacts/deleted?type=all&per_page=${DELETED_PAGE}&page=${page}`, undefined, deps.transport,
      header === undefined ? {} : { 'If-Modified-Since': header });
    // 304: nothing deleted after the header's time; 204: nothing (more) listed
    if (answer.status === 304 || answer.status === 204) break;
    if (answer.status !== 200) throw toSyncError(answer, { creditsCovered: deps.creditsCover(1) });
    const parsed = listSchema.safeParse(answer.json);
    if (!parsed.success) throw new SyncError('server', 'Zoho CRM sent a list of deleted records Ferry could not read. Ferry will try again.', { crmError: answer.text.slice(0, 300) });
    for (const d of parsed.data.data) {
      const ms = d.deleted_time ? Date.parse(d.deleted_time) : Number.NaN;
      records.push({ externalId: String(d.id), deletedAt: Number.isNaN(ms) ? null : ms });
      if (d.deleted_time && !Number.isNaN(ms) && (!newest || ms > newest.ms)) newest = { text: d.deleted_time, ms };
    }
    const more = parsed.data.info?.more_records ?? parsed.data.data.length >= DELETED_PAGE;
    if (!more || parsed.data.data.length === 0) break;
  }
  return { records, ...(newest ? { next: { deletedTime: newest.text } } : {}) };
}
