import { DataverseError } from './wire';

/**
 * The OData `$filter` subset the sandbox evaluates on contacts: comparisons
 * (`eq ne gt ge lt le`) of a column with a literal (a DateTimeOffset such as
 * 2026-11-02T09:00:00Z, a Guid, a 'string', an integer, null), joined by `and` / `or`, in
 * parentheses (OData 4.0 URL Conventions §5.1.1: literals are unquoted for
 * dates and guids). What it cannot parse it refuses with 400, as Dataverse does.
 *
 * Order of values, as SQL Server (Dataverse's store) orders them: dates in time;
 * uniqueidentifiers by their byte groups from the last to the first (SQL Server
 * "Comparing GUID and uniqueidentifier Values": the last six bytes are the most
 * significant). Dataverse's own paging cookie pages on the primary key this way
 * (`<contactid last="{…}" first="{…}">`, Web API "Page results"), so a client that
 * sends back the last id it read only ever needs the server's order, never its own.
 * (Within a group the bytes follow .NET's Guid.ToByteArray, the first three groups
 * little-endian; the connector depends on none of this detail.)
 */

type Literal = { kind: 'date'; ms: number } | { kind: 'guid'; text: string } | { kind: 'string'; text: string } | { kind: 'number'; value: number } | { kind: 'null' };
type Op = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type FilterNode =
  | { kind: 'cmp'; column: string; op: Op; value: Literal }
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode };

const TOKEN = /\s*(\(|\)|'(?:[^']|'')*'|[A-Za-z0-9_.:+-]+)/y;

function tokens(text: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) {
      if (text.slice(start).trim() === '') break;
      throw invalid(text);
    }
    out.push(m[1]!);
  }
  return out;
}

const invalid = (text: string): DataverseError => new DataverseError(400, '0x80060888', `The query parameter $filter '${text}' is not valid: syntax error.`);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function literal(token: string, text: string): Literal {
  if (token === 'null') return { kind: 'null' };
  if (token.startsWith("'")) return { kind: 'string', text: token.slice(1, -1).replace(/''/g, "'") };
  if (GUID.test(token)) return { kind: 'guid', text: token.toLowerCase() };
  if (/^-?\d+$/.test(token)) return { kind: 'number', value: Number(token) };
  if (DATE.test(token) && !Number.isNaN(Date.parse(token))) return { kind: 'date', ms: Date.parse(token) };
  throw invalid(text);
}

export function parseFilter(text: string): FilterNode {
  const list = tokens(text);
  let i = 0;
  const peek = (): string | undefined => list[i];
  const next = (): string => {
    const t = list[i++];
    if (t === undefined) throw invalid(text);
    return t;
  };
  const primary = (): FilterNode => {
    if (peek() === '(') {
      next();
      const inner = or();
      if (next() !== ')') throw invalid(text);
      return inner;
    }
    const column = next().toLowerCase();
    const op = next().toLowerCase();
    if (!['eq', 'ne', 'gt', 'ge', 'lt', 'le'].includes(op)) throw invalid(text);
    return { kind: 'cmp', column, op: op as Op, value: literal(next(), text) };
  };
  const and = (): FilterNode => {
    let left = primary();
    while (peek()?.toLowerCase() === 'and') { next(); left = { kind: 'and', left, right: primary() }; }
    return left;
  };
  const or = (): FilterNode => {
    let left = and();
    while (peek()?.toLowerCase() === 'or') { next(); left = { kind: 'or', left, right: and() }; }
    return left;
  };
  const tree = or();
  if (i !== list.length) throw invalid(text);
  return tree;
}

/** SQL Server's order of two uniqueidentifiers (string form): byte groups 5, 4, 3, 2, 1, most significant first, each group in its stored byte order. */
/** A guid as SQL Server sorts it, as text that sorts the same way (compare keys with < and >). */
export function guidKey(g: string): string {
  const h = g.toLowerCase().replace(/-/g, '');
  const bytes = (from: number, to: number): string[] => Array.from({ length: (to - from) / 2 }, (_, k) => h.slice(from + k * 2, from + k * 2 + 2));
  // stored bytes: group 1 (4 bytes), 2 and 3 (2 bytes each) little-endian; 4 and 5 as written
  const g1 = bytes(0, 8).reverse();
  const g2 = bytes(8, 12).reverse();
  const g3 = bytes(12, 16).reverse();
  const g4 = bytes(16, 20);
  const g5 = bytes(20, 32);
  return [...g5, ...g4, ...g3, ...g2, ...g1].join('');
}

export function compareGuids(a: string, b: string): number {
  const ka = guidKey(a);
  const kb = guidKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** A column's value compared with a literal (null when either is null: a comparison with null is only true for eq/ne null). */
function compare(value: string | null, literal: Literal): number | null {
  if (value === null || literal.kind === 'null') return null;
  if (literal.kind === 'date') return Math.sign(Date.parse(value) - literal.ms);
  if (literal.kind === 'guid') return compareGuids(value, literal.text);
  if (literal.kind === 'number') return Math.sign(Number(value) - literal.value);
  return value < literal.text ? -1 : value > literal.text ? 1 : 0;
}

export function matches(node: FilterNode, read: (column: string) => string | null): boolean {
  if (node.kind !== 'cmp') return node.kind === 'and' ? matches(node.left, read) && matches(node.right, read) : matches(node.left, read) || matches(node.right, read);
  const value = read(node.column);
  if (node.value.kind === 'null') return node.op === 'eq' ? value === null : node.op === 'ne' ? value !== null : false;
  const c = compare(value, node.value);
  if (c === null) return node.op === 'ne';
  switch (node.op) {
    case 'eq': return c === 0;
    case 'ne': return c !== 0;
    case 'gt': return c > 0;
    case 'ge': return c >= 0;
    case 'lt': return c < 0;
    case 'le': return c <= 0;
  }
}

/** The columns a filter names. */
export function filterColumns(node: FilterNode): string[] {
  return node.kind === 'cmp' ? [node.column] : [...filterColumns(node.left), ...filterColumns(node.right)];
}
