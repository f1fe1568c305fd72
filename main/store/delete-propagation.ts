import type { Db } from './db';
import { recordEvent } from './sync-records';
import { cachedStatement } from './statement-cache';

/**
 * Deletes reaching the CRMs: off by default, opt-in per connection
 * (`config.deletes = 'archive'`: HubSpot archives the record, Salesforce deletes
 * it; `'tag'`: the record is kept and marked "Deleted in Ferry", store/deleted-marks.ts). A delete is pending work like an edit, so it lives in the outbox (the one
 * truth of pending work): a row whose contact is deleted means "remove its CRM
 * record", and it exists only where the connection opted in and holds a record.
 */

/** Whether a connection's config sends deletes, in SQL over connections `c`. */
const SENDS_DELETES = `json_extract(c.config, '$.deletes') IN ('archive', 'tag')`;

/**
 * Queues the delete for every opted-in connection that holds a record of the
 * contact. Must run in the delete's transaction, after its rows were dropped.
 * Returns the connections queued (their "kept" line is not written).
 */
export function queueDeletePropagation(db: Db, contactId: number, version: number, now: number): number[] {
  return cachedStatement(db,
    `INSERT INTO outbox(connection_id, contact_id, contact_version, state, enqueued_at, attempts, next_attempt_at)
     SELECT c.id, l.contact_id, @version, 'pending', @now, 0, 0 FROM sync_links l
       JOIN connections c ON c.id = l.connection_id AND c.disconnected_at IS NULL AND ${SENDS_DELETES}
      WHERE l.contact_id = @contactId AND l.external_id IS NOT NULL
     ON CONFLICT(connection_id, contact_id) DO UPDATE SET contact_version = excluded.contact_version, state = 'pending',
       attempts = 0, next_attempt_at = 0, last_error = NULL, enqueued_at = excluded.enqueued_at
     RETURNING connection_id`,
  ).pluck().all({ contactId, version, now }) as number[];
}

export interface PendingDelete {
  contactId: number;
  version: number;
  externalId: string;
}

/** The deletes a run sends: pending rows of deleted contacts whose record the link names. */
export function pendingDeletes(db: Db, connectionId: number, dueBy: number | null): PendingDelete[] {
  return db.prepare(
    `SELECT o.contact_id AS contactId, o.contact_version AS version, l.external_id AS externalId FROM outbox o
       JOIN contacts k ON k.id = o.contact_id AND k.deleted_at IS NOT NULL
       JOIN sync_links l ON l.connection_id = o.connection_id AND l.contact_id = o.contact_id AND l.external_id IS NOT NULL
      WHERE o.connection_id = @connectionId AND o.state = 'pending' AND (@dueBy IS NULL OR o.next_attempt_at <= @dueBy)
      ORDER BY o.contact_id`,
  ).all({ connectionId, dueBy }) as PendingDelete[];
}

/** How a delete ended, for the run's history: 'deleted' when the CRM removed the record, 'skipped' when it could not be asked to. */
export interface DeleteOutcome {
  runId: number;
  outcome: 'deleted' | 'skipped';
  message: string;
}

/**
 * The CRM removed the record (or cannot remove it): the link is retired (a
 * restore creates a new record, as for a contact never sent), the row is done,
 * the run's history says so — as a delete, never as an update. One transaction,
 * like every batch outcome.
 */
export function completeDelete(db: Db, connectionId: number, item: PendingDelete, done: DeleteOutcome, now: number): void {
  db.transaction(() => {
    db.prepare('DELETE FROM sync_links WHERE connection_id = ? AND contact_id = ?').run(connectionId, item.contactId);
    db.prepare('DELETE FROM outbox WHERE connection_id = ? AND contact_id = ? AND contact_version <= ?').run(connectionId, item.contactId, item.version);
    recordEvent(db, { runId: done.runId, connectionId, contactId: item.contactId, outcome: done.outcome, externalId: item.externalId, message: done.message, at: now });
  })();
}

/** The connection no longer sends deletes: the ones waiting are dropped (their records are kept). */
export function dropPendingDeletes(db: Db, connectionId: number): number {
  return db.prepare('DELETE FROM outbox WHERE connection_id = ? AND contact_id IN (SELECT id FROM contacts WHERE deleted_at IS NOT NULL)').run(connectionId).changes;
}
