import { useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { ConfigImportReport } from '../../../preload/schemas/config-transfer';
import { errorMessage } from '../../lib/format';
import { downloadText } from '../../lib/files';
import { useStores } from '../../store/stores';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';

/** Admins export a connection configuration (never secrets); reps import it to get the same setup. */
export function ConfigTransfer() {
  const stores = useStores();
  const exportConfig = useStore(stores.settings, (s) => s.exportConfig);
  const importConfig = useStore(stores.settings, (s) => s.importConfig);
  const fileRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<'export' | 'import' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ConfigImportReport | null>(null);

  const doExport = async (): Promise<void> => {
    setBusy('export'); setError(null);
    try {
      const file = await exportConfig();
      downloadText(file.fileName, file.json, 'application/json');
    } catch (e) { setError(errorMessage(e)); } finally { setBusy(null); }
  };
  const doImport = async (file: File): Promise<void> => {
    setBusy('import'); setError(null); setReport(null);
    try {
      setReport(await importConfig(await file.text()));
      void stores.connections.getState().load();
      void stores.settings.getState().load();
    } catch (e) { setError(errorMessage(e)); } finally {
      setBusy(null);
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  return (
    <section className="card settings-card stack" aria-labelledby="config-title">
      <h2 id="config-title">Share a configuration</h2>
      <p className="muted">Export which CRMs are connected, their sync modes and field mappings, and the phone region — never passwords or tokens. A rep imports the file, then signs in to each CRM.</p>
      <div className="row">
        <Button busy={busy === 'export'} onClick={() => void doExport()}>Export configuration…</Button>
        <label className="btn" htmlFor="config-file">Import configuration…</label>
        <input ref={fileRef} id="config-file" className="visually-hidden" type="file" accept=".json,application/json" disabled={busy !== null}
          onChange={(e) => { const f = e.target.files?.[0]; if (f) void doImport(f); }} />
      </div>
      {error && <Banner tone="error" title="That did not work">{error}</Banner>}
      {report && (
        <Banner tone={report.notConnected.length ? 'warning' : 'success'} title="Configuration imported">
          {report.applied.length > 0 && <div>Applied to: {report.applied.join(', ')}.</div>}
          {report.notConnected.length > 0 && <div>Not connected yet: {report.notConnected.join(', ')}. Connect them on the Integrations screen, then import the file again.</div>}
          {report.ignored.length > 0 && <div data-testid="config-ignored">Kept your own connection addresses and sign-in: an imported configuration never changes where Ferry sends your credentials ({report.ignored.join(', ')}).</div>}
          {report.settingsApplied && <div>Settings applied.</div>}
        </Banner>
      )}
    </section>
  );
}
