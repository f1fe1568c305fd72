import type { ImportReportView } from '../../preload/schemas/contacts-api';
import type { CliContext } from './context';

/** How many rejected rows and warnings the terminal lists; --json has them all (warnings up to 1,000). */
const LISTED = 20;

const n = (value: number): string => value.toLocaleString('en-US');

function listed<T>(ctx: CliContext, title: string, items: readonly T[], total: number, line: (item: T) => string): void {
  if (total === 0) return;
  ctx.out.warn(`${title}${total > LISTED ? ` (the first ${LISTED} of ${n(total)})` : ''}:`);
  for (const item of items.slice(0, LISTED)) ctx.out.warn(`  ${line(item)}`);
}

/** The preview as a rep reads it: how the file was understood, column by column, and what would happen. */
export function printPreview(ctx: CliContext, file: string, r: ImportReportView): void {
  ctx.out.info(`Preview of ${file} — nothing has been written.`);
  const where = r.format === 'csv'
    ? `CSV, ${r.encoding}, separated by ${r.delimiter === '\t' ? 'tabs' : `"${r.delimiter ?? ','}"`}` +
      (r.headerLine ? `, column names on line ${r.headerLine}` : '') +
      (r.skippedRows ? ` (${n(r.skippedRows)} ${r.skippedRows === 1 ? 'row' : 'rows'} above them skipped)` : '')
    : r.encoding;
  ctx.out.info(`Format: ${r.layout ?? r.format} (${where})`);
  if (r.columns.length > 0) {
    ctx.out.info('Columns:');
    const width = Math.min(28, Math.max(...r.columns.map((c) => c.header.length)));
    for (const c of r.columns) {
      const samples = c.samples.length > 0 ? `  e.g. ${c.samples.map((s) => (s.length > 24 ? `${s.slice(0, 21)}...` : s)).join(', ')}` : '';
      ctx.out.info(`  ${String(c.index + 1).padStart(3)}  ${c.header.slice(0, 28).padEnd(width)}  → ${c.description} [${c.status}]${samples}`);
    }
  }
  ctx.out.info(r.message);
  ctx.out.info(`Would add ${n(r.added)}, update ${n(r.updated)}, leave ${n(r.unchanged)} unchanged, merge ${n(r.merged)}, reject ${n(r.rejected.length)}.`);
  listDetails(ctx, r);
}

/** The columns Ferry guessed from their values rather than their names: worth a look after an import. */
export function printGuessed(ctx: CliContext, r: ImportReportView): void {
  const guessed = r.columns.filter((c) => c.status === 'guessed');
  if (guessed.length === 0) return;
  ctx.out.info(`Guessed from their values: ${guessed.map((c) => `"${c.header || `column ${c.index + 1}`}" as ${c.description}`).join(', ')}.`);
}

export function listDetails(ctx: CliContext, r: ImportReportView): void {
  listed(ctx, 'Rejected', r.rejected, r.rejected.length, (x) => `line ${x.line}: ${x.reason}`);
  listed(ctx, 'Merged', r.mergedRows, r.merged, (x) => `line ${x.line}: ${x.reason}`);
  listed(ctx, 'Left out', r.warnings, r.warningCount, (x) => `line ${x.line}: ${x.message}`);
}
