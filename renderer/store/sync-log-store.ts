import { createStore } from 'zustand/vanilla';
import type { FerryClient } from '../../preload/api';
import type { Page } from '../../preload/schemas/common';
import type { EventOutcome, RunDetailView, RunState, StatsView, SyncEventView, SyncRunView } from '../../preload/schemas/sync-log';
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
  /** runs: empty for every result */
  runStates: RunState[];
  /** words to find in runs (problem, connection) and records (contact, message, the CRM's text) */
  query: string;
}

export const EMPTY_FILTER: LogFilter = { connectionId: null, outcomes: [], contactId: null, contactName: null, contactIds: null, from: '', to: '', runStates: [], query: '' };
export const EVENTS_PAGE = 100;
export const RUNS_PAGE = 25;

/** The open run: its detail and one page of its records. */
export interface RunDetail {
  detail: RunDetailView;
  events: Page<SyncEventView>;
}
export const STATS_DAYS = 14;

export interface SyncLogState {
  filter: LogFilter;
  runs: Page<SyncRunView> | null;
  events: Page<SyncEventView> | null;
  eventsOffset: number;
  runsOffset: number;
  stats: StatsView | null;
  statsFrom: number;
  error: string | null;
  loading: boolean;
  /** the run whose detail is open (#/log/runs/ID), null for none */
  openRunId: number | null;
  runDetail: RunDetail | null;
  runDetailError: string | null;
  openRun(id: number | null): void;
  setRunsOffset(offset: number): Promise<void>;
  /** the log as CSV, with the filters on screen */
  exportCsv(): Promise<{ fileName: string; csv: string }>;
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
    runsOffset: 0,
    stats: null,
    statsFrom: 0,
    error: null,
    loading: false,
    openRunId: null,
    runDetail: null,
    runDetailError: null,
    openRun(id) {
      if (id === get().openRunId) return;
      set({ openRunId: id, runDetail: null, runDetailError: null });
      if (id === null) return;
      Promise.all([client.getRun({ runId: id }), client.listEvents({ runId: id, limit: EVENTS_PAGE })]).then(
        ([detail, events]) => { if (get().openRunId === id) set({ runDetail: { detail, events } }); },
        (error: unknown) => { if (get().openRunId === id) set({ runDetailError: errorMessage(error) }); },
      );
    },
    async setRunsOffset(offset) {
      set({ runsOffset: offset });
      await get().load();
    },
    exportCsv() {
      const f = get().filter;
      return client.exportLog({
        ...rangeOf(f),
        ...(f.connectionId !== null ? { connectionId: f.connectionId } : {}),
        ...(f.runStates.length ? { states: f.runStates } : {}),
        ...(f.outcomes.length ? { outcomes: f.outcomes } : {}),
        ...(f.query.trim() ? { query: f.query.trim() } : {}),
      });
    },

    async setFilter(patch) {
      set({ filter: { ...get().filter, ...patch }, eventsOffset: 0, runsOffset: 0 });
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
      const query = f.query.trim() ? { query: f.query.trim() } : {};
      const today = new Date(now());
      today.setHours(0, 0, 0, 0);
      const statsFrom = new Date(today).setDate(today.getDate() - (STATS_DAYS - 1));
      set({ loading: true });
      try {
        const [runs, events, stats] = await Promise.all([
          client.listRuns({ ...conn, ...range, ...query, ...(f.runStates.length ? { states: f.runStates } : {}), limit: RUNS_PAGE, offset: get().runsOffset }),
          client.listEvents({
            ...conn,
            ...range,
            ...query,
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
