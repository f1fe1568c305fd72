import { useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { ConfigImportReport } from '../../../preload/schemas/config-transfer';
import { errorMessage } from '../../lib/format';
import { downloadText } from '../../lib/files';
import { KIND_NAMES } from '../../lib/kinds';
import { useStores } from '../../store/stores';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { describeExport, describeImport, readConfigFile } from './config-preview';

type Pending =
  | { step: 'export'; fileName: string; json: string; included: string[]; leftOut: string[] }
  | { step: 'import'; json: string; fileName: string; lines: string[] };

const regionName = (code: string): string => `${new Intl.DisplayNames(undefined, { type: 'region' }).of(code) ?? code} (${code})`;
const kindName = (kind: string): string => KIND_NAMES[kind as keyof typeof KIND_NAMES] ?? kind;

/**
 * Admins export a connection configuration (never secrets); reps import it.
 * Both say first what happens: the export lists what is in the file and what
 * is left out before it is saved, the import lists what would change before
 * anything is applied.
 */
export function ConfigTransfer() {
  const stores = useStores();
  const exportConfig = useStore(stores.settings, (s) => s.exportConfig);
  const importConfig = useStore(stores.settings, (s) => s.importConfig);
  const connections = useStore(stores.connections, (s) => s.connections) ?? [];
  const fileRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<'export' | 'import' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ConfigImportReport | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const current = (): Parameters<typeof describeExport>[1] => stores.connections.getState().connections ?? [];

  const prepareExport = async (): Promise<void> => {
    setBusy('export'); setError(null); setReport(null);
    try {
      await stores.connections.getState().load();
      const file = await exportConfig();
      setPending({ step: 'export', ...file, ...describeExport(readConfigFile(file.json), current(), regionName) });
    } catch (e) { setError(errorMessage(e)); } finally { setBusy(null); }
  };
  const prepareImport = async (file: File): Promise<void> => {
    setBusy('import'); setError(null); setReport(null);
    try {
      await stores.connections.getState().load();
      const json = await file.text();
      const lines = describeImport(readConfigFile(json), current(), stores.settings.getState().settings?.defaultPhoneRegion ?? null, regionName);
      setPending({ step: 'import', json, fileName: file.name, lines });
    } catch (e) { setError(errorMessage(e)); } finally {
      setBusy(null);
      if (fileRef.current) fileRef.current.value = '';
    }
  };
  const apply = async (json: string): Promise<void> => {
    setBusy('import');
    try {
      setReport(await importConfig(json));
      setPending(null);
      void stores.connections.getState().load();
      void stores.settings.getState().load();
    } catch (e) { setError(errorMessage(e)); setPending(null); } finally { setBusy(null); }
  };

  return (
    <section className="card settings-card stack" aria-labelledby="config-title">
      <h2 id="config-title">Share a configuration</h2>
      <p className="muted">
        An admin exports which CRMs are connected, their sync modes and field mappings, and the phone region — never passwords, tokens or hook URLs.
        {connections.length > 0 && <> Field mappings are set on each connection's Mapping screen:{' '}
          {connections.map((c, i) => <span key={c.id}>{i > 0 && ', '}<a href={`#/mapping/${c.id}`}>{c.label}</a></span>)}.</>}
        A rep connects each CRM first (signing in with their own account), then imports the file to take the admin's settings.
      </p>
      <div className="row">
        <Button busy={busy === 'export'} onClick={() => void prepareExport()}>Export configuration…</Button>
        <label className="btn" htmlFor="config-file">Import configuration…</label>
        <input ref={fileRef} id="config-file" className="visually-hidden" type="file" accept=".json,application/json" disabled={busy !== null}
          onChange={(e) => { const f = e.target.files?.[0]; if (f) void prepareImport(f); }} />
      </div>
      {error && <Banner tone="error" title="That did not work">{error}</Banner>}
      {report && (
        <Banner tone={report.notConnected.length || report.sandboxes.length ? 'warning' : 'success'} title="Configuration imported">
          {report.applied.length > 0 && <div>Applied to {report.applied.map(kindName).join(', ')}.</div>}
          {report.notConnected.length > 0 && <div>Not applied to {report.notConnected.map(kindName).join(', ')}: not connected here yet. Connect {report.notConnected.length === 1 ? 'it' : 'them'} on the Integrations screen, then import the file again.</div>}
          {report.sandboxes.length > 0 && <div>Not applied to the {report.sandboxes.map(kindName).join(', ')} sandbox: the file is for the real CRM.</div>}
          {report.ignored.length > 0 && <div data-testid="config-ignored">Kept your own connection addresses and sign-in: an imported configuration never changes where Ferry sends your credentials ({report.ignored.join(', ')}).</div>}
          {report.settingsApplied && <div>Default phone region applied.</div>}
        </Banner>
      )}
      {pending?.step === 'export' && (
        <Dialog title="Export this configuration?" onClose={() => setPending(null)}
          footer={<><Button onClick={() => setPending(null)}>Cancel</Button><Button variant="primary" onClick={() => { downloadText(pending.fileName, pending.json, 'application/json'); setPending(null); }}>Save file</Button></>}>
          <div className="stack" data-testid="config-export-preview">
            <h3>In the file</h3>
            {pending.included.length > 0 ? <ul>{pending.included.map((l) => <li key={l}>{l}</li>)}</ul> : <p>No connection: only the settings below.</p>}
            <h3>Left out</h3>
            <ul>{pending.leftOut.map((l) => <li key={l}>{l}</li>)}</ul>
          </div>
        </Dialog>
      )}
      {pending?.step === 'import' && (
        <Dialog title={`Import ${pending.fileName}?`} onClose={() => setPending(null)}
          footer={<><Button onClick={() => setPending(null)}>Cancel</Button><Button variant="primary" busy={busy === 'import'} onClick={() => void apply(pending.json)}>Apply</Button></>}>
          <div className="stack" data-testid="config-import-preview">
            <p>Importing changes this on this computer. Nothing has been changed yet.</p>
            <ul>{pending.lines.map((l) => <li key={l}>{l}</li>)}</ul>
          </div>
        </Dialog>
      )}
    </section>
  );
}
