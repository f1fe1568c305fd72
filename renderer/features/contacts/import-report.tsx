import type { ImportReportView } from '../../../preload/schemas/contacts-api';
import { formatCount } from '../../lib/format';
import { Banner } from '../../ui/banner';
import { Disclosure } from '../../ui/disclosure';
import { Table } from '../../ui/table';

/** The counts of an import or a preview: added, updated, unchanged, merged, rejected. */
export function ImportCounts({ report, preview }: { report: ImportReportView; preview?: boolean }) {
  const cells: [string, number, string][] = [
    [preview ? 'Would add' : 'Added', report.added, 'import-added'],
    [preview ? 'Would update' : 'Updated', report.updated, 'import-updated'],
    ['Unchanged', report.unchanged, 'import-unchanged'],
    ['Merged', report.merged, 'import-merged'],
    ['Rejected', report.rejected.length, 'import-rejected'],
  ];
  return (
    <dl className="stats import-counts">
      {cells.map(([label, n, testId]) => <div key={testId}><dt>{label}</dt><dd className="num" data-testid={testId}>{formatCount(n)}</dd></div>)}
    </dl>
  );
}

/** Rejected rows, values left out and merged rows, each with its line and a sentence. */
export function ImportDetails({ report }: { report: ImportReportView }) {
  const unit = report.format === 'vcard' ? 'Card at line' : 'Line';
  return (
    <>
      {report.rejected.length > 0 && (
        <div className="table-scroll">
          <Table caption="Rejected rows" head={<tr><th scope="col" className="num">{unit}</th><th scope="col">Why</th></tr>} testId="import-rejections">
            {report.rejected.map((r) => <tr key={`${r.line}-${r.reason}`}><td className="num">{r.line}</td><td>{r.reason}</td></tr>)}
          </Table>
        </div>
      )}
      {report.warningCount > 0 && (
        <Disclosure summary={`${formatCount(report.warningCount)} ${report.warningCount === 1 ? 'value' : 'values'} left out of contacts that were kept`}>
          <div className="table-scroll">
            <Table caption="Values left out" head={<tr><th scope="col" className="num">{unit}</th><th scope="col">What</th></tr>} testId="import-warnings">
              {report.warnings.map((w, i) => <tr key={`${w.line}-${i}`}><td className="num">{w.line}</td><td>{w.message}</td></tr>)}
            </Table>
          </div>
        </Disclosure>
      )}
      {report.merged > 0 && (
        <Disclosure summary={`${formatCount(report.merged)} ${report.merged === 1 ? 'row was' : 'rows were'} the same person as an earlier row`}>
          <div className="table-scroll">
            <Table caption="Merged rows" head={<tr><th scope="col" className="num">{unit}</th><th scope="col">Merged into</th></tr>} testId="import-merges">
              {report.mergedRows.map((m) => <tr key={m.line}><td className="num">{m.line}</td><td>{m.reason}</td></tr>)}
            </Table>
          </div>
        </Disclosure>
      )}
    </>
  );
}

/** What an import did. */
export function ImportReport({ report }: { report: ImportReportView }) {
  const tone = !report.written ? 'error' : report.rejected.length || report.warningCount ? 'warning' : 'success';
  return (
    <div className="stack" data-testid="import-report">
      <Banner tone={tone} title={report.written ? `Imported ${report.fileName}` : `Nothing was imported from ${report.fileName}`}>{report.message}</Banner>
      <ImportCounts report={report} />
      <GuessedColumns report={report} />
      <ImportDetails report={report} />
    </div>
  );
}

/** Columns read by what they hold rather than by their name: the user may want to check them. */
function GuessedColumns({ report }: { report: ImportReportView }) {
  const guessed = report.columns.filter((c) => c.status === 'guessed');
  if (guessed.length === 0) return null;
  return (
    <p className="field-hint" data-testid="import-guessed">
      Guessed from their values: {guessed.map((c) => `“${c.header || `column ${c.index + 1}`}” as ${c.description}`).join(', ')}.
    </p>
  );
}
