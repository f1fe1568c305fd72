import type { ZohoContext } from './context';
import type { ZohoRecord } from './store';
import { valueOut } from './typed-values';
import { ZohoError } from './wire';

/**
 * COQL's SELECT as Zoho CRM documents it for v8 (zoho.com/crm/developer/docs/api/v8/
 * COQL-Overview.html, COQL-Limitations.html; POST /coql in zoho/crm-oas v8.0):
 * - `select <fields> from <module> [where <criteria>] [order by <field> [asc|desc], …]
 *   [limit <count> [offset <offset>]]`; keywords in any case;
 * - criteria with = != > < >= <= `is null` `is not null`, two at a time inside
 *   brackets ("if WHERE has more than two criteria … use them as ((A and B) and C)");
 * - without ORDER BY, records come in ascending id order;
 * - LIMIT defaults to 200, at most 2,000 per call; LIMIT + OFFSET reach at most
 *   100,000 records ("To fetch more than 1,00,000 records" one filters instead);
 * - credits by LIMIT: 1–200 → 1, 201–1,000 → 2, 1,001–2,000 → 3;
 * - date-times are compared to the second (Zoho keeps no milliseconds) and
 *   answered as yyyy-MM-ddTHH:mm:ss±HH:mm; no match: 204.
 * The sandbox parses exactly this grammar; anything else is SYNTAX_ERROR.
 */
export const COQL_MAX_LIMIT = 2_000;
export const COQL_MAX_REACH = 100_000;

type Op = '=' | '!=' | '>' | '<' | '>=' | '<=';
type Criterion =
  | { kind: 'compare'; field: string; op: Op; value: string }
  | { kind: 'null'; field: string; negated: boolean }
  | { kind: 'and' | 'or'; left: Criterion; right: Criterion };

export interface CoqlSelect {
  fields: string[];
  module: string;
  where: Criterion | null;
  order: { field: string; desc: boolean }[];
  limit: number;
  offset: number;
}

const syntaxError = (near: string): ZohoError => new ZohoError(400, 'SYNTAX_ERROR', 'error occured while parsing the query', { near: near.slice(0, 100) });

const SELECT = /^select\s+(.+?)\s+from\s+(\w+)(?:\s+where\s+(.+?))?(?:\s+order\s+by\s+(.+?))?(?:\s+limit\s+(\d+)(?:\s+offset\s+(\d+))?)?\s*$/is;

export function parseSelect(query: string): CoqlSelect {
  const m = SELECT.exec(query.trim());
  if (!m) throw syntaxError(query);
  const limit = m[5] === undefined ? 200 : Number(m[5]);
  const offset = m[6] === undefined ? 0 : Number(m[6]);
  if (limit < 1 || limit > COQL_MAX_LIMIT) throw new ZohoError(400, 'INVALID_QUERY', 'limit given seems to be invalid', { limit: String(COQL_MAX_LIMIT) });
  if (limit + offset > COQL_MAX_REACH) throw new ZohoError(400, 'LIMIT_EXCEEDED', `only ${COQL_MAX_REACH} records can be fetched using limit and offset`, { offset: String(offset) });
  const order = (m[4] ?? '').split(',').map((part) => part.trim()).filter(Boolean).map((part) => {
    const o = /^(\w+)(?:\s+(asc|desc))?$/i.exec(part);
    if (!o) throw syntaxError(part);
    return { field: o[1] as string, desc: (o[2] ?? '').toLowerCase() === 'desc' };
  });
  return {
    fields: (m[1] as string).split(',').map((f) => f.trim()).filter(Boolean),
    module: m[2] as string,
    where: m[3] === undefined ? null : parseCriteria(m[3]),
    order,
    limit,
    offset,
  };
}

function tokens(text: string): string[] {
  const out: string[] = [];
  const re = /\s*('(?:[^']|'')*'|\(|\)|>=|<=|!=|=|>|<|[A-Za-z0-9_.$+:-]+)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while ((m = re.exec(text)) !== null) {
    out.push(m[1] as string);
    at = re.lastIndex;
  }
  if (text.slice(at).trim() !== '') throw syntaxError(text.slice(at));
  return out;
}

/** criteria := term [(and|or) term]; term := '(' criteria ')' | field op value | field is [not] null */
function parseCriteria(text: string): Criterion {
  const t = tokens(text);
  let i = 0;
  const next = (): string => {
    const token = t[i++];
    if (token === undefined) throw syntaxError(text);
    return token;
  };
  const term = (): Criterion => {
    if (t[i] === '(') {
      i++;
      const inner = criteria();
      if (next() !== ')') throw syntaxError(text);
      return inner;
    }
    const field = next();
    const op = next();
    if (op.toLowerCase() === 'is') {
      const not = t[i]?.toLowerCase() === 'not';
      if (not) i++;
      if (next().toLowerCase() !== 'null') throw syntaxError(text);
      return { kind: 'null', field, negated: not };
    }
    if (!['=', '!=', '>', '<', '>=', '<='].includes(op)) throw syntaxError(op);
    const raw = next();
    const value = raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw;
    return { kind: 'compare', field, op: op as Op, value };
  };
  const criteria = (): Criterion => {
    const left = term();
    const joiner = t[i]?.toLowerCase();
    if (joiner !== 'and' && joiner !== 'or') return left;
    i++;
    const right = term();
    // a third criterion without brackets is ambiguous: Zoho refuses it
    const more = t[i]?.toLowerCase();
    if (more === 'and' || more === 'or') throw syntaxError(text);
    return { kind: joiner, left, right };
  };
  const root = criteria();
  if (i !== t.length) throw syntaxError(text);
  return root;
}

