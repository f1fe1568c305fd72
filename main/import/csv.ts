import { parse, CsvError } from 'csv-parse/sync';
import { planColumns, type ColumnPlan } from './csv-columns';
import { rowToInput, unguard } from './csv-row';
import type { ImportRecord } from './types';

export const CSV_SOURCE = 'import:csv';

/** An unclosed quote is skipped and reading resumes on the next line, at most this many times per file. */
const MAX_RESUMES = 1000;

/** The delimiter the header line uses most, outside quotes: ',' or Excel's ';' in many locales, or a tab. */
export function detectDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const header = end < 0 ? text : text.slice(0, end);
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch] = (counts[ch] ?? 0) + 1;
  }
  return Object.entries(counts).reduce((best, entry) => (entry[1] > best[1] ? entry : best), [',', 0])[0];
}

function countLineBreaks(record: readonly string[]): number {
  let n = 0;
  for (const field of record) {
    for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) n++;
  }
  return n;
}

/**
 * CSV as decoded text, or as the file's own bytes when they are UTF-8 already
 * (see utf8AsIs): csv-parse reads bytes either way, so handing it the file's
 * bytes saves a decoded copy of the whole file and its re-encoding. Line
 * endings are '\n' in both.
 */
export type CsvText = string | Buffer;

const NEWLINE = 0x0a;
const codeAt = (text: CsvText, i: number): number | undefined => (typeof text === 'string' ? text.charCodeAt(i) : text[i]);
const from = (text: CsvText, start: number): CsvText => (typeof text === 'string' ? text.slice(start) : text.subarray(start));

/** The first non-empty line, where the header is. */
function headerLine(text: CsvText): string {
  let start = 0;
  while (codeAt(text, start) === NEWLINE) start++;
  const end = text.indexOf('\n', start);
  const line = typeof text === 'string' ? text.slice(start, end < 0 ? undefined : end) : text.subarray(start, end < 0 ? undefined : end);
  return line.toString();
}

/**
 * Reads CSV (line endings '\n') and hands every data row to visit as a
 * contact with the line it starts on, as it is parsed: no row is kept. The
 * first non-empty row is the header. A quote that is never closed would
 * swallow the rest of the file; instead that line is reported and reading
 * resumes on the line after it.
 */
export function readCsv(text: CsvText, visit: (record: ImportRecord) => void): void {
  const delimiter = detectDelimiter(headerLine(text));
  let plan: ColumnPlan | null = null;
  let rows = 0;
  let offsetLines = 0; // lines of the file before `rest`
  let rest = text;
  for (let resumes = 0; ; resumes++) {
    let lastEnd = 0; // last line (within rest) of the last complete record
    try {
      parse(rest, {
        delimiter,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
        on_record: (record: string[], info) => {
          lastEnd = info.lines;
          const line = offsetLines + info.lines - countLineBreaks(record);
          if (plan === null) {
            // Ferry's own export guards header cells too (a custom field named "=x").
            plan = planColumns(record.map(unguard));
            if (!plan.recognised) {
              throw new UnrecognisedHeaderError(line);
            }
          } else {
            const input = rowToInput(record, plan, CSV_SOURCE);
            if (input) {
              rows++;
              visit({ line, input });
            }
          }
          return null; // rows are not kept: the visitor owns them
        },
      });
      if (plan === null) visit({ line: 1, error: 'The file is empty: there are no contacts in it.', fatal: true });
      else if (rows === 0 && resumes === 0) visit({ line: 1, error: 'The file names its columns but has no contacts below them.', fatal: true });
      return;
    } catch (error) {
      if (error instanceof UnrecognisedHeaderError) {
        visit({ line: error.line, error: error.message, fatal: true });
        return;
      }
      if (!(error instanceof CsvError) || error.code !== 'CSV_QUOTE_NOT_CLOSED') throw error;
      const startInRest = firstNonEmptyLineAfter(rest, lastEnd);
      const line = offsetLines + startInRest;
      const more = resumes < MAX_RESUMES;
      visit({
        line,
        error: `A quote (") opened on line ${line} is never closed, so this row could not be read` +
          (more ? '.' : ', and nor could the rest of the file.'),
      });
      if (!more || plan === null) return; // a broken header leaves nothing below it that can be understood
      const cut = indexAfterLine(rest, startInRest);
      if (cut < 0) return;
      rest = from(rest, cut);
      offsetLines += startInRest;
    }
  }
}

export class UnrecognisedHeaderError extends Error {
  constructor(readonly line: number) {
    super(
      `None of the column names on line ${line} were recognised. The first row must name the columns, ` +
        'for example "First Name", "Last Name", "E-mail", "Phone", "Company".',
    );
    this.name = 'UnrecognisedHeaderError';
  }
}

/** 1-based number of the first non-blank line after line `after`. */
function firstNonEmptyLineAfter(text: CsvText, after: number): number {
  let line = after + 1;
  let pos = indexAfterLine(text, after);
  while (pos >= 0 && pos < text.length && codeAt(text, pos) === NEWLINE) {
    line++;
    pos++;
  }
  return line;
}

/** Offset of the first character after the n-th line break (0 for n = 0), or -1 when the text has fewer lines. */
function indexAfterLine(text: CsvText, n: number): number {
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const next = text.indexOf('\n', pos);
    if (next < 0) return -1;
    pos = next + 1;
  }
  return pos;
}

/** For tests and the UI preview: every record of a CSV text as an array. */
export function parseCsv(text: string): ImportRecord[] {
  const out: ImportRecord[] = [];
  readCsv(text, (r) => out.push(r));
  return out;
}
