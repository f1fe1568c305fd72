import type { Reply, SandboxRequest } from '../shared/http';
import type { DynamicsContext } from './context';
import { guidKey } from './filter';
import { pageSize, rowOut, selectedColumns } from './list-route';
import type { ContactRow, DeletedRow } from './org';
import { API_VERSION, DataverseError } from './wire';

/**
 * Change tracking on contacts, as the Web API serves it
 * (learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems):
 *
 * - `GET contacts?$select=…` with `Prefer: odata.track-changes` is the first read: every
 *   row (no `$filter`, so deactivated ones too), paged by `odata.maxpagesize` through
 *   `@odata.nextLink`, and on the last page an `@odata.deltaLink`: the same query with a
 *   `$deltatoken` (the docs' example token is `919042!08/22/2017 08:10:44`: a version
 *   and a UTC time). The first read lists no deletions ("Deleted objects are not
 *   returned"). The token names the version when the read began, so a row written
 *   while it pages is listed again by the next delta read rather than missed.
 * - Following a delta link lists what changed after its version: changed rows as they
 *   are now, then `{"@odata.context": "…$metadata#contacts/$deletedEntity", "id": …,
 *   "reason": "deleted"}` for each deleted row ("Usually, the caller will get all new or
 *   updated records first … followed by deleted records"; a row created and deleted
 *   in between is listed as deleted), and a new delta link. Paged the same way.
 * - `$filter`, `$orderby`, `$expand` and `$top` are refused: `The "$filter" query
 *   parameter isn't supported when Change Tracking is enabled.`
 * - A table without "Track changes": ChangeTrackingNotEnabledForEntity, 0x80072491,
 *   "Entity {0} isn't enabled for change tracking." (Web service error codes; a Web API
 *   answer quoted in a public issue: `{"error":{"code":"0x80072491","message":"Entity
 *   nrq_declaration isn't enabled for change tracking."}}`). The HTTP status is not
 *   documented: 400 here.
 * - A token older than the organisation's ExpireChangeTrackingInDays: "If there are
 *   unprocessed changes older than the configured value, the system throws an
 *   exception": ExpiredVersionStamp, 0x80044352, "Version stamp associated with the
 *   client has expired. Please perform a full sync." (the code and message SDK clients
 *   catch around RetrieveEntityChanges, the same change tracking). Status: 400 here
 *   (not documented).
 */

const REFUSED = ['$filter', '$orderby', '$expand', '$top'] as const;
const DAY_MS = 86_400_000;

export const isTrackedRead = (req: SandboxRequest): boolean =>
  req.query.has('$deltatoken') || /odata\.track-changes/i.test(String(req.headers.prefer ?? '')) || /istracking="True"/.test(req.query.get('$skiptoken') ?? '');

export const notTracked = (): DataverseError => new DataverseError(400, '0x80072491', 'Entity contact isn\'t enabled for change tracking.');
export const expiredToken = (): DataverseError => new DataverseError(400, '0x80044352', 'Version stamp associated with the client has expired. Please perform a full sync.');

const two = (n: number): string => String(n).padStart(2, '0');
/** `919042!08/22/2017 08:10:44`: the version, then the UTC time as the docs' example writes it */
function tokenOf(version: number, at: number): string {
  const d = new Date(at);
  return `${version}!${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

function parseToken(token: string): { version: number; at: number } {
  const m = /^(\d+)!(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(token);
  if (!m) throw new DataverseError(400, '0x80060888', 'The delta token is not valid.');
  const [, v, mo, d, y, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number, number];
  return { version: v, at: Date.UTC(y, mo - 1, d, h, mi, s) };
}

/** Query options as the docs' links write them: `$select=…&$deltatoken=919042%2108%2f22%2f2017%2008%3a10%3a44` */
const queryText = (query: URLSearchParams): string =>
  [...query].map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`).join('&');

type Cookie = { snapshot: number; at: number; phase: number; last: string };
const cookieOf = (c: Cookie): string => `<cookie snapshot="${c.snapshot}" at="${c.at}" phase="${c.phase}" last="${c.last}" istracking="True" />`;
function parseCookie(text: string): Cookie {
  const get = (name: string): string | undefined => new RegExp(`${name}="([^"]*)"`).exec(text)?.[1];
  const snapshot = Number(get('snapshot'));
  const at = Number(get('at'));
  const phase = Number(get('phase'));
  const last = get('last');
  if (!Number.isInteger(snapshot) || !Number.isFinite(at) || !Number.isInteger(phase) || last === undefined) throw new DataverseError(400, '0x80060888', 'The $skiptoken is not valid for this query.');
  return { snapshot, at, phase, last };
}

