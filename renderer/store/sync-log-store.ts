import { createStore } from 'zustand/vanilla';
import type { FerryClient } from '../../preload/api';
import type { Page } from '../../preload/schemas/common';
import type { EventOutcome, StatsView, SyncEventView, SyncRunView } from '../../preload/schemas/sync-log';
import { errorMessage, utcOffsetMinutes } from '../lib/format';

export interface LogFilter {
  connectionId: number | null;
  /** empty: every outcome */
  outcomes: EventOutcome[];
  contactId: number | null;
  /** the contact's name, for the filter chip (the id alone means nothing to a rep) */
  contactName: string | null;
  /** exactly these contacts (e.g. the records a connection set aside); null: any */
  contactIds: number[] | null;
  /** YYYY-MM-DD, local days, inclusive; '' for open */
  from: string;
  to: string;
}

export const EMPTY_FILTER: LogFilter = { connectionId: null, outcomes: [], contactId: null, contactName: null, contactIds: null, from: '', to: '' };
export const EVENTS_PAGE = 100;
export const STATS_DAYS = 14;

export interface SyncLogState {
  filter: LogFilter;
  runs: Page<SyncRunView> | null;
  events: Page<SyncEventView> | null;
  eventsOffset: number;
  stats: StatsView | null;
  statsFrom: number;
  error: string | null;
  loading: boolean;
  /** the run whose detail is open (#/log/runs/ID), null for none */
  openRunId: number | null;
  openRun(id: number | null): void;
  setFilter(patch: Partial<LogFilter>): Promise<void>;
  load(): Promise<void>;
  setEventsOffset(offset: number): Promise<void>;
  retry(connectionId: number, contactIds: number[] | undefined): Promise<number>;
}

function dayStart(day: string): number | undefined {
  if (!day) return undefined;
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, (m ?? 1) - 1, d ?? 1).getTime();
}

/** The contract's date range: from inclusive, to exclusive (the day after the chosen last day). */
export function rangeOf(f: LogFilter): { from?: number; to?: number } {
  const from = dayStart(f.from);
  const toDay = dayStart(f.to);
  const to = toDay === undefined ? undefined : new Date(toDay).setDate(new Date(toDay).getDate() + 1);
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

export function createSyncLogStore(client: FerryClient, now: () => number = Date.now) {
  let seq = 0;
  return createStore<SyncLogState>()((set, get) => ({
    filter: EMPTY_FILTER,
    runs: null,
    events: null,
    eventsOffset: 0,
    stats: null,
    statsFrom: 0,
    error: null,
    loading: false,
    openRunId: null,
    openRun: (id) => set({ openRunId: id }),

    async setFilter(patch) {
      set({ filter: { ...get().filter, ...patch }, eventsOffset: 0 });
      await get().load();
    },

    async setEventsOffset(offset) {
      set({ eventsOffset: offset });
      await get().load();
    },

    async load() {
      const mine = ++seq;
      const f = get().filter;
      const range = rangeOf(f);
      const conn = f.connectionId !== null ? { connectionId: f.connectionId } : {};
      const today = new Date(now());
      today.setHours(0, 0, 0, 0);
      const statsFrom = new Date(today).setDate(today.getDate() - (STATS_DAYS - 1));
      set({ loading: true });
      try {
        const [runs, events, stats] = await Promise.all([
          client.listRuns({ ...conn, ...range, limit: 50 }),
          client.listEvents({
            ...conn,
            ...range,
            ...(f.contactId !== null ? { contactId: f.contactId } : {}),
            ...(f.contactIds !== null && f.contactIds.length > 0 ? { contactIds: f.contactIds } : {}),
            ...(f.outcomes.length ? { outcomes: f.outcomes } : {}),
            limit: EVENTS_PAGE,
            offset: get().eventsOffset,
          }),
          client.getStats({ ...conn, from: statsFrom, to: now(), utcOffsetMinutes: utcOffsetMinutes() }),
        ]);
        if (mine === seq) set({ runs, events, stats, statsFrom, error: null, loading: false });
      } catch (error) {
        if (mine === seq) set({ error: errorMessage(error), loading: false });
      }
    },

    async retry(connectionId, contactIds) {
      const { released } = await client.retryQuarantined({ connectionId, ...(contactIds?.length ? { contactIds } : {}) });
      await get().load();
      return released;
    },
  }));
}

export type SyncLogStore = ReturnType<typeof createSyncLogStore>;
