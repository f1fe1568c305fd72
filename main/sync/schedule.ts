import type { Db } from '../store/db';
import type { Connection } from '../store/connections';
import type { RunTrigger } from './service-api';

export interface ScheduleOptions {
  online: boolean;
  automaticDelayMs: number;
  debounceMs: number;
}

/**
 * Whether the scheduler should start a run for this connection now, and why.
 * It reads the outbox on every poll, so changes written by another process
 * (a `ferry contacts add` next to the app) are noticed within one poll.
 */
export function isDue(db: Db, connection: Connection, now: number, opts: ScheduleOptions): RunTrigger | null {
  if (!opts.online) return null;
  if (connection.mode === 'automatic') {
    const row = db.prepare(
      `SELECT MIN(enqueued_at) AS oldest, MAX(enqueued_at) AS newest FROM outbox
        WHERE connection_id = ? AND state = 'pending' AND next_attempt_at <= ?`,
    ).get(connection.id, now) as { oldest: number | null; newest: number | null };
    if (row.oldest === null || row.newest === null) return connection.status === 'waiting_for_network' || connection.status === 'error' ? 'automatic' : null;
    // Push once the burst of edits has gone quiet, and never later than the automatic delay.
    return row.newest <= now - opts.debounceMs || row.oldest <= now - opts.automaticDelayMs ? 'automatic' : null;
  }
  if (connection.mode === 'scheduled' && connection.intervalMinutes) {
    const last = db.prepare('SELECT MAX(started_at) AS at FROM sync_runs WHERE connection_id = ?').pluck().get(connection.id) as number | null;
    return last === null || last <= now - connection.intervalMinutes * 60_000 ? 'scheduled' : null;
  }
  return null;
}
