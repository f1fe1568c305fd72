import { z } from 'zod';
import { SyncError, type DeletedRecord, type DeletedRecords } from '../../sync/connector';
import { DataverseHttpError, send, type TransportOptions } from './transport';
import { API_PATH } from './wire';

/**
 * Contacts deleted in Dynamics 365, for CRM→Ferry deletes, through Dataverse change
 * tracking (learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems):
 *
 *   first:  GET /api/data/v9.2/contacts?$select=contactid   Prefer: odata.track-changes, odata.maxpagesize=5000
 *           → every contact id, page by page (@odata.nextLink), then an @odata.deltaLink
 *   later:  GET <the delta link>
 *           → rows changed since (ignored) and {"@odata.context": "…/$deletedEntity", "id", "reason": "deleted"}
 *             for each row deleted since, then a new delta link
 *
 * The position kept per connection is the newest delta link (its path under the
 * organisation URL), so each pull asks only for what changed since the last one.
 * Change tracking is used for deletes only; the pull of changed records keeps its own
 * (modifiedon, contactid) checkpoint (pull.ts says why). Only ids are selected.
 *
 * The first read lists no deletes ("Deleted objects are not returned") and must reach
 * a delta link: it reads every contact id once, ceil(contacts / 5,000) requests. A
 * crash before the link leaves no position, so the next pull reads them again.
 *
 * Deactivated contacts (statecode 1, also what a merge leaves of the other record) are
 * changed rows, not deletes: Ferry leaves them. Only `reason: "deleted"` counts (OData's
 * other reason, "changed", means a row left the query's set, which no filter here allows).
 *
 * Refusals, by Dataverse's documented codes (Web service error codes):
 * - 0x80072491 ChangeTrackingNotEnabledForEntity: "Track changes" is off for contacts.
 *   The pull still succeeds; its Sync log line says what an admin switches on; no position
 *   is kept, so each pull asks once more (one request) until it is on.
 * - 0x80044352 ExpiredVersionStamp: the link is older than the organisation's
 *   ExpireChangeTrackingInDays (7 by default): Ferry starts over with a first read and
 *   says in the Sync log that contacts deleted meanwhile may still be in Ferry. Any other
 *   400/404 to a kept link (another organisation now, a token it cannot read) starts over
 *   the same way, so no pull fails forever on a position Ferry kept.
 */

/** ids only: 5,000 a page, Dataverse's largest ("Page results using OData") */
export const DELETES_PAGE_SIZE = 5_000;
const FIRST_READ = `${API_PATH}/contacts?$select=contactid`;
const NOT_TRACKED = ['0x80072491', '-2147015535'];
const EXPIRED = ['0x80044352', '-2147204270'];
/** ExpireChangeTrackingInDays' default (the same page) */
const DEFAULT_EXPIRY_DAYS = 7;

/**
 * The contacts collection under any Web API version: Dataverse's links are opaque and
 * may name another version than the request did (a published answer to a v9.0 request
 * carries a v9.1 delta link), so the version is not pinned; the host always is.
 */
const CONTACTS_PATH = /^\/api\/data\/v\d+(?:\.\d+)*\/contacts(?:\?|$)/;
const positionSchema = z.object({ deltaLink: z.string().regex(CONTACTS_PATH), readAt: z.string().optional() });
const pageSchema = z.object({
  value: z.array(z.record(z.string(), z.unknown())),
  '@odata.nextLink': z.string().optional(),
  '@odata.deltaLink': z.string().optional(),
}).passthrough();

const coded = (error: unknown, codes: readonly string[]): boolean =>
  error instanceof DataverseHttpError && codes.includes((error.code ?? '').toLowerCase());

/** Shown where pull problems are shown: what is off and what a Dynamics 365 admin switches on. */
export const NOT_TRACKED_SENTENCE = 'Ferry cannot see contacts deleted in Dynamics 365: change tracking is off for contacts there. '
  + 'A Dynamics 365 admin turns it on under Settings → Customizations → Customize the System → Entities → Contact → "Change Tracking" '
  + '(in Power Apps: Tables → Contact → Properties → Advanced options → "Track changes"), then saves and publishes. '
  + 'Until then a contact deleted in Dynamics 365 stays in Ferry.';

