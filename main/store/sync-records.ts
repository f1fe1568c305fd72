import type { Db } from './db';
import { cachedStatement } from './statement-cache';
import type { EventOutcome } from '../../preload/schemas/sync-log';
import type { FieldChange, RunSummary, RunTrigger } from '../sync/service-api';

/** Writes of the sync history: one row per run, one per record outcome. Reads live in sync-log.ts. */

type RecordOutcome = EventOutcome;

export function startRun(db: Db, connectionId: number, trigger: RunTrigger, now: number): number {
  return Number(cachedStatement(db, `INSERT INTO sync_runs(connection_id, trigger, state, started_at) VALUES (?, ?, 'running', ?)`).run(connectionId, trigger, now).lastInsertRowid);
}

export type RunCounts = Pick<RunSummary, 'planned' | 'created' | 'updated' | 'deleted' | 'marked' | 'unchanged' | 'failed' | 'quarantined' | 'held' | 'apiCalls' | 'rateLimited'>;

/** A run that has done nothing yet: the one definition of every count a run keeps. */
export const emptyRunCounts = (): RunCounts => ({ planned: 0, created: 0, updated: 0, deleted: 0, marked: 0, unchanged: 0, failed: 0, quarantined: 0, held: 0, apiCalls: 0, rateLimited: 0 });

export function saveRunProgress(db: Db, runId: number, counts: RunCounts): void {
  cachedStatement(db,
    `UPDATE sync_runs SET planned = @planned, created = @created, updated = @updated, deleted = @deleted, marked = @marked, unchanged = @unchanged,
       failed = @failed, quarantined = @quarantined, held = @held, api_calls = @apiCalls, rate_limited = @rateLimited WHERE id = @runId`,
  ).run({ ...counts, runId });
}

export function finishRun(db: Db, runId: number, state: RunSummary['state'], counts: RunCounts, error: string | null, now: number): void {
  saveRunProgress(db, runId, counts);
  cachedStatement(db, 'UPDATE sync_runs SET state = ?, error = ?, finished_at = ? WHERE id = ?').run(state, error, now, runId);
}

/** A run still marked 'running' belongs to a process that died: say so instead of leaving it open. */
export function closeAbandonedRuns(db: Db, connectionId: number, now: number): void {
  cachedStatement(db,
    `UPDATE sync_runs SET state = 'interrupted', finished_at = ?, error = 'Ferry stopped during this sync; the remaining changes were sent by a later run.'
      WHERE connection_id = ? AND state = 'running'`,
  ).run(now, connectionId);
}

interface EventWrite {
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
  cachedStatement(db,
    `INSERT INTO sync_events(run_id, connection_id, contact_id, at, outcome, external_id, changes, message, crm_error)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.runId, e.connectionId, e.contactId, e.at, e.outcome, e.externalId ?? null, JSON.stringify(e.changes ?? []), e.message ?? null, e.crmError ?? null);
}

/** The sentence for a contact deleted in Ferry whose CRM record stays (deletes are not propagated). */
const keptAfterLocalDelete = (crmLabel: string): string => `Deleted in Ferry, kept in ${crmLabel}.`;

/**
 * Logs, for each active connection that holds a record of the contact, that the
 * local delete left that record in place. Runs in the delete's transaction.
 */
export function recordLocalDelete(db: Db, contactId: number, now: number, except: readonly number[] = []): void {
  const linked = cachedStatement(db,
    `SELECT c.id, c.label, l.external_id FROM sync_links l JOIN connections c ON c.id = l.connection_id AND c.disconnected_at IS NULL
      WHERE l.contact_id = ? AND l.external_id IS NOT NULL`,
  ).all(contactId) as { id: number; label: string; external_id: string }[];
  for (const c of linked) {
    if (except.includes(c.id)) continue;
    recordEvent(db, { runId: null, connectionId: c.id, contactId, outcome: 'skipped', externalId: c.external_id, message: keptAfterLocalDelete(c.label), at: now });
  }
}

/** When the connection's latest recorded push (or, with `kind`, pull) started (null: never). */
export function lastRunStartedAt(db: Db, connectionId: number, kind: 'push' | 'pull' = 'push'): number | null {
  return cachedStatement(db, 'SELECT MAX(started_at) AS at FROM sync_runs WHERE connection_id = ? AND kind = ?').pluck().get(connectionId, kind) as number | null;
}

/** Marks a run as a pull (migration 005), so the Sync log shows it as one. */
export function markPullRun(db: Db, runId: number): void {
  cachedStatement(db, "UPDATE sync_runs SET kind = 'pull' WHERE id = ?").run(runId);
}
