import { useRef, useState } from 'react';
import type { ImportField, ImportMapping, ImportPreviewView, ImportReportView } from '../../../preload/schemas/contacts-api';
import { MAX_IMPORT_BYTES } from '../../../preload/schemas/contacts-api';
import { errorMessage } from '../../lib/format';
import { fileToBase64 } from '../../lib/files';
import { useStores } from '../../store/stores';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { Spinner } from '../../ui/spinner';
import { ImportPreview } from './import-preview';
import { ImportReport } from './import-report';
import './import-dialog.css';

const toMapping = (choices: ReadonlyMap<number, ImportField>): ImportMapping =>
  [...choices].map(([column, field]) => ({ column, field }));

/**
 * Import CSV or vCard in three steps: choose a file; see how Ferry reads it
 * and what would happen (nothing is written), change any column's mapping;
 * import, optionally all or nothing. The mapping is remembered for the next
 * file with the same column names.
 */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const stores = useStores();
  const fileRef = useRef<HTMLInputElement>(null);
  const previewSeq = useRef(0);
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [strict, setStrict] = useState(false);
  /** null until the first preview: then the server applies a mapping it remembers for this header */
  const [choices, setChoices] = useState<Map<number, ImportField> | null>(null);
  const [preview, setPreview] = useState<ImportPreviewView | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [importing, setImporting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReportView | null>(null);

  const runPreview = async (f: { name: string; base64: string }, nextStrict: boolean, nextChoices: Map<number, ImportField> | null): Promise<void> => {
    const seq = ++previewSeq.current;
    setPreviewing(true);
    setError(null);
    try {
      const result = await stores.contacts.getState().previewFile(f.name, f.base64, {
        strict: nextStrict, ...(nextChoices ? { mapping: toMapping(nextChoices) } : {}),
      });
      if (seq !== previewSeq.current) return; // a newer preview is on its way
      setPreview(result);
      // From now on the dialog holds the choices, starting from the ones remembered for this header.
      if (!nextChoices) setChoices(new Map(result.columns.filter((c) => c.status === 'chosen' && c.field).map((c) => [c.index, c.field as ImportField])));
    } catch (e) {
      if (seq === previewSeq.current) setError(errorMessage(e));
    } finally {
      if (seq === previewSeq.current) setPreviewing(false);
    }
  };

  const chooseFile = async (picked: File | null): Promise<void> => {
    setPreview(null);
    setChoices(null);
    setFile(null);
    if (!picked) return;
    if (picked.size > MAX_IMPORT_BYTES) {
      setError(`This file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; use 'ferry contacts import' for it.`);
      return;
    }
    const f = { name: picked.name, base64: await fileToBase64(picked) };
    setFile(f);
    await runPreview(f, strict, null);
  };

  const choose = (index: number, field: ImportField | null): void => {
    if (!file) return;
    const next = new Map(choices ?? []);
    if (field === null) next.delete(index);
    else next.set(index, field);
    setChoices(next);
    void runPreview(file, strict, next);
  };

  const toggleStrict = (value: boolean): void => {
    setStrict(value);
    if (file) void runPreview(file, value, choices);
  };

  const run = async (): Promise<void> => {
    if (!file) { setError('Choose a CSV or vCard file first.'); return; }
    setImporting(true);
    setError(null);
    try {
      setReport(await stores.contacts.getState().importFile(file.name, file.base64, {
        strict, ...(choices ? { mapping: toMapping(choices) } : {}),
      }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setImporting(false);
    }
  };

  const reset = (): void => {
    setReport(null);
    setPreview(null);
    setChoices(null);
    setFile(null);
    if (fileRef.current) fileRef.current.value = '';
  };

  const footer = report
    ? <><Button onClick={reset}>Import another file</Button><Button variant="primary" onClick={onClose}>Done</Button></>
    : <><Button onClick={onClose}>Cancel</Button><Button variant="primary" busy={importing} disabled={!preview || previewing} onClick={() => void run()}>Import</Button></>;

  return (
    <Dialog wide title="Import contacts" onClose={onClose} footer={footer}>
      {!report && (
        <>
          <div className="field">
            <label className="field-label" htmlFor="import-file">CSV or vCard file</label>
            <input ref={fileRef} id="import-file" type="file" accept=".csv,.tsv,.txt,.vcf,.vcard,text/csv,text/vcard,text/x-vcard" onChange={(e) => void chooseFile(e.target.files?.[0] ?? null)} aria-describedby="import-hint" />
            <span id="import-hint" className="field-hint">
              Exports from Outlook (any language), Google Contacts, Thunderbird, LinkedIn, HubSpot, Salesforce, a phone, or any spreadsheet with column names.
              You see what would happen before anything is written. Contacts that already exist (same e-mail) are updated, not duplicated.
            </span>
          </div>
          <label className="check">
            <input type="checkbox" checked={strict} onChange={(e) => toggleStrict(e.target.checked)} />
            All or nothing: if any row is invalid, import nothing
          </label>
          {previewing && !preview && <Spinner label="Reading the file…" />}
          {error && <Banner tone="error" title="Could not read the file">{error}</Banner>}
          {preview && <ImportPreview preview={preview} onChoose={choose} busy={previewing || importing} />}
        </>
      )}
      {report && <ImportReport report={report} />}
    </Dialog>
  );
}
