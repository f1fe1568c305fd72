import { useEffect } from 'react';
import { useStore } from 'zustand';
import { ContactsScreen } from './features/contacts/contacts-screen';
import { IntegrationsScreen } from './features/integrations/integrations-screen';
import { SettingsScreen } from './features/settings/settings-screen';
import { MappingScreen } from './features/mapping/mapping-screen';
import { ConflictsScreen } from './features/conflicts/conflicts-screen';
import { SyncLogScreen } from './features/sync-log/sync-log-screen';
import { formatCount } from './lib/format';
import { OfflineBanner } from './shell/offline-banner';
import { Notifications } from './shell/notifications';
import { Toasts } from './shell/toasts';
import { useRouter } from './shell/use-router';
import type { Screen } from './store/app-store';
import { StoresProvider, useStores, wireEvents, type Stores } from './store/stores';
import './styles/tokens.css';
import './ui/ui.css';
import './shell/shell.css';

const SCREENS: { id: Screen; label: string }[] = [
  { id: 'integrations', label: 'Integrations' },
  { id: 'contacts', label: 'Contacts' },
  { id: 'conflicts', label: 'Conflicts' },
  { id: 'log', label: 'Sync log' },
  { id: 'settings', label: 'Settings' },
];

/** The shell: navigation between the four screens, the offline banner and notifications. */
export function App({ stores }: { stores: Stores }) {
  return (
    <StoresProvider stores={stores}>
      <Shell />
    </StoresProvider>
  );
}

function Shell() {
  const stores = useStores();
  const screen = useStore(stores.app, (s) => s.screen);
  useRouter(stores);

  useEffect(() => {
    const off = wireEvents(stores);
    void stores.connections.getState().load();
    void stores.contacts.getState().refresh();
    void stores.settings.getState().load();
    const app = stores.app.getState();
    if (!app.online) app.setOnline(false);
    const onOnline = (): void => stores.app.getState().setOnline(true);
    const onOffline = (): void => stores.app.getState().setOnline(false);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    return () => {
      off();
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    };
  }, [stores]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">Skip to content</a>
      <nav className="sidebar" aria-label="Ferry">
        <div className="brand"><svg className="brand-mark" width="22" height="22" viewBox="0 0 24 24" aria-hidden="true"><path d="M3 15l2-5h14l2 5M6 10V6h8l2 4M2 19c2 0 2-1.5 4-1.5S8 19 10 19s2-1.5 4-1.5 2 1.5 4 1.5 2-1.5 4-1.5" fill="none" stroke="#8fb3ff" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round"/></svg> Ferry</div>
        <ul className="nav-list">
          {SCREENS.map((s) => (
            <li key={s.id}>
              <a className="nav-item" href={`#/${s.id}`} aria-current={screen === s.id ? 'page' : undefined}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
        <div className="spacer" />
        <ContactCount />
      </nav>
      <div className="main-column">
        <OfflineBanner />
        <Notifications />
        <main id="main" className="screen" tabIndex={-1}>
          {screen === 'integrations' && <IntegrationsScreen />}
          {screen === 'contacts' && <ContactsScreen />}
          {screen === 'log' && <SyncLogScreen />}
          {screen === 'settings' && <SettingsScreen />}
          {screen === 'mapping' && <MappingScreen />}
          {screen === 'conflicts' && <ConflictsScreen />}
        </main>
        <Toasts />
      </div>
    </div>
  );
}

function ContactCount() {
  const total = useStore(useStores().contacts, (s) => s.total);
  return (
    <p className="sidebar-foot" role="status" data-testid="contact-count">
      {total === null ? 'Loading contacts…' : `${formatCount(total)} ${total === 1 ? 'contact' : 'contacts'}`}
    </p>
  );
}
