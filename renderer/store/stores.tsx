import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { FerryClient } from '../../preload/api';
import { createAppStore, type AppStore } from './app-store';
import { createConnectionsStore, type ConnectionsStore } from './connections-store';
import { createContactsStore, type ContactsStore } from './contacts-store';
import { createPullStore, type PullStore } from './pull-store';
import { createSettingsStore, type SettingsStore } from './settings-store';
import { createSyncLogStore, type SyncLogStore } from './sync-log-store';

export interface Stores {
  client: FerryClient;
  app: AppStore;
  connections: ConnectionsStore;
  contacts: ContactsStore;
  log: SyncLogStore;
  pull: PullStore;
  settings: SettingsStore;
}

/** One set of stores per bridge: the app makes one, each component test its own over a fake. */
export function createStores(client: FerryClient, online = typeof navigator === 'undefined' ? true : navigator.onLine): Stores {
  return {
    client,
    app: createAppStore(client, online),
    connections: createConnectionsStore(client),
    contacts: createContactsStore(client),
    log: createSyncLogStore(client),
    pull: createPullStore(client),
    settings: createSettingsStore(client),
  };
}

/**
 * Feeds the stores from main's events. Returns one function that unsubscribes
 * everything (the shell calls it on unmount).
 */
export function wireEvents(s: Stores): () => void {
  const { client } = s;
  const offs = [
    client.on('syncProgress', (p) => s.connections.getState().onProgress(p)),
    client.on('pullProgress', (p) => s.pull.getState().onProgress(p)),
    client.on('connectionStatus', (e) => s.connections.getState().onStatus(e)),
    client.on('runFinished', (r) => {
      s.connections.getState().onRunFinished(r);
      // a push or a pull changes what the card says about pulls (a pull's answer reloads them too)
      void s.pull.getState().loadCounts(r.connectionId);
      if (s.app.getState().screen === 'log') void s.log.getState().load();
      // A run changes each contact's sync status in the open detail panel.
      void s.contacts.getState().reloadDetail();
    }),
    client.on('contactChanged', () => { void s.contacts.getState().refresh(); }),
    client.on('notification', (n) => s.app.getState().notify(n)),
  ];
  return () => { for (const off of offs) off(); };
}

const StoresContext = createContext<Stores | null>(null);

export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores needs a <StoresProvider> above it.');
  return stores;
}

/** Select from one store of the context with zustand's subscription (re-renders only on change). */
export function useSlice<S, T>(pick: (s: Stores) => StoreApi<S>, selector: (state: S) => T): T {
  return useStore(pick(useStores()), selector);
}
