import type { Db } from './db';
import type { FieldChange, RunSummary, RunTrigger } from '../sync/service-api';

/** Writes of the sync history: one row per run, one per record outcome. Reads live in sync-log.ts. */

export type RecordOutcome = 'created' | 'updated' | 'unchanged' | 'failed' | 'quarantined' | 'conflict' | 'skipped';

export function startRun(db: Db, connectionId: number, trigger: RunTrigger, now: number): number {
  return Number(db.prepare(`INSERT INTO sync_runs(connection_id, trigger, state, started_at) VALUES (?, ?, 'running', ?)`).run(connectionId, trigger, now).lastInsertRowid);
}

export type RunCounts = Pick<RunSummary, 'planned' | 'created' | 'updated' | 'unchanged' | 'failed' | 'quarantined' | 'apiCalls' | 'rateLimited'>;

export function saveRunProgress(db: Db, runId: number, counts: RunCounts): void {
  db.prepare(
    `UPDATE sync_runs SET planned = @planned, created = @created, updated = @updated, unchanged = @unchanged,
       failed = @failed, quarantined = @quarantined, api_calls = @apiCalls, rate_limited = @rateLimited WHERE id = @runId`,
  ).run({ ...counts, runId });
}

export function finishRun(db: Db, runId: number, state: RunSummary['state'], counts: RunCounts, error: string | null, now: number): void {
  saveRunProgress(db, runId, counts);
  db.prepare('UPDATE sync_runs SET state = ?, error = ?, finished_at = ? WHERE id = ?').run(state, error, now, runId);
}

/** A run still marked 'running' belongs to a process that died: say so instead of leaving it open. */
export function closeAbandonedRuns(db: Db, connectionId: number, now: number): void {
  db.prepare(
    `UPDATE sync_runs SET state = 'interrupted', finished_at = ?, error = 'Ferry stopped during this sync; the remaining changes were sent by a later run.'
      WHERE connection_id = ? AND state = 'running'`,
  ).run(now, connectionId);
}

export interface EventWrite {
  runId: number | null;
  connectionId: number;
  contactId: number | null;
  outcome: RecordOutcome;
  externalId?: string | null;
  changes?: FieldChange[];
  message?: string | null;
  crmError?: string | null;
  at: number;
}

export function recordEvent(db: Db, e: EventWrite): void {
  db.prepare(
    `INSERT INTO sync_events(run_id, connection_id, contact_id, at, outcome, external_id, changes, message, crm_error)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.runId, e.connectionId, e.contactId, e.at, e.outcome, e.externalId ?? null, JSON.stringify(e.changes ?? []), e.message ?? null, e.crmError ?? null);
}
