import type { Reply, SandboxRequest } from '../shared/http';
import type { DynamicsContext } from './context';
import { compareGuids, filterColumns, matches, parseFilter } from './filter';
import type { ContactRow } from './org';
import { typedOut } from './typed-columns';
import { API_VERSION, DataverseError } from './wire';

/**
 * `GET contacts?$select=…&$filter=…&$orderby=…` with `Prefer: odata.maxpagesize=N`
 * (Web API "Query data", "Page results using OData"):
 * - at most 5,000 rows a page; a larger max page size is ignored (5,000 it is), and
 *   the answer says `Preference-Applied: odata.maxpagesize=N`;
 * - with more rows, `@odata.nextLink`: the same query with a `$skiptoken` paging
 *   cookie holding the last row's order values. Paging is dynamic: each request is
 *   evaluated on its own, and the cookie says where the previous page ended
 *   ("Ordering and paging"), so rows changed meanwhile move, they are not frozen;
 * - without `$orderby`, rows come in primary key order; `$orderby` on other
 *   columns gets the primary key appended, so the order is deterministic;
 * - `$skip` is not supported (400), as in Dataverse.
 * System columns a client may read and filter on: contactid, createdon, modifiedon
 * (DateTimeOffset, whole seconds, UTC), statecode (0 Active, 1 Inactive).
 */

export const MAX_PAGE_SIZE = 5_000;
const SYSTEM = new Set(['contactid', 'createdon', 'modifiedon', 'statecode']);

type Order = { column: string; desc: boolean };

export function known(ctx: DynamicsContext, column: string): boolean {
  return SYSTEM.has(column) || ctx.org.columnMax(column) !== undefined || ctx.org.typed(column) !== undefined;
}

export const noProperty = (name: string): DataverseError => new DataverseError(400, '0x80060888', `Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.contact'.`);

export function read(row: ContactRow, column: string): string | null {
  if (column === 'contactid') return row.contactid;
  if (column === 'createdon') return row.createdon;
  if (column === 'modifiedon') return row.modifiedon;
  // State: 0 Active, 1 Inactive (a deactivated or merged-away contact; contact table reference)
  if (column === 'statecode') return row.fields.statecode ?? '0';
  return row.fields[column] ?? null;
}

function compareBy(orders: Order[]): (a: ContactRow, b: ContactRow) => number {
  return (a, b) => {
    for (const o of orders) {
      const x = read(a, o.column);
      const y = read(b, o.column);
      let c = 0;
      if (x === null || y === null) c = x === y ? 0 : x === null ? -1 : 1;
      else if (o.column === 'contactid') c = compareGuids(x, y);
      else if (o.column === 'createdon' || o.column === 'modifiedon') c = Math.sign(Date.parse(x) - Date.parse(y));
      else c = x < y ? -1 : x > y ? 1 : 0;
      if (c !== 0) return o.desc ? -c : c;
    }
    return 0;
  };
}

