import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../store/stores';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { Checkbox, Field } from '../../ui/field';
import { Spinner } from '../../ui/spinner';
import { ConfigTransfer } from './config-transfer';
import './settings.css';

/** Settings: phone region, notifications, launch at login, the data folder, and config export/import. */
export function SettingsScreen() {
  const stores = useStores();
  const settings = useStore(stores.settings, (s) => s.settings);
  const info = useStore(stores.settings, (s) => s.info);
  const loadError = useStore(stores.settings, (s) => s.loadError);
  const saveError = useStore(stores.settings, (s) => s.saveError);
  const update = useStore(stores.settings, (s) => s.update);
  const [region, setRegion] = useState('');
  const [saved, setSaved] = useState(false);

  useEffect(() => { void stores.settings.getState().load(); }, [stores]);
  useEffect(() => { if (settings) setRegion(settings.defaultPhoneRegion); }, [settings]);

  const regionError = region && !/^[A-Z]{2}$/.test(region) ? 'Use a two-letter country code such as US or DE.' : null;
  const saveRegion = async (): Promise<void> => {
    if (regionError || !settings || region === settings.defaultPhoneRegion) return;
    setSaved(await update({ defaultPhoneRegion: region }));
  };

  return (
    <section className="settings-screen" aria-labelledby="settings-title">
      <div className="screen-head"><div><h1 id="settings-title">Settings</h1><p>How Ferry behaves on this computer.</p></div></div>
      {loadError && <Banner tone="error" title="Could not load settings" actions={<Button size="small" onClick={() => void stores.settings.getState().load()}>Try again</Button>}>{loadError}</Banner>}
      {saveError && <Banner tone="error" title="Not saved">{saveError}</Banner>}
      {!settings && !loadError && <div className="card settings-card"><Spinner label="Loading settings…" /></div>}
      {settings && (
        <div className="card settings-card stack">
          <form className="row region-row" onSubmit={(e) => { e.preventDefault(); void saveRegion(); }}>
            <Field label="Default phone region" hint="Phone numbers typed without a +country code are read as numbers in this country." value={region} maxLength={2}
              onChange={(e) => { setRegion(e.target.value.toUpperCase()); setSaved(false); }} onBlur={() => void saveRegion()} error={regionError} fieldClassName="region-field" />
            {saved && <span className="muted" role="status">Saved</span>}
          </form>
          <Checkbox label="Show notifications when an integration needs attention" checked={settings.notifications} onChange={(v) => void update({ notifications: v })} />
          <Checkbox label="Start Ferry when I log in" checked={settings.launchAtLogin} onChange={(v) => void update({ launchAtLogin: v })}
            hint={info?.host === 'web' ? 'Takes effect in the desktop app.' : 'Ferry keeps syncing in the tray.'} />
          <div className="field">
            <span className="field-label" id="data-dir-label">Data folder</span>
            <code className="data-dir" aria-labelledby="data-dir-label" data-testid="data-dir">{settings.dataDir}</code>
            <span className="field-hint">Your contacts and sync history live here. Credentials are in your system keychain, not in this folder.</span>
          </div>
          {info && <p className="muted">Ferry {info.version} · {info.host === 'desktop' ? 'desktop app' : 'browser (web mode)'} · {info.platform}</p>}
        </div>
      )}
      <ConfigTransfer />
    </section>
  );
}
