import type { Reply, SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import { apiVersion, type SalesforceContext, type SalesforceRoute } from './context';
import { invalidField, malformedQuery, SalesforceError } from './errors';
import { isObjectName, type ObjectName } from './schema';
import { parseSoql, SoqlError, type Condition, type Expr } from './soql';
import { fieldValue, recordView, type SfRecord } from './store';

/**
 * Salesforce returns at most this many rows per page; the rest come through
 * nextRecordsUrl. A client may ask for smaller pages with the header
 * `Sforce-Query-Options: batchSize=N` (200 to 2,000; REST API Developer Guide,
 * "Query Options Header": "The default is 2,000; the minimum is 200, and the
 * maximum is 2,000. There's no guarantee that the requested batch size is the
 * actual batch size"). The sandbox uses the requested size, clamped.
 */
export const QUERY_PAGE_SIZE = 2_000;
const MIN_BATCH_SIZE = 200;

function batchSizeOf(req: SandboxRequest): number {
  const header = req.headers['sforce-query-options'];
  const m = /batchSize\s*=\s*(\d+)/i.exec(Array.isArray(header) ? header.join(',') : header ?? '');
  if (!m) return QUERY_PAGE_SIZE;
  return Math.min(QUERY_PAGE_SIZE, Math.max(MIN_BATCH_SIZE, Number(m[1])));
}

interface Cursor {
  rows: Record<string, unknown>[];
  totalSize: number;
  batchSize: number;
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

const DATE_FIELDS = new Set(['CreatedDate', 'LastModifiedDate', 'SystemModstamp']);

/** Order of two values of `field`: dateTimes by instant (any zone), Ids and the rest by their characters. */
function compare(field: string, a: string, b: string): number {
  if (DATE_FIELDS.has(field)) return Date.parse(a.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) - Date.parse(b.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return a < b ? -1 : a > b ? 1 : 0;
}

function matches(record: SfRecord, cond: Condition): boolean {
  const raw = fieldValue(record, cond.field);
  const actual = raw === null ? null : String(raw);
  switch (cond.op) {
    case 'in': return actual !== null && cond.values.some((v) => same(v, actual));
    case 'eq':
      if (cond.value === null) return actual === null;
      return actual !== null && (DATE_FIELDS.has(cond.field) ? compare(cond.field, actual, cond.value) === 0 : same(actual, cond.value));
    case 'ne': return cond.value === null ? actual !== null : actual === null || !same(actual, cond.value);
    case 'lt': return actual !== null && compare(cond.field, actual, cond.value) < 0;
    case 'le': return actual !== null && compare(cond.field, actual, cond.value) <= 0;
    case 'gt': return actual !== null && compare(cond.field, actual, cond.value) > 0;
    case 'ge': return actual !== null && compare(cond.field, actual, cond.value) >= 0;
  }
}

function holds(record: SfRecord, expr: Expr): boolean {
  if (expr.kind === 'cond') return matches(record, expr.cond);
  return expr.kind === 'and' ? expr.parts.every((p) => holds(record, p)) : expr.parts.some((p) => holds(record, p));
}

function canonicalExpr(ctx: SalesforceContext, object: ObjectName, expr: Expr): Expr {
  if (expr.kind === 'cond') return { kind: 'cond', cond: { ...expr.cond, field: canonical(ctx, object, expr.cond.field) } };
  return { kind: expr.kind, parts: expr.parts.map((p) => canonicalExpr(ctx, object, p)) };
}

/** Rows for `where`, through the indexes when it is one condition or an OR of plain conditions. */
function select(ctx: SalesforceContext, object: ObjectName, where: Expr | undefined): SfRecord[] {
  if (!where) return ctx.store.all(object);
  if (where.kind === 'cond') return candidates(ctx, object, where.cond);
  if (where.kind === 'or' && where.parts.every((p) => p.kind === 'cond')) {
    return [...new Set(where.parts.flatMap((p) => (p.kind === 'cond' ? candidates(ctx, object, p.cond) : [])))];
  }
  if (where.kind === 'and' && where.parts[0]?.kind === 'cond') {
    return candidates(ctx, object, where.parts[0].cond).filter((r) => holds(r, where));
  }
  return ctx.store.all(object).filter((r) => holds(r, where));
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

function run(ctx: SalesforceContext, soql: string, version: string, batchSize: number): Cursor {
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
  let rows = select(ctx, object, parsed.where ? canonicalExpr(ctx, object, parsed.where) : undefined);
  const order = parsed.orderBy.map((o) => ({ field: canonical(ctx, object, o.field), dir: o.desc ? -1 : 1 }));
  if (order.length > 0) {
    rows = [...rows].sort((a, b) => {
      for (const { field, dir } of order) {
        const d = compare(field, String(fieldValue(a, field) ?? ''), String(fieldValue(b, field) ?? ''));
        if (d !== 0) return dir * d;
      }
      return 0;
    });
  }
  if (parsed.limit !== undefined) rows = rows.slice(0, parsed.limit);
  return { rows: rows.map((r) => recordView(r, fields, version)), totalSize: rows.length, batchSize };
}

function page(ctx: SalesforceContext, cursorId: string | undefined, cursor: Cursor, offset: number, version: string): Reply {
  const end = offset + cursor.batchSize;
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
export function serveQuery(ctx: SalesforceContext, q: string | null, version: string, batchSize = QUERY_PAGE_SIZE): Reply {
  if (!q) throw malformedQuery('A query string is required (q=SELECT ...)');
  return page(ctx, undefined, run(ctx, q, version, batchSize), 0, version);
}

function query(req: SandboxRequest, ctx: SalesforceContext): Reply {
  return serveQuery(ctx, req.query.get('q'), apiVersion(req), batchSizeOf(req));
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