function parseOrder(ctx: DynamicsContext, text: string | null): Order[] {
  const orders = (text ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((part) => {
    const [column = '', direction = 'asc', ...rest] = part.split(/\s+/);
    if (rest.length > 0 || !['asc', 'desc'].includes(direction.toLowerCase())) throw new DataverseError(400, '0x80060888', `The query parameter $orderby '${text ?? ''}' is not valid.`);
    if (!known(ctx, column.toLowerCase())) throw noProperty(column);
    return { column: column.toLowerCase(), desc: direction.toLowerCase() === 'desc' };
  });
  // the primary key last, so that rows equal in every named order still have one order
  return orders.some((o) => o.column === 'contactid') ? orders : [...orders, { column: 'contactid', desc: false }];
}

/** `odata.maxpagesize=N` from Prefer; absent, 0 or above 5,000: 5,000. */
export function pageSize(prefer: string): number {
  const m = /odata\.maxpagesize=(\d+)/i.exec(prefer);
  const n = m ? Number(m[1]) : MAX_PAGE_SIZE;
  return n > 0 && n <= MAX_PAGE_SIZE ? n : MAX_PAGE_SIZE;
}

/** A paging cookie naming the last row's order values (the shape of Dataverse's `<cookie pagenumber=… pagingcookie=…>`). */
function cookieOf(page: number, orders: Order[], last: ContactRow): string {
  const inner = orders.map((o) => `<${o.column} last="${encodeURIComponent(read(last, o.column) ?? '')}" />`).join('');
  return `<cookie pagenumber="${page + 1}" pagingcookie="${encodeURIComponent(`<cookie page="${page}">${inner}</cookie>`)}" istracking="False" />`;
}

function afterCookie(cookie: string, orders: Order[]): { page: number; isAfter: (row: ContactRow) => boolean } {
  const page = Number(/pagenumber="(\d+)"/.exec(cookie)?.[1] ?? NaN);
  const inner = decodeURIComponent(/pagingcookie="([^"]*)"/.exec(cookie)?.[1] ?? '');
  const last = new Map([...inner.matchAll(/<([a-z0-9_]+) last="([^"]*)" \/>/g)].map((m) => [m[1]!, decodeURIComponent(m[2]!)]));
  if (!Number.isInteger(page) || orders.some((o) => !last.has(o.column))) throw new DataverseError(400, '0x80060888', 'The $skiptoken is not valid for this query.');
  const marker: ContactRow = { contactid: last.get('contactid') ?? '', createdon: last.get('createdon') ?? '', modifiedon: last.get('modifiedon') ?? '', fields: Object.fromEntries([...last].map(([k, v]) => [k, v === '' ? null : v])) };
  const cmp = compareBy(orders);
  return { page: page - 1, isAfter: (row) => cmp(row, marker) > 0 };
}

/** A row as the Web API answers it: its etag, the columns asked for (typed), its id. */
export function rowOut(ctx: DynamicsContext, r: ContactRow, columns: readonly string[]): Record<string, unknown> {
  return {
    '@odata.etag': `W/"${Date.parse(r.modifiedon)}"`,
    ...Object.fromEntries(columns.map((c) => [c, c === 'statecode' ? Number(read(r, c)) : SYSTEM.has(c) ? read(r, c) : typedOut(ctx.org.typed(c), read(r, c))])),
    contactid: r.contactid,
  };
}

/** `$select`'s columns, each checked (400 for one the contact table does not have); empty when none. */
export function selectedColumns(req: SandboxRequest, ctx: DynamicsContext): string[] {
  const select = (req.query.get('$select') ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const unknown = select.find((s) => !known(ctx, s));
  if (unknown) throw noProperty(unknown);
  return select;
}

export function queryContacts(req: SandboxRequest, ctx: DynamicsContext): Reply {
  if (req.query.has('$skip')) throw new DataverseError(400, '0x80060888', 'The query parameter $skip is not supported.');
  const select = selectedColumns(req, ctx);
  const filterText = req.query.get('$filter');
  const filter = filterText ? parseFilter(filterText) : null;
  const badColumn = filter ? filterColumns(filter).find((c) => !known(ctx, c)) : undefined;
  if (badColumn) throw noProperty(badColumn);
  const orders = parseOrder(ctx, req.query.get('$orderby'));
  const size = pageSize(String(req.headers.prefer ?? ''));
  const skipToken = req.query.get('$skiptoken');
  const from = skipToken ? afterCookie(skipToken, orders) : { page: 0, isAfter: () => true };

  const rows = ctx.org.all()
    .filter((r) => (filter ? matches(filter, (c) => read(r, c)) : true) && from.isAfter(r))
    .sort(compareBy(orders));
  const page = rows.slice(0, size);
  const base = `${ctx.orgUrl()}/api/data/${API_VERSION}`;
  const columns = select.length > 0 ? select : ['contactid', 'createdon', 'modifiedon', ...ctx.org.columns().filter((c) => c !== 'contactid')];
  const last = page[page.length - 1];
  let nextLink: string | undefined;
  if (rows.length > size && last) {
    const query = new URLSearchParams(req.query);
    query.set('$skiptoken', cookieOf(from.page + 1, orders, last));
    nextLink = `${base}/contacts?${query.toString()}`;
  }
  return {
    status: 200,
    headers: { 'OData-Version': '4.0', ...(/odata\.maxpagesize/i.test(String(req.headers.prefer ?? '')) ? { 'Preference-Applied': `odata.maxpagesize=${size}` } : {}) },
    body: {
      '@odata.context': `${base}/$metadata#contacts(${select.join(',')})`,
      value: page.map((r) => rowOut(ctx, r, columns)),
      ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
    },
  };
}
