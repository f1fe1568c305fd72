import type { Connection as SfConnection } from 'jsforce';
import { z } from 'zod';
import { SyncError, type DeletedRecord, type DeletedRecords } from '../../sync/connector';
import type { SalesforceObject } from './mapping';

/**
 * Records deleted in Salesforce, for CRM→Ferry deletes: REST "sObject Get Deleted",
 * GET /services/data/vXX.X/sobjects/{Contact|Lead}/deleted/?start=…&end=…
 * (REST API Developer Guide, resources_getdeleted.htm; rules in the SOAP API
 * Developer Guide, sforce_api_calls_getdeleted.htm), one call per object a pull reads.
 *
 * Why Get Deleted and not `queryAll` with `IsDeleted = true`: it is Salesforce's
 * replication call, reads a window (so each pull reads only what is new, from the
 * position kept after the last read: its `latestDateCovered`), needs no field list,
 * and says when it no longer has everything (`earliestDateAvailable`, or
 * INVALID_REPLICATION_DATE once the log was purged), where queryAll would silently
 * miss records emptied from the Recycle Bin. Both keep deletes about 15 days.
 *
 * Rules Ferry keeps: "The API ignores the seconds portion" of start and end; start
 * must precede end "by more than one minute" (so a second pull within a minute makes
 * no call); "Results are returned for no more than 15 days previous to the day the
 * call is executed (or earlier if an administrator has purged the Recycle Bin)"; the
 * next call starts at `latestDateCovered`, which "for safety, you must use … for the
 * startDate of your next call". The minute that holds the position is read twice:
 * harmless, a link is retired the first time its delete is handled.
 *
 * When Ferry did not look for longer than Salesforce keeps deletes (or the log was
 * purged in between), deletes in the gap are lost: the answer says so in `gap`, for
 * the Sync log, and reading goes on from what Salesforce still has.
 */
const MINUTE = 60_000;
/** Salesforce keeps deleted records this long (the Recycle Bin's 15 days) */
const KEEPS_DAYS = 15;
/** an hour short of 15 days, so the start never falls before what Salesforce still keeps */
const WINDOW_MS = KEEPS_DAYS * 24 * 60 * MINUTE - 60 * MINUTE;

const positionSchema = z.record(z.string(), z.string());
const answerSchema = z.object({
  deletedRecords: z.array(z.object({ id: z.string(), deletedDate: z.string().nullable().optional() })),
  earliestDateAvailable: z.string().nullable().optional(),
  latestDateCovered: z.string().nullable().optional(),
});

const parseDate = (text: string | null | undefined): number => (text ? Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : Number.NaN);
const toMinute = (ms: number): number => Math.floor(ms / MINUTE) * MINUTE;
/** UTC, to the minute, as the resource's examples write it (2013-05-05T00:00:00+00:00) */
const sfDateTime = (ms: number): string => new Date(toMinute(ms)).toISOString().replace('.000Z', '+00:00');
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function isReplicationDateRefusal(error: unknown): boolean {
  const e = error as { errorCode?: unknown; name?: unknown } | null;
  return e?.errorCode === 'INVALID_REPLICATION_DATE' || e?.name === 'INVALID_REPLICATION_DATE';
}

function gapSentence(object: SalesforceObject, since: number): string {
  return `Salesforce keeps deleted records for ${KEEPS_DAYS} days (less when its Recycle Bin is emptied) and Ferry last read ${object} deletes on ${day(since)}: `
    + `a ${object} deleted in Salesforce before then may still be in Ferry. Delete it in Ferry by hand if so.`;
}

export async function readDeletedRecords(
  conn: SfConnection, version: string, objects: readonly SalesforceObject[], since: Readonly<Record<string, unknown>>, now: number,
): Promise<DeletedRecords> {
  const parsed = positionSchema.safeParse(since);
  const position: Record<string, string> = parsed.success ? { ...parsed.data } : {};
  const records: DeletedRecord[] = [];
  const gaps: string[] = [];
  const end = toMinute(now);
  for (const object of objects) {
    const from = parseDate(position[object]);
    const earliest = end - WINDOW_MS;
    const tooOld = !Number.isNaN(from) && from < earliest;
    const start = Number.isNaN(from) || tooOld ? earliest : from;
    if (tooOld) gaps.push(gapSentence(object, from));
    if (end - start <= MINUTE) continue;
    const url = `/services/data/v${version}/sobjects/${object}/deleted/?start=${encodeURIComponent(sfDateTime(start))}&end=${encodeURIComponent(sfDateTime(end))}`;
    let raw: unknown;
    try {
      raw = await conn.request({ method: 'GET', url });
    } catch (error) {
      if (!isReplicationDateRefusal(error)) throw error;
      // purged after `start`: what was deleted in between is gone; read on from now
      gaps.push(gapSentence(object, start));
      position[object] = sfDateTime(end);
      continue;
    }
    const answer = answerSchema.safeParse(raw);
    if (!answer.success) throw new SyncError('server', 'Salesforce sent a list of deleted records Ferry could not read. Ferry will try again.', { crmError: `unexpected Get Deleted answer: ${JSON.stringify(raw).slice(0, 300)}` });
    const available = parseDate(answer.data.earliestDateAvailable);
    if (!tooOld && !Number.isNaN(from) && available > from) gaps.push(gapSentence(object, from));
    for (const r of answer.data.deletedRecords) {
      const at = parseDate(r.deletedDate);
      records.push({ externalId: r.id, deletedAt: Number.isNaN(at) ? null : at });
    }
    const covered = parseDate(answer.data.latestDateCovered);
    position[object] = sfDateTime(Number.isNaN(covered) ? end : Math.min(covered, end));
  }
  return { records, next: position, ...(gaps.length > 0 ? { gap: gaps.join(' ') } : {}) };
}
