import { z } from 'zod';
import { SyncError, type DeletedRecord, type DeletedRecords } from '../../sync/connector';
import type { PipedriveApi } from './api';

/**
 * The persons Pipedrive has deleted, for CRM→Ferry deletes (main/pull/archived-records.ts):
 * v1 `GET /api/v1/recents?since_timestamp=…&items=person&start=N&limit=500` (SDK
 * `pipedrive` 33.x RecentsApi.getRecents: "all recent changes occurred after the given
 * timestamp"; not among the v1 endpoints deprecated for v2, as it has no v2 twin), which
 * lists every person changed since then, a deleted one with `active_flag: false`
 * (docs/vendor-facts.md, Pipedrive "Deleted persons"). Offset paged, 500 a page: 1 request when fewer than 500 persons
 * changed since the last read, about ceil(changed / 450) otherwise.
 *
 * Read from a position: the engine keeps `{ since }`, the newest update_time read
 * (`YYYY-MM-DD HH:MM:SS`, UTC), once the deletes it covers are applied.
 * Invariants:
 * - update_time has one-second precision and "after" is strict, so the request asks
 *   from one second BEFORE the position: a person deleted in the position's second
 *   after the last read is never skipped; the ones already applied come back
 *   harmlessly (their links were retired);
 * - without a position (the first read) it asks from 30 days back: Pipedrive erases a
 *   deleted person after 30 days, and no API returns it after that;
 * - the position is the newest update_time over every entry read (live or deleted),
 *   never moves back, and moves only once the engine has applied what was read, so a
 *   crash or a failed page reads the same again;
 * - offset pages shift when a person listed earlier changes while Ferry pages (it moves
 *   to the end), so each page starts PAGE_OVERLAP entries before the previous one ended:
 *   up to that many changes during a read cannot push an unread person past a page
 *   boundary (entries read twice change nothing);
 * - a merge's other person is deleted by Pipedrive and arrives here like any deleted one.
 */
export const RECENTS_PAGE = 500;
export const PAGE_OVERLAP = 50;
/** how far back a first read asks: Pipedrive keeps a deleted person for 30 days */
export const DELETED_KEPT_MS = 30 * 24 * 3_600_000;

const positionSchema = z.object({ since: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/) });

const msOf = (v1Time: string): number => Date.parse(`${v1Time.replace(' ', 'T')}Z`);
/** `YYYY-MM-DD HH:MM:SS` in UTC, as getRecents wants it */
export const v1Timestamp = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '');
/** a v1 update_time as Pipedrive writes it ("2026-11-02 09:00:00"); RFC 3339 is taken too */
const parseTime = (text: string | null): number => (text === null ? Number.NaN : Date.parse(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text) ? `${text.replace(' ', 'T')}Z` : text));

export async function readDeletedPersons(api: PipedriveApi, since: Readonly<Record<string, unknown>>, now: number): Promise<DeletedRecords> {
  const position = positionSchema.safeParse(since);
  const from = position.success ? msOf(position.data.since) : Number.NaN;
  const ask = v1Timestamp(Number.isNaN(from) ? now - DELETED_KEPT_MS : from - 1000);
  let newest = Number.isNaN(from) ? Number.NaN : from;
  const records: DeletedRecord[] = [];
  const listed = new Set<number>();
  const read = new Set<number>();
  for (let start = 0; ;) {
    const page = await api.recentPersons({ since: ask, start, limit: RECENTS_PAGE });
    // a page after the first that brings no person not read already: Pipedrive is not moving on
    // (it ignored `start`); stop rather than loop, keep the position, and say so
    if (start > 0 && page.persons.length > 0 && page.persons.every((p) => read.has(p.id))) {
      throw new SyncError('server', 'Pipedrive sent the same page of recent changes again, so Ferry could not read which persons were deleted. Ferry will try again.');
    }
    for (const p of page.persons) {
      read.add(p.id);
      const at = parseTime(p.updateTime);
      if (!p.active && !listed.has(p.id)) {
        listed.add(p.id);
        records.push({ externalId: String(p.id), deletedAt: Number.isNaN(at) ? null : at });
      }
      if (!Number.isNaN(at) && (Number.isNaN(newest) || at > newest)) newest = at;
    }
    if (!page.more || page.entries === 0) break;
    // the next page starts where this one's answer ended, less the overlap: a page shorter than
    // asked (a largest limit below 500, which Pipedrive does not document) skips nothing
    const got = page.entries;
    start += got > 2 * PAGE_OVERLAP ? got - PAGE_OVERLAP : got;
  }
  return { records, ...(Number.isNaN(newest) ? {} : { next: { since: v1Timestamp(newest) } }) };
}
