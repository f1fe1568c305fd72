import { stringify } from 'csv-stringify/sync';
import type { ChannelOutput, ParsedInput } from '../../preload/contract';
import type { SyncEventView, SyncRunView } from '../../preload/schemas/sync-log';
import { getConnection } from '../store/connections';
import type { Db } from '../store/db';
import { dailySyncedCounts, getRun, iterateEvents, iterateRuns, latestRunId, listEvents, listRuns } from '../store/sync-log';
import { HELD_WORDS } from '../../preload/status/run-sentences';
import { ServiceError } from './errors';
import type { Clock } from './ports';

/**
 * A cell a spreadsheet would run as a formula gets one apostrophe in front
 * (OWASP CSV injection); what a CRM said may start with anything.
 */
const safeCell = (value: string | number | null): string | number => {
  if (value === null) return '';
  if (typeof value === 'number') return value;
  return /^[=+\-@\t\r\n\0]/u.test(value) ? `'${value}` : value;
};

const LOG_COLUMNS = ['type', 'time', 'connection', 'run', 'result', 'contact', 'created', 'updated', 'deleted or archived', 'marked deleted', 'unchanged', HELD_WORDS, 'failed or rejected', 'api calls', 'duration ms', 'changes', 'message', 'crm error'];

/** The Sync log screen: runs, per-record events, a run's detail, per-day counts and the CSV export, read-only. */
export function createSyncLogService(db: Db, clock: Clock) {
  const labelOf = (id: number): string => getConnection(db, id)?.label ?? `Connection ${id}`;
  const runRow = (r: SyncRunView): (string | number | null)[] => [
    'run', new Date(r.startedAt).toISOString(), labelOf(r.connectionId), r.id, r.state, null,
    r.created, r.updated, r.deleted, r.marked, r.unchanged, r.held, r.failed + r.quarantined, r.apiCalls, r.durationMs, null, r.error, null,
  ];
  const eventRow = (e: SyncEventView): (string | number | null)[] => [
    'record', new Date(e.at).toISOString(), labelOf(e.connectionId), e.runId, e.outcome, e.contactName,
    null, null, null, null, null, null, null, null, null, e.changes.map((c) => `${c.field}: ${c.old ?? ''} -> ${c.new ?? ''}`).join('; ') || null, e.message, e.crmError,
  ];

  return {
    runs(input: ParsedInput<'listRuns'>): ChannelOutput<'listRuns'> {
      return listRuns(db, input);
    },
    run(input: ParsedInput<'getRun'>): ChannelOutput<'getRun'> {
      const run = getRun(db, input.runId);
      if (!run) throw new ServiceError('not_found', `There is no sync run ${input.runId}.`);
      const connection = getConnection(db, run.connectionId);
      // The connection keeps the CRM's words for its last problem only, so they belong to its newest run.
      const crmError = run.state !== 'succeeded' && connection && latestRunId(db, run.connectionId) === run.id ? connection.lastErrorDetail : null;
      return { run, crmError, connectionLabel: connection?.label ?? null };
    },
    events(input: ParsedInput<'listEvents'>): ChannelOutput<'listEvents'> {
      return listEvents(db, input);
    },
    stats(input: ParsedInput<'getStats'>): ChannelOutput<'getStats'> {
      return { days: dailySyncedCounts(db, input) };
    },
    /** Runs first, then records, each newest first, filtered as on screen. */
    exportCsv(input: ParsedInput<'exportLog'>): ChannelOutput<'exportLog'> {
      const f = input ?? {};
      const rows: (string | number | null)[][] = [];
      for (const r of iterateRuns(db, f)) rows.push(runRow(r));
      for (const e of iterateEvents(db, f)) rows.push(eventRow(e));
      const csv = stringify([LOG_COLUMNS, ...rows.map((row) => row.map(safeCell))], { bom: true });
      return { fileName: `ferry-sync-log-${new Date(clock.now()).toISOString().slice(0, 10)}.csv`, csv };
    },
  };
}

