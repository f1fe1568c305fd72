/**
 * The SOQL subset Ferry sends:
 *   SELECT f1, f2 FROM Object
 *     [WHERE cond {AND|OR cond}]   cond: field IN ('a', …) | field = 'a' | field = null | field != null
 *     [ORDER BY field [ASC|DESC]] [LIMIT n]
 * Strings use single quotes with backslash escapes, as in Salesforce. Anything
 * else is a MALFORMED_QUERY, so a connector cannot rely on more than this.
 */
export type Condition =
  | { field: string; op: 'in'; values: string[] }
  | { field: string; op: 'eq' | 'ne'; value: string | null };

interface SoqlQuery {
  fields: string[];
  object: string;
  where: Condition[];
  /** how `where` conditions combine (mixing AND and OR is refused) */
  join: 'and' | 'or';
  orderBy?: { field: string; desc: boolean };
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
    if (ch === '!' && soql[i + 1] === '=') { tokens.push({ kind: 'punct', text: '!=' }); i += 2; continue; }
    if ('(),='.includes(ch)) { tokens.push({ kind: 'punct', text: ch }); i += 1; continue; }
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
  throw new SoqlError(`unexpected token after ${field}: '${c.peek()?.text ?? 'end of query'}'`);
}

export function parseSoql(soql: string): SoqlQuery {
  const c = new Cursor(tokenize(soql));
  c.expectKeyword('SELECT');
  const fields: string[] = [];
  do fields.push(c.word()); while (c.punct(','));
  c.expectKeyword('FROM');
  const object = c.word();
  const where: Condition[] = [];
  const joins = new Set<'and' | 'or'>();
  if (c.keyword('WHERE')) {
    where.push(condition(c));
    for (;;) {
      if (c.keyword('AND')) joins.add('and');
      else if (c.keyword('OR')) joins.add('or');
      else break;
      where.push(condition(c));
    }
  }
  if (joins.size > 1) throw new SoqlError('mixing AND and OR needs parentheses, which this sandbox does not support');
  const query: SoqlQuery = { fields, object, where, join: joins.has('or') ? 'or' : 'and' };
  if (c.keyword('ORDER')) {
    c.expectKeyword('BY');
    const field = c.word();
    const desc = c.keyword('DESC');
    if (!desc) c.keyword('ASC');
    query.orderBy = { field, desc };
  }
  if (c.keyword('LIMIT')) {
    const n = Number(c.word());
    if (!Number.isSafeInteger(n) || n < 0) throw new SoqlError('LIMIT must be a non-negative integer');
    query.limit = n;
  }
  if (!c.done()) throw new SoqlError(`unexpected token: '${c.peek()?.text ?? ''}'`);
  return query;
}
