import { createStore } from 'zustand/vanilla';
import type { FerryClient } from '../../preload/api';
import type { ChannelInput, ConnectionStatusEvent } from '../../preload/contract';
import type { ConnectionView, DryRunPlanView, SandboxOffer, SyncMode, SyncProgressView } from '../../preload/schemas/connection';
import type { OAuthProviderView } from '../../preload/schemas/oauth';
import type { RunSummaryView } from '../../preload/schemas/sync-log';
import { errorMessage } from '../lib/format';
import { heldCount, sentTotal } from '../../preload/status/run-sentences';

export type ConnectionAction = 'syncNow' | 'pause' | 'resume' | 'disconnect' | 'reconnect' | 'retryQuarantined' | 'setMode';

export interface ConnectionsState {
  /** null until the first answer (the screen reserves space meanwhile) */
  connections: ConnectionView[] | null;
  loadError: string | null;
  sandboxes: SandboxOffer[];
  /** which CRMs can sign in through the browser (empty until loaded) */
  oauthProviders: OAuthProviderView[];
  /** live progress per connection from syncProgress events; cleared by runFinished */
  progress: Record<number, SyncProgressView>;
  /** the action in flight per connection (one at a time per card) */
  busy: Record<number, ConnectionAction | undefined>;
  actionError: Record<number, string | undefined>;
  lastRun: Record<number, RunSummaryView>;
  /** Cancel was pressed and the run has not ended yet */
  cancelling: Record<number, boolean>;
  load(): Promise<void>;
  loadSandboxes(): Promise<void>;
  loadOAuthProviders(): Promise<void>;
  connect(input: ChannelInput<'connect'>): Promise<ConnectionView>;
  /** the browser sign-in; resolves with the new connection once it works */
  connectOAuth(input: ChannelInput<'startOAuthConnect'>): Promise<ConnectionView>;
  reconnectOAuth(id: number): Promise<ConnectionView>;
  run(id: number, action: Exclude<ConnectionAction, 'setMode'>): Promise<void>;
  setMode(id: number, mode: SyncMode, intervalMinutes: number | null): Promise<void>;
  dryRun(id: number): Promise<DryRunPlanView>;
  /** stops the run in flight after its current batch; the rest stays pending */
  cancel(id: number): Promise<void>;
  /** Sync now on every connection that can run; resolves with one sentence for a toast */
  syncAll(): Promise<string>;
  onProgress(p: SyncProgressView): void;
  onStatus(s: ConnectionStatusEvent): void;
  onRunFinished(r: RunSummaryView): void;
}

const RELOAD_DEBOUNCE_MS = 150;
/** While a run is in flight its counts change with every batch: the tiles follow at most this often. */
const LIVE_RELOAD_MS = 700;

