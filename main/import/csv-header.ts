import { headerKey, isKnownHeader } from './vocabulary/index';

/**
 * Where a CSV file's table starts. Exports may open with a preamble: LinkedIn's
 * Connections.csv starts "Notes:", a quoted paragraph and a blank line before
 * its header row; report tools add a title line. The header row is the first
 * row in which at least two cells are column names some table knows; a file
 * with a single column settles for the first row with one.
 */
export const HEADER_SEARCH_ROWS = 50;
const HEADER_MIN_KNOWN = 2;

function knownCells(cells: readonly string[]): number {
  let n = 0;
  for (const cell of cells) {
    if (cell.length > 200) continue; // a paragraph is never a column name
    const key = headerKey(cell);
    if (key !== '' && isKnownHeader(key)) n++;
  }
  return n;
}

/** True once this row settles the search: it has enough known column names. */
export function isHeaderRow(cells: readonly string[]): boolean {
  return knownCells(cells) >= HEADER_MIN_KNOWN;
}

/** After the search window (or the end of the file): the first row that names any known column, or -1. */
export function fallbackHeader(rows: readonly (readonly string[])[]): number {
  return rows.findIndex((cells) => knownCells(cells) >= 1);
}

const CANDIDATES = [',', ';', '\t', '|'] as const;
const SNIFF_LINES = 30;

/**
 * The delimiter the file uses: ',' or Excel's ';' in many locales, a tab, or
 * '|'. Counted outside quotes on the first lines, not only the first one (a
 * preamble has none): the delimiter is the one that splits the most lines the
 * same way, which an unquoted "a; b" inside a comma-separated value does not.
 */
export function detectDelimiter(head: string): string {
  const lines: Map<string, number>[] = [];
  let counts = new Map<string, number>();
  let quoted = false;
  for (let i = 0; i < head.length && lines.length < SNIFF_LINES; i++) {
    const ch = head[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') {
      lines.push(counts);
      counts = new Map();
    } else if (!quoted && (CANDIDATES as readonly string[]).includes(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  if (counts.size > 0) lines.push(counts);
  let best: string = ',';
  let bestScore = 0;
  for (const candidate of CANDIDATES) {
    // The most common non-zero count per line, and how many lines have it.
    const tally = new Map<number, number>();
    for (const line of lines) {
      const n = line.get(candidate) ?? 0;
      if (n > 0) tally.set(n, (tally.get(n) ?? 0) + 1);
    }
    let score = 0;
    for (const [n, lineCount] of tally) score = Math.max(score, lineCount * 1000 + n);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
