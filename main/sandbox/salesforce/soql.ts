/**
 * The SOQL subset Ferry sends:
 *   SELECT f1, f2 FROM Object
 *     [WHERE expr]   expr: cond | expr AND expr | expr OR expr | ( expr )
 *                    cond: field IN ('a', …) | field {= | != | < | <= | > | >=} value
 *     [ORDER BY field [ASC|DESC] {, field [ASC|DESC]}] [LIMIT n]
 * Values are 'strings' (single quotes, backslash escapes), null, or dateTime
 * literals written bare (2026-11-30T20:00:00.000Z), as in Salesforce's SOQL
 * reference ("Date Formats and Date Literals"). Like Salesforce, AND and OR may
 * not be mixed at one level without parentheses. Anything else is a
 * MALFORMED_QUERY, so a connector cannot rely on more than this.
 */
export type Condition =
  | { field: string; op: 'in'; values: string[] }
  | { field: string; op: 'eq' | 'ne'; value: string | null }
  | { field: string; op: 'lt' | 'le' | 'gt' | 'ge'; value: string };

export type Expr = { kind: 'cond'; cond: Condition } | { kind: 'and' | 'or'; parts: Expr[] };

interface SoqlQuery {
  fields: string[];
  object: string;
  where?: Expr;
  orderBy: { field: string; desc: boolean }[];
  limit?: number;
}

export class SoqlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SoqlError';
  }
}

type Token = { kind: 'word'; text: string } | { kind: 'string'; text: string } | { kind: 'punct'; text: string };

function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < soql.length) {
    const ch = soql[i] as string;
    if (/\s/.test(ch)) { i += 1; continue; }
    if (ch === "'") {
      let text = '';
      i += 1;
      for (;;) {
        if (i >= soql.length) throw new SoqlError('unterminated string literal');
        const c = soql[i] as string;
        if (c === '\\') {
          const next = soql[i + 1];
          if (next === undefined) throw new SoqlError('unterminated escape');
          text += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          i += 2;
        } else if (c === "'") {
          i += 1;
          break;
        } else {
          text += c;
          i += 1;
        }
      }
      tokens.push({ kind: 'string', text });
      continue;
    }
    const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})/.exec(soql.slice(i));
    if (dateTime) { tokens.push({ kind: 'string', text: dateTime[0] }); i += dateTime[0].length; continue; }
    const two = soql.slice(i, i + 2);
    if (two === '!=' || two === '<=' || two === '>=') { tokens.push({ kind: 'punct', text: two }); i += 2; continue; }
    if ('(),=<>'.includes(ch)) { tokens.push({ kind: 'punct', text: ch }); i += 1; continue; }
    const m = /^[A-Za-z0-9_.]+/.exec(soql.slice(i));
    if (!m) throw new SoqlError(`unexpected token: '${ch}'`);
    tokens.push({ kind: 'word', text: m[0] });
    i += m[0].length;
  }
  return tokens;
}

class Cursor {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}
  peek(): Token | undefined { return this.tokens[this.i]; }
  next(): Token {
    const t = this.tokens[this.i];
    if (!t) throw new SoqlError('unexpected end of query');
    this.i += 1;
    return t;
  }
  keyword(word: string): boolean {
    const t = this.peek();
    if (t?.kind === 'word' && t.text.toUpperCase() === word) { this.i += 1; return true; }
    return false;
  }
  expectKeyword(word: string): void {
    if (!this.keyword(word)) throw new SoqlError(`expecting '${word}', found '${this.peek()?.text ?? 'end of query'}'`);
  }
  punct(text: string): boolean {
    const t = this.peek();
    if (t?.kind === 'punct' && t.text === text) { this.i += 1; return true; }
    return false;
  }
  word(): string {
    const t = this.next();
    if (t.kind !== 'word') throw new SoqlError(`unexpected token: '${t.text}'`);
    return t.text;
  }
  done(): boolean { return this.i >= this.tokens.length; }
}

function value(c: Cursor): string | null {
  const t = c.next();
  if (t.kind === 'string') return t.text;
  if (t.kind === 'word' && t.text.toLowerCase() === 'null') return null;
  throw new SoqlError(`unexpected token: '${t.text}'`);
}

function condition(c: Cursor): Condition {
  const field = c.word();
  if (c.keyword('IN')) {
    if (!c.punct('(')) throw new SoqlError("expecting '(' after IN");
    const values: string[] = [];
    do {
      const v = value(c);
      if (v !== null) values.push(v);
    } while (c.punct(','));
    if (!c.punct(')')) throw new SoqlError("expecting ')' to close IN");
    return { field, op: 'in', values };
  }
  if (c.punct('=')) return { field, op: 'eq', value: value(c) };
  if (c.punct('!=')) return { field, op: 'ne', value: value(c) };
  for (const [text, op] of [['<=', 'le'], ['>=', 'ge'], ['<', 'lt'], ['>', 'gt']] as const) {
    if (!c.punct(text)) continue;
    const v = value(c);
    if (v === null) throw new SoqlError(`null cannot be compared with ${text}`);
    return { field, op, value: v };
  }
  throw new SoqlError(`unexpected token after ${field}: '${c.peek()?.text ?? 'end of query'}'`);
}

function factor(c: Cursor): Expr {
  if (c.punct('(')) {
    const inner = expression(c);
    if (!c.punct(')')) throw new SoqlError("expecting ')'");
    return inner;
  }
  return { kind: 'cond', cond: condition(c) };
}

function expression(c: Cursor): Expr {
  const parts = [factor(c)];
  let join: 'and' | 'or' | undefined;
  for (;;) {
    const next = c.keyword('AND') ? 'and' : c.keyword('OR') ? 'or' : undefined;
    if (!next) break;
    if (join && join !== next) throw new SoqlError('mixing AND and OR needs parentheses');
    join = next;
    parts.push(factor(c));
  }
  return join ? { kind: join, parts } : parts[0] as Expr;
}

export function parseSoql(soql: string): SoqlQuery {
  const c = new Cursor(tokenize(soql));
  c.expectKeyword('SELECT');
  const fields: string[] = [];
  do fields.push(c.word()); while (c.punct(','));
  c.expectKeyword('FROM');
  const object = c.word();
  const query: SoqlQuery = { fields, object, orderBy: [] };
  if (c.keyword('WHERE')) query.where = expression(c);
  if (c.keyword('ORDER')) {
    c.expectKeyword('BY');
    do {
      const field = c.word();
      const desc = c.keyword('DESC');
      if (!desc) c.keyword('ASC');
      query.orderBy.push({ field, desc });
    } while (c.punct(','));
  }
  if (c.keyword('LIMIT')) {
    const n = Number(c.word());
    if (!Number.isSafeInteger(n) || n < 0) throw new SoqlError('LIMIT must be a non-negative integer');
    query.limit = n;
  }
  if (!c.done()) throw new SoqlError(`unexpected token: '${c.peek()?.text ?? ''}'`);
  return query;
}
