import { createStore } from 'zustand/vanilla';
import type { FerryClient } from '../../preload/api';
import type { NotificationEvent } from '../../preload/contract';

export type Screen = 'integrations' | 'contacts' | 'log' | 'settings';

export interface AppState {
  screen: Screen;
  /** the browser's view of the network; main is told through setOnline */
  online: boolean;
  /** in-app notifications, newest first; one per key (the same problem is shown once) */
  notifications: NotificationEvent[];
  navigate(screen: Screen): void;
  setOnline(online: boolean): void;
  notify(n: NotificationEvent): void;
  dismiss(key: string): void;
}

const MAX_NOTIFICATIONS = 5;

export function createAppStore(client: FerryClient, initialOnline: boolean) {
  return createStore<AppState>()((set, get) => ({
    screen: 'integrations',
    online: initialOnline,
    notifications: [],
    navigate: (screen) => set({ screen }),
    setOnline(online) {
      set({ online });
      // Main keeps the outbox while offline and drains it when told the network is back.
      client.setOnline({ online }).catch(() => undefined);
    },
    notify(n) {
      const rest = get().notifications.filter((x) => x.key !== n.key);
      set({ notifications: [n, ...rest].slice(0, MAX_NOTIFICATIONS) });
    },
    dismiss: (key) => set({ notifications: get().notifications.filter((x) => x.key !== key) }),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;
