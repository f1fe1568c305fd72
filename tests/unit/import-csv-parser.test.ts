import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../../main/import/csv-parser';

function records(text: string, delimiter = ','): { cells: string[]; line: number }[] {
  const out: { cells: string[]; line: number }[] = [];
  const stop = parseCsvText(text, delimiter, (cells, line) => out.push({ cells, line }));
  expect(stop).toBeNull();
  return out;
}

const cell = fc.stringMatching(/^[a-zé, ";\n\t]{0,12}$/);
const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 });

describe('CSV parser', () => {
  it('reads what csv-stringify writes exactly as csv-parse does, for any cells (commas, quotes, line breaks)', () => {
    fc.assert(fc.property(table, fc.constantFrom(',', ';', '\t'), (rows, delimiter) => {
      const text = stringify(rows, { delimiter, record_delimiter: '\n' });
      const expected = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as string[][];
      expect(records(text, delimiter).map((r) => r.cells)).toEqual(expected);
    }), { numRuns: 500 });
  });

  it('gives each record the line it starts on, counting line breaks inside quoted values and skipped empty lines', () => {
    fc.assert(fc.property(table, (rows) => {
      const lines = rows.map((r) => stringify([r], { record_delimiter: '\n' }));
      const text = lines.join('\n'); // an empty line between records
      let line = 1;
      const starts: number[] = [];
      for (const [i, l] of lines.entries()) {
        if (l !== '\n') starts.push(line); // a record of one empty cell is an empty line, skipped
        line += l.split('\n').length - 1 + (i < lines.length - 1 ? 1 : 0);
      }
      expect(records(text).map((r) => r.line)).toEqual(starts);
    }), { numRuns: 300 });
  });

  it('is as forgiving as a spreadsheet: quotes inside unquoted text, text after a closing quote, ragged rows', () => {
    expect(records('a,The "Engine" Co,c\n"Smith" Ltd,x\n1\n1,2,3,4\n').map((r) => r.cells)).toEqual([
      ['a', 'The "Engine" Co', 'c'], ['Smith Ltd', 'x'], ['1'], ['1', '2', '3', '4'],
    ]);
    expect(records('a,b,').map((r) => r.cells)).toEqual([['a', 'b', '']]);
  });

  it('stops at a quote that is never closed, naming the line its record starts on and where to go on', () => {
    const text = 'First,Email\nAda,ada@x.example\n"Bob,bob@x.example\nCarl,carl@x.example\n';
    const seen: string[][] = [];
    const stop = parseCsvText(text, ',', (cells) => seen.push(cells));
    expect(seen).toEqual([['First', 'Email'], ['Ada', 'ada@x.example']]);
    expect(stop).toEqual({ line: 3, resumeAt: text.indexOf('Carl') });
  });
});