/**
 * One entry of a tracked read: a row (as it is now) or a deletion, in the order pages
 * list them; `key` orders entries of one phase as text (a first read's guid order key,
 * a delta read's zero-padded version).
 */
type Entry = { phase: 0; key: string; row: ContactRow } | { phase: 1; key: string; deleted: DeletedRow };

export function trackedRead(req: SandboxRequest, ctx: DynamicsContext): Reply {
  if (!ctx.tracking.enabled) throw notTracked();
  const refused = REFUSED.find((option) => req.query.has(option));
  if (refused) throw new DataverseError(400, '0x80060888', `The "${refused}" query parameter isn't supported when Change Tracking is enabled.`);
  const select = selectedColumns(req, ctx);
  const deltaToken = req.query.get('$deltatoken');
  const skip = req.query.get('$skiptoken');
  const now = ctx.now();
  let from: { version: number } | null = null;
  if (deltaToken !== null) {
    const token = parseToken(deltaToken);
    if (now - token.at > ctx.tracking.expireDays * DAY_MS) throw expiredToken();
    from = token;
  }
  if (skip === null) ctx.tracking.reads[from ? 'delta' : 'initial']++;
  const cookie: Cookie = skip !== null ? parseCookie(skip) : { snapshot: ctx.org.currentVersion(), at: now, phase: 0, last: '' };

  let entries: Entry[];
  if (!from) {
    // the first read: every row in id order (SQL Server's), no deletions; keys compare as text
    entries = ctx.org.all().map((row): Entry => ({ phase: 0, key: guidKey(row.contactid), row })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  } else {
    const version = from.version;
    const changed = ctx.org.all().filter((r) => (r.versionnumber ?? 0) > version && (r.versionnumber ?? 0) <= cookie.snapshot)
      .sort((a, b) => (a.versionnumber ?? 0) - (b.versionnumber ?? 0));
    entries = [
      ...changed.map((row): Entry => ({ phase: 0, key: String(row.versionnumber ?? 0).padStart(16, '0'), row })),
      ...ctx.org.deletedAfter(version, cookie.snapshot).map((deleted): Entry => ({ phase: 1, key: String(deleted.versionnumber).padStart(16, '0'), deleted })),
    ];
  }
  // keyset: after the last entry the previous page listed
  const after = (e: Entry): boolean => cookie.last === '' || e.phase > cookie.phase
    || (e.phase === cookie.phase && e.key > cookie.last);
  const rest = entries.filter(after);
  const size = pageSize(String(req.headers.prefer ?? ''));
  const page = rest.slice(0, size);
  const base = `${ctx.orgUrl()}/api/data/${API_VERSION}`;
  const columns = select.length > 0 ? select : ['contactid', 'createdon', 'modifiedon', ...ctx.org.columns().filter((c) => c !== 'contactid')];
  const query = new URLSearchParams(req.query);
  let link: Record<string, string>;
  const last = page[page.length - 1];
  if (rest.length > size && last) {
    query.set('$skiptoken', cookieOf({ ...cookie, phase: last.phase, last: last.key }));
    link = { '@odata.nextLink': `${base}/contacts?${queryText(query)}` };
  } else {
    query.delete('$skiptoken');
    // the next delta starts where this read's snapshot was taken; its time is now
    query.set('$deltatoken', tokenOf(cookie.snapshot, now));
    link = { '@odata.deltaLink': `${base}/contacts?${queryText(query)}` };
  }
  const preferences = [...(from ? [] : ['odata.track-changes']), ...(/odata\.maxpagesize/i.test(String(req.headers.prefer ?? '')) ? [`odata.maxpagesize=${size}`] : [])];
  return {
    status: 200,
    headers: { 'OData-Version': '4.0', ...(preferences.length > 0 ? { 'Preference-Applied': preferences.join(',') } : {}) },
    body: {
      '@odata.context': `${base}/$metadata#contacts(${select.join(',')})${from ? '/$delta' : ''}`,
      ...link,
      value: page.map((e) => (e.phase === 0
        ? rowOut(ctx, e.row, columns)
        : { '@odata.context': `${base}/$metadata#contacts/$deletedEntity`, id: e.deleted.contactid, reason: 'deleted' })),
    },
  };
}
