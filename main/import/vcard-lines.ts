import { decodeQuotedPrintableBytes, endsWithSoftBreak } from './quoted-printable';
import { decodeGuessingCharset } from './vcard-charset';
import type { UnreadableRecord } from './types';

/** One property of a card, unfolded, with the file line it starts on. */
export interface CardLine {
  line: number;
  text: string;
}

/** One card's properties (without BEGIN, END), ready for ical.js, with the file line its BEGIN:VCARD is on. */
export interface CardText {
  line: number;
  /** the card's VERSION ("2.1", "3.0", "4.0"), "3.0" when it says none */
  version: string;
  lines: CardLine[];
}

export interface SplitOptions {
  /** the code page to read quoted-printable bytes in when a card names none and they are not UTF-8 */
  fallbackCharset?: string;
}

const BEGIN = /^\s*BEGIN\s*:\s*VCARD\s*$/i;
const END = /^\s*END\s*:\s*VCARD\s*$/i;
const VERSION = /^\s*VERSION\s*:\s*(\S+)\s*$/i;
/** "NAME:", "group.NAME;PARAM=x:", even the broken "LABEL,TYPE=HOME:" — but not "21255 Bad Vilbel" */
const PROPERTY = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)?(?:[;,][^:]*)?:/;

/**
 * Cuts a file into cards and rewrites what ical.js (which follows RFC 2426 /
 * 6350) rejects but phones and address books write:
 *  - folded lines are unfolded here (RFC 6350 section 3.2), so each property
 *    reaches ical.js whole and can be read on its own when a neighbour is broken;
 *  - a line that is not a property and not folded is the rest of the previous
 *    value, cut by a raw line break (a LABEL or NOTE written with its newlines
 *    as they are, as tine20's and Apple's exports do); base64 photo data that
 *    vCard 2.1 continues without indentation is joined as it is;
 *  - vCard 2.1's bare parameters ("TEL;CELL:") and empty ones ("TEL;:", as
 *    OPPO/ColorOS phones write) become TYPE lists;
 *  - quoted-printable values are decoded, soft line breaks joined, in their
 *    CHARSET or, when none is named, a guessed one (vcard-charset.ts).
 */
export function* splitCards(text: string, opts: SplitOptions = {}): Generator<CardText | UnreadableRecord> {
  const lines = text.split('\n');
  let card: CardText | null = null;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (BEGIN.test(raw)) {
      if (card) yield neverEnds(card.line);
      card = { line: i + 1, version: '3.0', lines: [] };
      continue;
    }
    if (!card) continue; // text between cards carries no contact
    if (END.test(raw)) {
      yield card;
      card = null;
      continue;
    }
    const last = card.lines[card.lines.length - 1];
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && last) {
      last.text += raw.slice(1);
      continue;
    }
    if (raw.trim() === '') continue;
    if (!PROPERTY.test(raw)) {
      if (last) last.text += isBinary(last.text) ? raw.trim() : `\\n${raw}`;
      else card.lines.push({ line: i + 1, text: raw }); // nothing to continue: ical.js will refuse it, and it is reported
      continue;
    }
    const version = VERSION.exec(raw);
    if (version) {
      card.version = version[1] ?? '3.0';
      continue;
    }
    if (!isQuotedPrintable(raw)) {
      card.lines.push({ line: i + 1, text: rewriteBareParameters(raw) });
      continue;
    }
    // Quoted-printable: join the soft line breaks ("=" at the end) before decoding.
    const start = i + 1;
    let joined = raw;
    while (endsWithSoftBreak(joined) && i + 1 < lines.length && !END.test(lines[i + 1] ?? '')) {
      joined = joined.slice(0, -1) + (lines[++i] ?? '').replace(/^[ \t]/, '');
    }
    card.lines.push({ line: start, text: decodeQuotedPrintableLine(joined, opts.fallbackCharset) });
  }
  if (card) yield neverEnds(card.line);
}

/** The card as one text for ical.js. */
export function cardText(card: CardText, lines: readonly CardLine[] = card.lines): string {
  return ['BEGIN:VCARD', `VERSION:${card.version}`, ...lines.map((l) => l.text), 'END:VCARD'].join('\r\n');
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

/** Photos, logos, sounds and keys written as base64 (2.1 "BASE64", 3.0 "ENCODING=b"). */
function isBinary(line: string): boolean {
  const prop = splitProperty(line);
  return prop !== null && /(^|;)\s*(ENCODING\s*=\s*)?(B|BASE64)\s*(;|$)/i.test(prop.head);
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
    else if (eq < 0 || key === 'TYPE') {
      if (val !== '') out.types.push(val);
    } else if (key === 'ENCODING') out.encoding = val.toUpperCase();
    else if (key === 'CHARSET') out.charset = val.replace(/^"|"$/g, '');
    else if (key !== '' && val !== '') out.params.push(p);
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

/**
 * vCard 2.1 writes "TEL;CELL;VOICE:" where 3.0 writes "TEL;TYPE=CELL,VOICE:";
 * some phones write an empty parameter ("TEL;:") or one without a value
 * ("TEL;TYPE=:"), which ical.js refuses: those are dropped.
 */
function rewriteBareParameters(line: string): string {
  const prop = splitProperty(line);
  if (!prop || !/;\s*(;|$)|;[^=;:]+(;|$)|=\s*(;|$)/.test(prop.head)) return line;
  return `${writeHead(readParams(prop.head), true)}:${prop.value}`;
}

/**
 * Decodes the value and re-emits the property as plain vCard 3.0 text. The
 * decoded text may hold line breaks and backslashes, which vCard text must escape;
 * ';' and ',' stay as they are because in 2.1 they are the structure (N, ADR).
 */
function decodeQuotedPrintableLine(line: string, fallbackCharset: string | undefined): string {
  const prop = splitProperty(line);
  if (!prop) return line;
  const p = readParams(prop.head);
  const bytes = decodeQuotedPrintableBytes(prop.value);
  const decoded = decodeGuessingCharset(bytes, p.charset, fallbackCharset);
  delete p.encoding;
  const escaped = decoded.replace(/\\/g, '\\\\').replace(/\r\n|\r|\n/g, '\\n');
  return `${writeHead(p, false)}:${escaped}`;
}
