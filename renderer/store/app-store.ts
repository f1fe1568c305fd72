import { createStore } from 'zustand/vanilla';
import type { FerryClient } from '../../preload/api';
import type { NotificationEvent } from '../../preload/contract';

export type Screen = 'integrations' | 'contacts' | 'log' | 'settings' | 'mapping' | 'conflicts';

/** A short confirmation at the bottom of the window, optionally with one action (Undo). */
export interface Toast {
  id: number;
  text: string;
  tone: 'success' | 'error' | 'info';
  action?: { label: string; run: () => Promise<void> | void };
}

export interface AppState {
  screen: Screen;
  /** the connection the Mapping screen shows (#/mapping/<id>) */
  mappingConnectionId: number | null;
  openMapping(connectionId: number): void;
  /** the browser's view of the network; main is told through setOnline */
  online: boolean;
  /** in-app notifications, newest first; one per key (the same problem is shown once) */
  notifications: NotificationEvent[];
  navigate(screen: Screen): void;
  setOnline(online: boolean): void;
  notify(n: NotificationEvent): void;
  dismiss(key: string): void;
  toasts: Toast[];
  toast(t: Omit<Toast, 'id'>): number;
  dismissToast(id: number): void;
}

const MAX_NOTIFICATIONS = 5;
const MAX_TOASTS = 3;

export function createAppStore(client: FerryClient, initialOnline: boolean) {
  let nextToast = 1;
  return createStore<AppState>()((set, get) => ({
    screen: 'integrations',
    mappingConnectionId: null,
    openMapping: (connectionId) => set({ screen: 'mapping', mappingConnectionId: connectionId }),
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
    toasts: [],
    toast(t) {
      const id = nextToast++;
      set({ toasts: [...get().toasts, { ...t, id }].slice(-MAX_TOASTS) });
      return id;
    },
    dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;