function expiredSentence(readAt: string | undefined): string {
  const since = readAt ? ` and Ferry last read them on ${readAt.slice(0, 10)}` : '';
  return `Dynamics 365 keeps its list of changes for a number of days its admin sets (${DEFAULT_EXPIRY_DAYS} by default)${since}: `
    + 'a contact deleted in Dynamics 365 before today may still be in Ferry. Delete it in Ferry by hand if so. Ferry reads deletes from now on.';
}

/** Any other refusal of a link Ferry kept (400, 404): never a failure every pull repeats, a fresh start instead. */
const refusedLink = (error: unknown): boolean => error instanceof DataverseHttpError && (error.status === 400 || error.status === 404);
const REFUSED_LINK_SENTENCE = 'Dynamics 365 no longer took Ferry\'s place in its list of changes, so Ferry read it from the start: '
  + 'a contact deleted in Dynamics 365 since the last pull may still be in Ferry. Delete it in Ferry by hand if so.';

/** A link Dataverse gave, as a path under the organisation URL; never followed to another host (the token goes with it). */
function pathOf(link: string, orgUrl: string): string {
  const refused = (): SyncError => new SyncError('server', 'Dynamics 365 sent a link Ferry does not follow. Ferry will try again.', { crmError: `unexpected link: ${link.slice(0, 300)}` });
  let url: URL;
  try {
    url = new URL(link, orgUrl);
  } catch {
    throw refused();
  }
  const org = new URL(orgUrl);
  const root = org.pathname.replace(/\/$/, '');
  const path = `${url.pathname.slice(root.length)}${url.search}`;
  if (url.origin !== org.origin || !url.pathname.startsWith(`${root}/`) || !CONTACTS_PATH.test(path)) throw refused();
  return path;
}

export async function readDeletedContacts(t: TransportOptions, since: Readonly<Record<string, unknown>>, now: number): Promise<DeletedRecords> {
  const position = positionSchema.safeParse(since);
  let path = position.success ? position.data.deltaLink : FIRST_READ;
  let first = !position.success;
  let gap: string | undefined;
  const records: DeletedRecord[] = [];
  const seen = new Set<string>();
  for (;;) {
    let text: string;
    try {
      const prefer = first ? `odata.track-changes,odata.maxpagesize=${DELETES_PAGE_SIZE}` : `odata.maxpagesize=${DELETES_PAGE_SIZE}`;
      text = (await send({ method: 'GET', path, headers: { Prefer: prefer }, idempotent: true }, t)).text;
    } catch (error) {
      if (coded(error, NOT_TRACKED)) return { records, gap: NOT_TRACKED_SENTENCE };
      if (!first && (coded(error, EXPIRED) || refusedLink(error))) {
        // past ExpireChangeTrackingInDays (or a link this organisation does not take, e.g. after
        // the connection moved to another one): start over; what was deleted in between is not listed
        gap = coded(error, EXPIRED) ? expiredSentence(position.success ? position.data.readAt : undefined) : REFUSED_LINK_SENTENCE;
        path = FIRST_READ;
        first = true;
        seen.clear();
        continue;
      }
      throw error;
    }
    const page = pageSchema.safeParse(JSON.parse(text || '{}'));
    if (!page.success) throw new SyncError('server', 'Dynamics 365 sent a list of changes Ferry could not read. Ferry will try again.', { crmError: `unexpected change tracking page: ${text.slice(0, 300)}` });
    for (const entry of page.data.value) {
      const context = typeof entry['@odata.context'] === 'string' ? entry['@odata.context'] : '';
      if (context.endsWith('/$deletedEntity') && entry.reason === 'deleted' && typeof entry.id === 'string') {
        records.push({ externalId: entry.id.toLowerCase(), deletedAt: null });
      }
    }
    const next = page.data['@odata.nextLink'];
    if (next !== undefined) {
      const nextPath = pathOf(next, t.orgUrl);
      // nothing loops: a link Ferry already followed in this read ends it
      if (seen.has(nextPath)) throw new SyncError('server', 'Dynamics 365 sent the same page of changes twice. Ferry will try again.', { crmError: `repeated link: ${next.slice(0, 300)}` });
      seen.add(nextPath);
      path = nextPath;
      continue;
    }
    const delta = page.data['@odata.deltaLink'];
    if (delta === undefined) throw new SyncError('server', 'Dynamics 365 did not say where its list of changes continues. Ferry will try again.', { crmError: `no @odata.deltaLink: ${text.slice(0, 300)}` });
    return { records, next: { deltaLink: pathOf(delta, t.orgUrl), readAt: new Date(now).toISOString() }, ...(gap ? { gap } : {}) };
  }
}
