import { useRef, useState } from 'react';
import type { ImportReportView } from '../../../preload/schemas/contacts-api';
import { MAX_IMPORT_BYTES } from '../../../preload/schemas/contacts-api';
import { errorMessage, formatCount } from '../../lib/format';
import { fileToBase64 } from '../../lib/files';
import { useStores } from '../../store/stores';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { Table } from '../../ui/table';

/** Import CSV or vCard: choose abort vs skip invalid, then a report naming each rejected line. */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const stores = useStores();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReportView | null>(null);

  const run = async (): Promise<void> => {
    if (!file) { setError('Choose a CSV or vCard file first.'); return; }
    if (file.size > MAX_IMPORT_BYTES) { setError(`This file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; use 'ferry contacts import' for it.`); return; }
    setBusy(true);
    setError(null);
    try {
      setReport(await stores.contacts.getState().importFile(file.name, await fileToBase64(file), skipInvalid));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const footer = report
    ? <><Button onClick={() => { setReport(null); setFile(null); if (fileRef.current) fileRef.current.value = ''; }}>Import another file</Button><Button variant="primary" onClick={onClose}>Done</Button></>
    : <><Button onClick={onClose}>Cancel</Button><Button variant="primary" busy={busy} onClick={() => void run()}>Import</Button></>;

  return (
    <Dialog wide title="Import contacts" onClose={onClose} footer={footer}>
      {!report && (
        <>
          <div className="field">
            <label className="field-label" htmlFor="import-file">CSV or vCard file</label>
            <input ref={fileRef} id="import-file" type="file" accept=".csv,.vcf,.vcard,text/csv,text/vcard,text/x-vcard" onChange={(e) => setFile(e.target.files?.[0] ?? null)} aria-describedby="import-hint" />
            <span id="import-hint" className="field-hint">Exports from Google Contacts, Outlook, or any CSV with a header row. Contacts that already exist (same e-mail) are updated, not duplicated.</span>
          </div>
          <fieldset className="repeatable">
            <legend>If a row is invalid</legend>
            <label className="check"><input type="radio" name="invalid" checked={!skipInvalid} onChange={() => setSkipInvalid(false)} /> Stop and import nothing, so I can fix the file</label>
            <label className="check"><input type="radio" name="invalid" checked={skipInvalid} onChange={() => setSkipInvalid(true)} /> Skip invalid rows and import the rest</label>
          </fieldset>
          {error && <Banner tone="error" title="Could not import">{error}</Banner>}
        </>
      )}
      {report && <ImportReport report={report} />}
    </Dialog>
  );
}

function ImportReport({ report }: { report: ImportReportView }) {
  const tone = !report.written ? 'error' : report.rejected.length ? 'warning' : 'success';
  return (
    <div className="stack" data-testid="import-report">
      <Banner tone={tone} title={report.written ? `Imported ${report.fileName}` : `Nothing was imported from ${report.fileName}`}>{report.message}</Banner>
      <dl className="stats import-counts">
        <div><dt>Added</dt><dd className="num" data-testid="import-added">{formatCount(report.added)}</dd></div>
        <div><dt>Updated</dt><dd className="num" data-testid="import-updated">{formatCount(report.updated)}</dd></div>
        <div><dt>Unchanged</dt><dd className="num">{formatCount(report.unchanged)}</dd></div>
        <div><dt>Rejected</dt><dd className="num" data-testid="import-rejected">{formatCount(report.rejected.length)}</dd></div>
      </dl>
      {report.rejected.length > 0 && (
        <div className="table-scroll">
          <Table caption="Rejected rows" head={<tr><th scope="col" className="num">{report.format === 'vcard' ? 'Card' : 'Line'}</th><th scope="col">Why</th></tr>} testId="import-rejections">
            {report.rejected.map((r) => <tr key={`${r.line}-${r.reason}`}><td className="num">{r.line}</td><td>{r.reason}</td></tr>)}
          </Table>
        </div>
      )}
    </div>
  );
}