export function createConnectionsStore(client: FerryClient) {
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  let liveTimer: ReturnType<typeof setTimeout> | undefined;
  return createStore<ConnectionsState>()((set, get) => {
    /** Status events arrive in bursts during a run; one list call answers them all. */
    const scheduleReload = (): void => {
      clearTimeout(reloadTimer);
      reloadTimer = setTimeout(() => { void get().load(); }, RELOAD_DEBOUNCE_MS);
    };
    /** Progress events arrive per batch; the tiles reload on a steady beat, not on every event. */
    const scheduleLiveReload = (): void => {
      liveTimer ??= setTimeout(() => { liveTimer = undefined; void get().load(); }, LIVE_RELOAD_MS);
    };
    const patchOne = (view: ConnectionView): void => {
      const list = get().connections ?? [];
      set({ connections: list.some((c) => c.id === view.id) ? list.map((c) => (c.id === view.id ? view : c)) : [...list, view] });
    };
    const setBusy = (id: number, action: ConnectionAction | undefined): void => set({ busy: { ...get().busy, [id]: action } });
    const setError = (id: number, message: string | undefined): void => set({ actionError: { ...get().actionError, [id]: message } });

    return {
      connections: null,
      loadError: null,
      sandboxes: [],
      oauthProviders: [],
      progress: {},
      busy: {},
      actionError: {},
      lastRun: {},
      cancelling: {},

      async load() {
        try {
          const connections = await client.listConnections();
          set({ connections, loadError: null });
        } catch (error) {
          set({ loadError: errorMessage(error) });
        }
      },

      async loadSandboxes() {
        try {
          set({ sandboxes: await client.listSandboxes() });
        } catch {
          set({ sandboxes: [] });
        }
      },

      async loadOAuthProviders() {
        try {
          set({ oauthProviders: await client.listOAuthProviders() });
        } catch {
          set({ oauthProviders: [] });
        }
      },

      async connectOAuth(input) {
        const view = await client.startOAuthConnect(input);
        patchOne(view);
        void get().loadSandboxes();
        return view;
      },

      async reconnectOAuth(id) {
        const view = await client.startOAuthReconnect({ connectionId: id });
        patchOne(view);
        return view;
      },

      async connect(input) {
        const view = await client.connect(input);
        patchOne(view);
        void get().loadSandboxes();
        return view;
      },

      async run(id, action) {
        setBusy(id, action);
        setError(id, undefined);
        try {
          if (action === 'syncNow') {
            const summary = await client.syncNow({ connectionId: id });
            set({ lastRun: { ...get().lastRun, [id]: summary } });
          } else if (action === 'pause') patchOne(await client.pauseConnection({ connectionId: id }));
          else if (action === 'resume') patchOne(await client.resumeConnection({ connectionId: id }));
          else if (action === 'reconnect') patchOne(await client.reconnect({ connectionId: id }));
          else if (action === 'retryQuarantined') await client.retryQuarantined({ connectionId: id });
          else if (action === 'disconnect') {
            await client.disconnect({ connectionId: id });
            set({ connections: (get().connections ?? []).filter((c) => c.id !== id) });
            void get().loadSandboxes();
          }
        } catch (error) {
          setError(id, errorMessage(error));
        } finally {
          setBusy(id, undefined);
          await get().load();
        }
      },

      async setMode(id, mode, intervalMinutes) {
        setBusy(id, 'setMode');
        setError(id, undefined);
        try {
          patchOne(await client.setMode({ connectionId: id, mode, ...(mode === 'scheduled' ? { intervalMinutes } : {}) }));
        } catch (error) {
          setError(id, errorMessage(error));
        } finally {
          setBusy(id, undefined);
        }
      },

      dryRun: (id) => client.dryRun({ connectionId: id, limit: 1000 }),

      async cancel(id) {
        set({ cancelling: { ...get().cancelling, [id]: true } });
        try {
          const { cancelled } = await client.cancelSync({ connectionId: id });
          if (!cancelled) set({ cancelling: { ...get().cancelling, [id]: false } });
        } catch (error) {
          set({ cancelling: { ...get().cancelling, [id]: false } });
          setError(id, errorMessage(error));
        }
      },

      async syncAll() {
        const report = await client.syncAll();
        await get().load();
        // a delete that reached a CRM is a change sent too (run-sentences.ts)
        const sent = report.runs.reduce((n, r) => n + sentTotal(r), 0);
        // contacts held for a shared e-mail are said as such, never as sent or refused
        const held = heldCount({ held: report.runs.reduce((n, r) => n + r.held, 0) });
        const ran = report.runs.filter((r) => r.state !== 'nothing_to_send').length;
        const failures = report.failures.map((f) => f.message);
        const head = ran === 0 && failures.length === 0 ? 'Nothing was waiting: every destination already has every change.' : `Sent ${sent.toLocaleString()} ${sent === 1 ? 'change' : 'changes'}.`;
        const aside = held.count > 0 ? `${held.count.toLocaleString()} ${held.count === 1 ? 'contact' : 'contacts'} ${held.word}.` : '';
        return [head, aside, ...failures].filter(Boolean).join(' ');
      },

      onProgress(p) {
        set({ progress: { ...get().progress, [p.connectionId]: p } });
        scheduleLiveReload();
      },
      onStatus(s) {
        const list = get().connections;
        // Show the new status at once; counts and health follow with the reload.
        if (list) set({ connections: list.map((c) => (c.id === s.connectionId ? { ...c, status: s.status } : c)) });
        scheduleReload();
      },
      onRunFinished(r) {
        const { [r.connectionId]: _done, ...rest } = get().progress;
        set({ progress: rest, lastRun: { ...get().lastRun, [r.connectionId]: r }, cancelling: { ...get().cancelling, [r.connectionId]: false } });
        scheduleReload();
      },
    };
  });
}

export type ConnectionsStore = ReturnType<typeof createConnectionsStore>;
