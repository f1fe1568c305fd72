import { decodeQuotedPrintable, endsWithSoftBreak } from './quoted-printable';
import type { UnreadableRecord } from './types';

/** One card's text, ready for ical.js, with the file line its BEGIN:VCARD is on. */
export interface CardText {
  line: number;
  text: string;
}

const BEGIN = /^\s*BEGIN\s*:\s*VCARD\s*$/i;
const END = /^\s*END\s*:\s*VCARD\s*$/i;

/**
 * Cuts a file into cards and rewrites the vCard 2.1 habits that ical.js
 * (which follows RFC 2426 / 6350) rejects: bare parameters ("TEL;CELL:") and
 * quoted-printable values with soft line breaks. Everything else is passed on
 * untouched for ical.js to parse, so folded lines are unfolded by ical.js.
 */
export function* splitCards(text: string): Generator<CardText | UnreadableRecord> {
  const lines = text.split('\n');
  let start = 0; // 1-based line of the open card's BEGIN, 0 when outside a card
  let body: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (BEGIN.test(line)) {
      if (start > 0) yield neverEnds(start);
      start = i + 1;
      body = ['BEGIN:VCARD'];
      continue;
    }
    if (start === 0) continue; // text between cards carries no contact
    if (END.test(line)) {
      body.push('END:VCARD');
      yield { line: start, text: body.join('\n') };
      start = 0;
      body = [];
      continue;
    }
    if (line.startsWith(' ') || line.startsWith('\t') || !isQuotedPrintable(line)) {
      body.push(rewriteBareParameters(line));
      continue;
    }
    // Quoted-printable: join the soft line breaks ("=" at the end) before decoding.
    let joined = line;
    while (endsWithSoftBreak(joined) && i + 1 < lines.length && !END.test(lines[i + 1] ?? '')) {
      joined = joined.slice(0, -1) + (lines[++i] ?? '').replace(/^[ \t]/, '');
    }
    body.push(decodeQuotedPrintableLine(joined));
  }
  if (start > 0) yield neverEnds(start);
}

function neverEnds(line: number): UnreadableRecord {
  return { line, error: `The card starting on line ${line} has no END:VCARD, so it could not be read (the file may be cut short).` };
}

/** Splits "NAME;P1;P2=x:value" at the first colon that is not inside a quoted parameter value. */
function splitProperty(line: string): { head: string; value: string } | null {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === ':' && !quoted) return { head: line.slice(0, i), value: line.slice(i + 1) };
  }
  return null;
}

function splitParams(head: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let from = 0;
  for (let i = 0; i < head.length; i++) {
    if (head[i] === '"') quoted = !quoted;
    else if (head[i] === ';' && !quoted) {
      parts.push(head.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(head.slice(from));
  return parts;
}

function isQuotedPrintable(line: string): boolean {
  const prop = splitProperty(line);
  return prop !== null && /(^|;)\s*(ENCODING\s*=\s*)?QUOTED-PRINTABLE\s*(;|$)/i.test(prop.head);
}

interface Params {
  name: string;
  params: string[];
  types: string[];
  encoding?: string;
  charset?: string;
}

function readParams(head: string): Params {
  const [name = '', ...rest] = splitParams(head);
  const out: Params = { name, params: [], types: [] };
  for (const raw of rest) {
    const p = raw.trim();
    if (p === '') continue;
    const eq = p.indexOf('=');
    const key = (eq < 0 ? '' : p.slice(0, eq)).trim().toUpperCase();
    const val = eq < 0 ? p : p.slice(eq + 1).trim();
    if (eq < 0 && /^(QUOTED-PRINTABLE|BASE64|B|8BIT|7BIT)$/i.test(p)) out.encoding = p.toUpperCase();
    else if (eq < 0 || key === 'TYPE') out.types.push(val);
    else if (key === 'ENCODING') out.encoding = val.toUpperCase();
    else if (key === 'CHARSET') out.charset = val.replace(/^"|"$/g, '');
    else out.params.push(p);
  }
  return out;
}

function writeHead(p: Params, keepCharset: boolean): string {
  const params = [...p.params];
  if (p.types.length > 0) params.push(`TYPE=${p.types.join(',')}`);
  if (p.encoding === 'BASE64' || p.encoding === 'B') params.push('ENCODING=b');
  if (keepCharset && p.charset) params.push(`CHARSET=${p.charset}`);
  return [p.name, ...params].join(';');
}

/** vCard 2.1 writes "TEL;CELL;VOICE:" where 3.0 writes "TEL;TYPE=CELL,VOICE:". */
function rewriteBareParameters(line: string): string {
  const prop = splitProperty(line);
  if (!prop || !/;[^=;:]+(;|$)/.test(prop.head)) return line;
  return `${writeHead(readParams(prop.head), true)}:${prop.value}`;
}

/**
 * Decodes the value and re-emits the property as plain vCard 3.0 text. The
 * decoded text may hold line breaks and backslashes, which vCard text must escape;
 * ';' and ',' stay as they are because in 2.1 they are the structure (N, ADR).
 */
function decodeQuotedPrintableLine(line: string): string {
  const prop = splitProperty(line);
  if (!prop) return line;
  const p = readParams(prop.head);
  const decoded = decodeQuotedPrintable(prop.value, p.charset ?? 'utf-8');
  delete p.encoding;
  const escaped = decoded.replace(/\\/g, '\\\\').replace(/\r\n|\r|\n/g, '\\n');
  return `${writeHead(p, false)}:${escaped}`;
}
