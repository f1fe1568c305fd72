import type { Reply, SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import type { SalesforceContext, SalesforceRoute } from './context';
import { invalidType, SalesforceError } from './errors';
import { isObjectName } from './schema';

/**
 * "sObject Get Deleted": GET /services/data/vXX.X/sobjects/{SObject}/deleted/?start=…&end=…
 * (REST API Developer Guide, resources_getdeleted.htm and dome_get_deleted.htm;
 * the rules are getDeleted()'s, SOAP API Developer Guide, sforce_api_calls_getdeleted.htm):
 * - the answer is `{ deletedRecords: [{ id, deletedDate }], earliestDateAvailable, latestDateCovered }`;
 * - "The API ignores the seconds portion of the specified dateTime value" (both bounds);
 * - start "must chronologically precede the specified endDate value by more than one
 *   minute", else INVALID_REPLICATION_DATE;
 * - "Results are returned for no more than 15 days previous to the day the call is
 *   executed (or earlier if an administrator has purged the Recycle Bin). If the purge
 *   has been performed before your getDeleted() call is executed, an
 *   INVALID_REPLICATION_DATE error is returned." The sandbox refuses a start before
 *   the last purge that way, and a window longer than 30 days (sfdecoded.github.io,
 *   errors/invalid-replication-date: "no longer than 30 days");
 * - latestDateCovered "is less than or equal to endDate" and is where the next call
 *   starts: here the end or the org's own now, whichever is earlier, to the minute.
 * A merge's losers are in the log like any delete (SOAP API, merge(): "the losing
 * records are deleted").
 */
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** how long the delete log keeps an entry (the Recycle Bin's 15 days) */
export const DELETE_LOG_DAYS = 15;

const toMinute = (ms: number): number => Math.floor(ms / MINUTE) * MINUTE;
const sfDate = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');

function parseBound(raw: string | null, name: string): number {
  // Salesforce's dateTime forms: …Z, ±hh:mm and ±hhmm
  const ms = raw === null ? Number.NaN : Date.parse(raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(ms)) throw new SalesforceError(400, 'INVALID_REPLICATION_DATE', `${name} is not a valid dateTime: ${raw ?? '(missing)'}`);
  return toMinute(ms);
}

function deleted(req: SandboxRequest, ctx: SalesforceContext): Reply {
  const type = req.params.sobject ?? '';
  if (!isObjectName(type)) throw invalidType(type);
  const start = parseBound(req.query.get('start'), 'start');
  const end = parseBound(req.query.get('end'), 'end');
  if (end - start <= MINUTE) throw new SalesforceError(400, 'INVALID_REPLICATION_DATE', 'startDate must chronologically precede endDate by more than one minute');
  if (end - start > 30 * DAY) throw new SalesforceError(400, 'INVALID_REPLICATION_DATE', 'the time span between startDate and endDate is more than 30 days');
  const now = ctx.now();
  const purged = ctx.store.deleteLogPurgedUpTo();
  if (purged !== undefined && start < purged) throw new SalesforceError(400, 'INVALID_REPLICATION_DATE', 'the delete log was purged after startDate');
  const kept = toMinute(now) - DELETE_LOG_DAYS * DAY;
  const earliest = Math.max(kept, purged ?? kept);
  const covered = toMinute(Math.min(end, now));
  const records = ctx.store.deletedOf(type)
    .filter((e) => e.deletedAt >= Math.max(start, earliest) && e.deletedAt < covered + MINUTE)
    .map((e) => ({ id: e.id, deletedDate: sfDate(e.deletedAt) }));
  return { status: 200, body: { deletedRecords: records, earliestDateAvailable: sfDate(toMinute(earliest)), latestDateCovered: sfDate(covered) } };
}

/** Registered before the single-record routes: `/sobjects/Contact/deleted` is not a record id. */
export function addDeleteLogRoutes(router: Router<SalesforceRoute>): void {
  router.add('GET', '/services/data/:version/sobjects/:sobject/deleted', { handler: deleted, kind: 'api' });
}
