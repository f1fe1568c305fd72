import type { Reply, SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import { apiVersion, type SalesforceContext, type SalesforceRoute } from './context';
import { invalidField, malformedQuery, SalesforceError } from './errors';
import { isObjectName, type ObjectName } from './schema';
import { parseSoql, SoqlError, type Condition } from './soql';
import { fieldValue, recordView, type SfRecord } from './store';

/** Salesforce returns at most this many rows per page; the rest come through nextRecordsUrl. */
export const QUERY_PAGE_SIZE = 2_000;

interface Cursor {
  rows: Record<string, unknown>[];
  totalSize: number;
}

/** Open query cursors (the rows of each are fixed when the query ran, as in Salesforce). */
export class QueryCursors {
  private readonly open = new Map<string, Cursor>();
  private counter = 1;

  add(cursor: Cursor): string {
    const id = `01gFe${String(this.counter).padStart(10, '0')}`;
    this.counter += 1;
    this.open.set(id, cursor);
    return id;
  }

  get(id: string): Cursor | undefined {
    return this.open.get(id);
  }

  reset(): void {
    this.open.clear();
  }
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function matches(record: SfRecord, cond: Condition): boolean {
  const raw = fieldValue(record, cond.field);
  const actual = raw === null ? null : String(raw);
  switch (cond.op) {
    case 'in': return actual !== null && cond.values.some((v) => same(v, actual));
    case 'eq': return cond.value === null ? actual === null : actual !== null && same(actual, cond.value);
    case 'ne': return cond.value === null ? actual !== null : actual === null || !same(actual, cond.value);
  }
}

/** Records that may satisfy `cond`, through an index when the field has one. */
function candidates(ctx: SalesforceContext, object: ObjectName, cond: Condition): SfRecord[] {
  const values = cond.op === 'in' ? cond.values : cond.op === 'eq' && cond.value !== null ? [cond.value] : undefined;
  if (values && cond.field === 'Id') return values.map((id) => ctx.store.get(object, id)).filter((r): r is SfRecord => r !== undefined);
  if (values && ctx.store.isIndexed(object, cond.field)) {
    const ids = new Set(values.flatMap((v) => ctx.store.idsWhere(object, cond.field, v)));
    return [...ids].map((id) => ctx.store.get(object, id)).filter((r): r is SfRecord => r !== undefined);
  }
  return ctx.store.all(object).filter((r) => matches(r, cond));
}

function canonical(ctx: SalesforceContext, object: ObjectName, name: string): string {
  const def = ctx.schema.field(object, name);
  if (!def) {
    throw invalidField(`\n${name}\n^\nERROR at Row:1:Column:1\nNo such column '${name}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
  }
  return def.name;
}

function run(ctx: SalesforceContext, soql: string, version: string): Cursor {
  let parsed;
  try {
    parsed = parseSoql(soql);
  } catch (error) {
    if (error instanceof SoqlError) throw malformedQuery(`${soql.slice(0, 200)}\n^\nERROR at Row:1:Column:1\n${error.message}`);
    throw error;
  }
  if (!isObjectName(parsed.object)) throw new SalesforceError(400, 'INVALID_TYPE', `sObject type '${parsed.object}' is not supported.`);
  const object = parsed.object;
  const fields = parsed.fields.map((f) => canonical(ctx, object, f));
  const where = parsed.where.map((c) => ({ ...c, field: canonical(ctx, object, c.field) }));
  let rows: SfRecord[];
  if (where.length === 0) rows = ctx.store.all(object);
  else if (parsed.join === 'or') rows = [...new Set(where.flatMap((c) => candidates(ctx, object, c)))];
  else rows = candidates(ctx, object, where[0] as Condition).filter((r) => where.every((c) => matches(r, c)));
  if (parsed.orderBy) {
    const field = canonical(ctx, object, parsed.orderBy.field);
    const dir = parsed.orderBy.desc ? -1 : 1;
    rows.sort((a, b) => dir * String(fieldValue(a, field) ?? '').localeCompare(String(fieldValue(b, field) ?? '')));
  }
  if (parsed.limit !== undefined) rows = rows.slice(0, parsed.limit);
  return { rows: rows.map((r) => recordView(r, fields, version)), totalSize: rows.length };
}

function page(ctx: SalesforceContext, cursorId: string | undefined, cursor: Cursor, offset: number, version: string): Reply {
  const end = offset + QUERY_PAGE_SIZE;
  const done = end >= cursor.rows.length;
  const id = cursorId ?? (done ? undefined : ctx.cursors.add(cursor));
  return {
    status: 200,
    body: {
      totalSize: cursor.totalSize,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/v${version}/query/${id}-${end}` }),
      records: cursor.rows.slice(offset, end),
    },
  };
}

/** The first page of a query's answer; also serves composite subrequests. */
export function serveQuery(ctx: SalesforceContext, q: string | null, version: string): Reply {
  if (!q) throw malformedQuery('A query string is required (q=SELECT ...)');
  return page(ctx, undefined, run(ctx, q, version), 0, version);
}

function query(req: SandboxRequest, ctx: SalesforceContext): Reply {
  return serveQuery(ctx, req.query.get('q'), apiVersion(req));
}

function queryMore(req: SandboxRequest, ctx: SalesforceContext): Reply {
  const m = /^(01g[A-Za-z0-9]+)-(\d+)$/.exec(req.params.locator ?? '');
  const cursor = m?.[1] ? ctx.cursors.get(m[1]) : undefined;
  if (!m || !cursor) throw new SalesforceError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  return page(ctx, m[1], cursor, Number(m[2]), apiVersion(req));
}

export function addQueryRoutes(router: Router<SalesforceRoute>): void {
  router
    .add('GET', '/services/data/:version/query', { handler: query, kind: 'api' })
    .add('GET', '/services/data/:version/query/:locator', { handler: queryMore, kind: 'api' });
}
