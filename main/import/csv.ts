import type { ImportField } from '../../preload/schemas/contacts-api';
import { planColumns, type ColumnPlan } from './csv-columns';
import { detectDelimiter, fallbackHeader, HEADER_SEARCH_ROWS, isHeaderRow } from './csv-header';
import { parseCsvText } from './csv-parser';
import { rowToInput, unguard } from './csv-row';
import type { ImportRecord, UnreadableRecord } from './types';

const CSV_SOURCE = 'import:csv';

/** An unclosed quote is skipped and reading resumes on the next line, at most this many times per file. */
const MAX_RESUMES = 1000;
/** Rows read below the header before the columns are planned: enough to guess what an unknown column holds. */
const SAMPLE_ROWS = 200;
/** Values per column the preview shows. */
const PREVIEW_SAMPLES = 3;

/**
 * CSV as decoded text, or as the file's own bytes when they are UTF-8 already
 * (see utf8AsIs), which then need no decoding but Node's own. Line endings are
 * '\n' in both.
 */
export type CsvText = string | Buffer;

/** What the reader learnt about the file's layout, for the preview and the report. */
export interface CsvLayout {
  delimiter: string;
  /** 1-based line of the header row, or null when none was found */
  headerLine: number | null;
  /** rows above the header row that were skipped (an exporter's preamble) */
  skippedRows: number;
  plan: ColumnPlan | null;
  /** the first few non-empty values of each column */
  samples: string[][];
}

interface CsvReadOptions {
  /** the user's mapping, by column index */
  choices?: ReadonlyMap<number, ImportField>;
  /** asked once the header row is found, when `choices` is not given: a mapping remembered for this header */
  choicesFor?: (headers: readonly string[]) => ReadonlyMap<number, ImportField> | undefined;
}


type Pending = { cells: string[]; line: number } | { unreadable: UnreadableRecord };

/**
 * Reads CSV (line endings '\n') and hands every data row to visit as a
 * contact with the line it starts on, as it is parsed. The header row is found
 * below any preamble (csv-header.ts); the first rows under it are held back
 * until the columns are planned, because an unknown column is guessed from
 * its values; after that no row is kept. A quote that is never closed would
 * swallow the rest of the file; instead that line is reported and reading
 * resumes on the line after it.
 */
export function readCsv(input: CsvText, visit: (record: ImportRecord) => void, opts: CsvReadOptions = {}): CsvLayout {
  const text = typeof input === 'string' ? input : input.toString('utf8');
  const layout: CsvLayout = { delimiter: detectDelimiter(text.slice(0, 65_536)), headerLine: null, skippedRows: 0, plan: null, samples: [] };
  let phase: 'header' | 'sample' | 'rows' = 'header';
  let headerCells: string[] = [];
  let pending: Pending[] = [];
  let rows = 0;
  let plan: ColumnPlan | null = null;

  const emit = (cells: string[], line: number): void => {
    const input = rowToInput(cells, plan!, CSV_SOURCE);
    if (input) {
      rows++;
      visit({ line, input });
    }
  };
  /** The header is pending[at]: what is above it is preamble, what is below it is data. */
  const takeHeader = (at: number): void => {
    const row = pending[at] as { cells: string[]; line: number };
    // Ferry's own export guards header cells too (a custom field named "=x" is written "'=x").
    headerCells = row.cells.map(unguard);
    layout.headerLine = row.line;
    layout.skippedRows = pending.slice(0, at).filter((p) => 'cells' in p).length;
    pending = pending.slice(at + 1);
    phase = 'sample';
  };
  const settleHeader = (): void => {
    const at = fallbackHeader(pending.map((p) => ('cells' in p ? p.cells : [])));
    if (at < 0) {
      const first = pending.find((p): p is { cells: string[]; line: number } => 'cells' in p);
      throw new UnrecognisedHeaderError(first?.line ?? 1);
    }
    takeHeader(at);
  };
  const makePlan = (): void => {
    const data = pending.filter((p): p is { cells: string[]; line: number } => 'cells' in p).map((p) => p.cells);
    const values = (index: number): string[] => data.map((cells) => (cells[index] ?? '').trim()).filter((v) => v !== '');
    const choices = opts.choices ?? opts.choicesFor?.(headerCells);
    plan = planColumns(headerCells, { samples: values, ...(choices ? { choices } : {}) });
    layout.plan = plan;
    layout.samples = headerCells.map((_, i) => [...new Set(values(i))].slice(0, PREVIEW_SAMPLES));
    phase = 'rows';
    const held = pending;
    pending = [];
    for (const p of held) {
      if ('cells' in p) emit(p.cells, p.line);
      else visit(p.unreadable);
    }
  };
  const take = (cells: string[], line: number): void => {
    if (phase === 'rows') return emit(cells, line);
    pending.push({ cells, line });
    if (phase === 'header') {
      if (isHeaderRow(cells)) takeHeader(pending.length - 1);
      else if (pending.length >= HEADER_SEARCH_ROWS) settleHeader();
    } else if (pending.length >= SAMPLE_ROWS) makePlan();
  };
  const report = (unreadable: UnreadableRecord): void => {
    if (phase === 'rows') visit(unreadable);
    else pending.push({ unreadable });
  };

  // The callbacks above move the phase on; TypeScript cannot see that, so it is read through a function.
  const currentPhase = (): typeof phase => phase;
  let unreadable = 0;
  try {
    parseAll(text, layout.delimiter, take, (record) => { unreadable++; report(record); }, () => phase !== 'header');
    if (phase === 'header') {
      if (pending.length === 0) {
        if (unreadable === 0) visit({ line: 1, error: 'The file is empty: there are no contacts in it.', fatal: true });
        return layout;
      }
      settleHeader();
    }
    if (currentPhase() === 'sample') makePlan();
  } catch (error) {
    if (!(error instanceof UnrecognisedHeaderError)) throw error;
    visit({ line: error.line, error: error.message, fatal: true });
    return layout;
  }
  if (rows === 0 && unreadable === 0) {
    visit({ line: 1, error: 'The file names its columns but has no contacts below them.', fatal: true });
  }
  return layout;
}

/**
 * Every record of the text, resuming after each quote that is never closed
 * (at most MAX_RESUMES times). canResume says whether what follows a broken
 * row can still be understood: not before the header row was found.
 */
function parseAll(
  text: string,
  delimiter: string,
  take: (cells: string[], line: number) => void,
  report: (record: UnreadableRecord) => void,
  canResume: () => boolean,
): void {
  let from = 0;
  let line = 1;
  for (let resumes = 0; ; resumes++) {
    const stop = parseCsvText(text, delimiter, take, line, from);
    if (!stop) return;
    const more = resumes < MAX_RESUMES && canResume();
    report({
      line: stop.line,
      error: `A quote (") opened on line ${stop.line} is never closed, so this row could not be read` +
        (more ? '.' : ', and nor could the rest of the file.'),
    });
    if (!more) return; // a broken header leaves nothing below it that can be understood
    from = stop.resumeAt;
    line = stop.line + 1;
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

/** For tests and the UI preview: every record of a CSV text as an array. */
export function parseCsv(text: string, opts: CsvReadOptions = {}): ImportRecord[] {
  const out: ImportRecord[] = [];
  readCsv(text, (r) => out.push(r), opts);
  return out;
}
