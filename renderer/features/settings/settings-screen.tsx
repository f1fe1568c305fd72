import { useEffect, useMemo, useState } from 'react';
import { phoneRegions } from '../../../preload/phone';
import { Combobox } from '../../ui/combobox';
import { useStore } from 'zustand';
import { useStores } from '../../store/stores';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { Checkbox } from '../../ui/field';
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
  const [saved, setSaved] = useState<string | null>(null);
  const regions = useMemo(() => phoneRegions().map((r) => ({ value: r.code, label: `${r.name} (${r.code}, ${r.callingCode})`, keywords: r.callingCode })), []);

  useEffect(() => { void stores.settings.getState().load(); }, [stores]);

  const saveRegion = async (code: string): Promise<void> => {
    if (!settings || code === settings.defaultPhoneRegion) return;
    setSaved((await update({ defaultPhoneRegion: code })) ? regions.find((r) => r.value === code)?.label ?? code : null);
  };

  return (
    <section className="settings-screen" aria-labelledby="settings-title">
      <div className="screen-head"><div><h1 id="settings-title">Settings</h1><p>How Ferry behaves on this computer.</p></div></div>
      {loadError && <Banner tone="error" title="Could not load settings" actions={<Button size="small" onClick={() => void stores.settings.getState().load()}>Try again</Button>}>{loadError}</Banner>}
      {saveError && <Banner tone="error" title="Not saved">{saveError}</Banner>}
      {!settings && !loadError && <div className="card settings-card"><Spinner label="Loading settings…" /></div>}
      {settings && (
        <div className="card settings-card stack">
          <div className="row region-row">
            <div className="region-field">
              <Combobox label="Default phone region" hint="Phone numbers typed without a +country code are read as numbers in this country. Type a country's name or code."
                options={regions} value={settings.defaultPhoneRegion} onChange={(code) => void saveRegion(code)} testId="phone-region" />
            </div>
            {saved && <span className="muted" role="status">Saved: {saved}</span>}
          </div>
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
