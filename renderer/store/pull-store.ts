import { createStore } from 'zustand/vanilla';
import type { FerryClient } from '../../preload/api';
import type { ConflictView, FieldRulesView, PullCountsView, PullProgressView, PullSummaryView, SyncDirection, TwoWayRule } from '../../preload/schemas/pull';
import { errorMessage } from '../lib/format';

export type ConflictFilter = 'open' | 'resolved' | 'all';

export interface PullState {
  /** per connection: direction, last pull, pulled, open conflicts (the card's pull line) */
  counts: Record<number, PullCountsView | undefined>;
  /** per connection: the rules the Mapping screen shows */
  rules: Record<number, FieldRulesView | undefined>;
  /** a pull is in flight for the connection (Pull now joins it) */
  pulling: Record<number, boolean>;
  /** records read so far by the pull in flight, from pullProgress events (also scheduled pulls); cleared when it ends */
  progress: Record<number, PullProgressView | undefined>;
  /** the last pull this window started, per connection */
  lastPull: Record<number, PullSummaryView | undefined>;
  error: Record<number, string | undefined>;
  conflicts: ConflictView[] | null;
  conflictsTotal: number;
  conflictFilter: ConflictFilter;
  conflictsError: string | null;
  loadCounts(connectionId: number): Promise<void>;
  onProgress(p: PullProgressView): void;
  loadRules(connectionId: number): Promise<void>;
  setDirection(connectionId: number, direction: SyncDirection): Promise<void>;
  setRule(connectionId: number, field: string, rule: TwoWayRule | null): Promise<void>;
  pullNow(connectionId: number): Promise<PullSummaryView | null>;
  loadConflicts(filter?: ConflictFilter): Promise<void>;
  /** settles one conflict; the list and the card's count follow */
  resolve(conflict: ConflictView, how: { take: 'ferry' | 'crm' } | { value: string }): Promise<void>;
}

/** The app's side of pull and two-way: one store, so the card, Mapping and Conflicts agree. */
export function createPullStore(client: FerryClient) {
  return createStore<PullState>()((set, get) => {
    const failed = (connectionId: number, e: unknown): void => set({ error: { ...get().error, [connectionId]: errorMessage(e) } });
    const cleared = (connectionId: number): void => set({ error: { ...get().error, [connectionId]: undefined } });
    const rulesChanged = (view: FieldRulesView): void => {
      set({ rules: { ...get().rules, [view.connectionId]: view } });
      void get().loadCounts(view.connectionId);
    };
    return {
      counts: {},
      rules: {},
      pulling: {},
      progress: {},
      lastPull: {},
      error: {},
      conflicts: null,
      conflictsTotal: 0,
      conflictFilter: 'open',
      conflictsError: null,
      onProgress(p) {
        set({ progress: { ...get().progress, [p.connectionId]: p.done ? undefined : p } });
        // a pull that ended (the scheduler's too): the card's counts follow
        if (p.done) void get().loadCounts(p.connectionId);
      },
      async loadCounts(connectionId) {
        try {
          const counts = await client.getPullCounts({ connectionId });
          set({ counts: { ...get().counts, [connectionId]: counts } });
        } catch { /* the card shows no pull line until main answers */ }
      },
      async loadRules(connectionId) {
        try {
          cleared(connectionId);
          rulesChanged(await client.getPullRules({ connectionId }));
        } catch (e) { failed(connectionId, e); }
      },
      async setDirection(connectionId, direction) {
        try {
          cleared(connectionId);
          rulesChanged(await client.setDirection({ connectionId, direction }));
        } catch (e) { failed(connectionId, e); }
      },
      async setRule(connectionId, field, rule) {
        try {
          cleared(connectionId);
          rulesChanged(await client.setFieldRule({ connectionId, field, rule }));
        } catch (e) { failed(connectionId, e); }
      },
      async pullNow(connectionId) {
        set({ pulling: { ...get().pulling, [connectionId]: true } });
        cleared(connectionId);
        try {
          const summary = await client.pullNow({ connectionId });
          set({ lastPull: { ...get().lastPull, [connectionId]: summary } });
          return summary;
        } catch (e) {
          failed(connectionId, e);
          return null;
        } finally {
          set({ pulling: { ...get().pulling, [connectionId]: false }, progress: { ...get().progress, [connectionId]: undefined } });
          void get().loadCounts(connectionId);
          if (get().conflicts !== null) void get().loadConflicts();
        }
      },
      async loadConflicts(filter = get().conflictFilter) {
        set({ conflictFilter: filter, conflictsError: null });
        try {
          const page = await client.listConflicts({ state: filter, limit: 500 });
          // a slower answer for a filter the user has since left is dropped
          if (get().conflictFilter === filter) set({ conflicts: page.items, conflictsTotal: page.total });
        } catch (e) { set({ conflictsError: errorMessage(e) }); }
      },
      async resolve(conflict, how) {
        set({ conflictsError: null });
        try {
          await client.resolveConflict({ conflictId: conflict.id, ...how });
        } catch (e) {
          set({ conflictsError: errorMessage(e) });
          return;
        }
        await get().loadConflicts();
        void get().loadCounts(conflict.connectionId);
      },
    };
  });
}

export type PullStore = ReturnType<typeof createPullStore>;