/** Zoho's date-time form, to the second, in UTC. */
export const zohoTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
const seconds = (ms: number): number => Math.floor(ms / 1000);
const TIME_FIELDS: Record<string, (r: ZohoRecord) => number> = { Modified_Time: (r) => r.modifiedAt, Created_Time: (r) => r.createdAt };

/** -1, 0 or 1: the record's value of `field` against `literal` (ids as numbers, times to the second, text in any case). */
function compareTo(record: ZohoRecord, field: string, literal: string): number | null {
  const sign = (n: number | bigint): number => (n > 0 ? 1 : n < 0 ? -1 : 0);
  if (field === 'id') {
    if (!/^\d+$/.test(literal)) throw new ZohoError(400, 'INVALID_QUERY', 'invalid value for id', { column_name: 'id' });
    return sign(BigInt(record.id) - BigInt(literal));
  }
  const time = TIME_FIELDS[field];
  if (time) {
    const ms = Date.parse(literal);
    if (Number.isNaN(ms)) throw new ZohoError(400, 'INVALID_QUERY', 'invalid datetime value', { column_name: field });
    return sign(seconds(time(record)) - seconds(ms));
  }
  const value = record.fields[field];
  if (value === undefined) return null;
  return value.toLowerCase().localeCompare(literal.toLowerCase());
}

function matches(record: ZohoRecord, c: Criterion): boolean {
  switch (c.kind) {
    case 'and': return matches(record, c.left) && matches(record, c.right);
    case 'or': return matches(record, c.left) || matches(record, c.right);
    case 'null': {
      const empty = c.field !== 'id' && !TIME_FIELDS[c.field] && !record.fields[c.field];
      return c.negated ? !empty : empty;
    }
    case 'compare': {
      const d = compareTo(record, c.field, c.value);
      if (d === null) return false;
      switch (c.op) {
        case '=': return d === 0;
        case '!=': return d !== 0;
        case '>': return d > 0;
        case '<': return d < 0;
        case '>=': return d >= 0;
        case '<=': return d <= 0;
      }
    }
  }
}

function orderValue(record: ZohoRecord, field: string): bigint | number | string {
  if (field === 'id') return BigInt(record.id);
  const time = TIME_FIELDS[field];
  if (time) return seconds(time(record));
  return (record.fields[field] ?? '').toLowerCase();
}

const known = (ctx: ZohoContext, field: string): boolean => field === 'id' || ctx.store.field(field) !== undefined;

/** Runs a parsed SELECT on the Contacts records: the page of rows and whether more match. */
export function runSelect(ctx: ZohoContext, q: CoqlSelect): { rows: Record<string, unknown>[]; more: boolean } {
  if (q.module !== 'Contacts') throw new ZohoError(400, 'INVALID_QUERY', 'the module name given seems to be invalid', { module: q.module });
  for (const f of [...q.fields, ...q.order.map((o) => o.field)]) if (!known(ctx, f)) throw new ZohoError(400, 'INVALID_QUERY', 'column given seems to be invalid', { column_name: f });
  const order = q.order.length > 0 ? q.order : [{ field: 'id', desc: false }];
  const hits = [...ctx.store.records.values()].filter((r) => q.where === null || matches(r, q.where));
  hits.sort((a, b) => {
    for (const o of order) {
      const x = orderValue(a, o.field);
      const y = orderValue(b, o.field);
      if (x !== y) return (x < y ? -1 : 1) * (o.desc ? -1 : 1);
    }
    return 0;
  });
  const page = hits.slice(q.offset, q.offset + q.limit);
  const rows = page.map((r) => {
    const row: Record<string, unknown> = { id: r.id };
    for (const f of q.fields) {
      if (f === 'id') continue;
      const time = TIME_FIELDS[f];
      const text = r.fields[f];
      row[f] = time ? zohoTime(time(r)) : text === undefined ? null : valueOut(ctx.store.field(f), text);
    }
    return row;
  });
  return { rows, more: hits.length > q.offset + q.limit };
}

/** Credits a COQL call costs, by its LIMIT (COQL-Overview.html, "API Credits based on the value of LIMIT"). */
export function coqlCredits(limit: number): number {
  return limit <= 200 ? 1 : limit <= 1_000 ? 2 : 3;
}
