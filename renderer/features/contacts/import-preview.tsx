import type { ImportColumnView, ImportField, ImportPreviewView } from '../../../preload/schemas/contacts-api';
import { formatCount } from '../../lib/format';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { Table } from '../../ui/table';
import { FIELD_OPTIONS, STATUS_WORDS } from './import-fields';
import { ImportCounts, ImportDetails } from './import-report';

/** "LinkedIn connections · CSV · utf-8 · column names on line 4 (2 rows above skipped)" */
function describeSource(p: ImportPreviewView): string {
  const parts = [p.layout, p.format.toUpperCase(), p.encoding];
  if (p.headerLine !== null) {
    parts.push(`column names on line ${p.headerLine}${p.skippedRows > 0 ? ` (${formatCount(p.skippedRows)} ${p.skippedRows === 1 ? 'row' : 'rows'} above skipped)` : ''}`);
  }
  return parts.join(' · ');
}

const AUTO = 'auto';

function ColumnRow({ column, onChoose, disabled }: { column: ImportColumnView; onChoose: (index: number, field: ImportField | null) => void; disabled: boolean }) {
  // A label column ("E-mail 1 - Type") has no field of its own: the menu shows what it is until the user picks one.
  const value = column.field ?? AUTO;
  return (
    <tr data-testid="import-column" data-status={column.status}>
      <th scope="row" className="import-header">{column.header || <em>(no name)</em>}</th>
      <td>
        <select
          className="select"
          aria-label={`Column “${column.header || `${column.index + 1}`}” becomes`}
          value={value}
          disabled={disabled}
          onChange={(e) => onChoose(column.index, e.target.value === AUTO ? null : (e.target.value as ImportField))}
        >
          {column.field === null && <option value={AUTO}>{column.description}</option>}
          {FIELD_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.value === 'custom' && column.field === 'custom' ? column.description : o.label}</option>)}
        </select>
      </td>
      <td>
        <span className={`import-status import-status-${column.status}`}>{STATUS_WORDS[column.status]}</span>
        {column.status === 'chosen' && (
          <Button variant="ghost" size="small" onClick={() => onChoose(column.index, null)} disabled={disabled} aria-label={`Undo my choice for “${column.header}”`}>Undo</Button>
        )}
      </td>
      <td className="import-samples">{column.samples.length > 0 ? column.samples.join(' · ') : <span className="field-hint">empty</span>}</td>
    </tr>
  );
}

/**
 * What importing the file would do, before anything is written: how Ferry read
 * it and each column's mapping, which the user can change (the way HubSpot's
 * import wizard works); the counts follow every change.
 */
export function ImportPreview({ preview, onChoose, busy }: {
  preview: ImportPreviewView;
  onChoose: (index: number, field: ImportField | null) => void;
  busy: boolean;
}) {
  return (
    <div className="stack" data-testid="import-preview">
      <p className="import-source" data-testid="import-source">{describeSource(preview)}</p>
      <Banner tone={preview.wouldWrite ? 'info' : 'error'} title="Nothing has been imported yet">{preview.message}</Banner>
      <ImportCounts report={preview} preview />
      {preview.columns.length > 0 && (
        <div className="table-scroll import-columns">
          <Table
            caption="Columns and what they become"
            head={<tr><th scope="col">Column</th><th scope="col">Becomes</th><th scope="col">How</th><th scope="col">Values in the file</th></tr>}
            testId="import-columns"
          >
            {preview.columns.map((c) => <ColumnRow key={c.index} column={c} onChoose={onChoose} disabled={busy} />)}
          </Table>
        </div>
      )}
      <ImportDetails report={preview} />
    </div>
  );
}
