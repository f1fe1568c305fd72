import type { Db } from '../store/db';
import type { Connection } from '../store/connections';
import { dueWindow } from '../store/outbox';
import { lastRunStartedAt } from '../store/sync-records';
import type { RunTrigger } from './service-api';

interface ScheduleOptions {
  online: boolean;
  automaticDelayMs: number;
  debounceMs: number;
}

/**
 * Whether the scheduler should start a run for this connection now, and why.
 * Only due outbox rows (store/outbox.ts: the one definition of pending work,
 * retry delays honoured) make a run due, so a connection with nothing to send
 * never starts one. It reads the outbox on every poll, so changes written by
 * another process (a `ferry contacts add` next to the app) are noticed within
 * one poll.
 */
export function isDue(db: Db, connection: Connection, now: number, opts: ScheduleOptions): RunTrigger | null {
  if (!opts.online || connection.mode === 'manual') return null;
  const due = dueWindow(db, connection.id, now);
  if (due.oldest === null || due.newest === null) return null;
  if (connection.mode === 'automatic') {
    // Push once the burst of edits has gone quiet, and never later than the automatic delay.
    return due.newest <= now - opts.debounceMs || due.oldest <= now - opts.automaticDelayMs ? 'automatic' : null;
  }
  if (connection.mode === 'scheduled' && connection.intervalMinutes) {
    const last = lastRunStartedAt(db, connection.id);
    return last === null || last <= now - connection.intervalMinutes * 60_000 ? 'scheduled' : null;
  }
  return null;
}
