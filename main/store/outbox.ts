import type { Db } from './db';
import { cachedStatement } from './statement-cache';

export interface OutboxItem {
  connectionId: number;
  contactId: number;
  contactVersion: number;
  state: 'pending' | 'quarantined';
  enqueuedAt: number;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
}

interface OutboxRow {
  connection_id: number;
  contact_id: number;
  contact_version: number;
  state: 'pending' | 'quarantined';
  enqueued_at: number;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
}

const toItem = (r: OutboxRow): OutboxItem => ({
  connectionId: r.connection_id,
  contactId: r.contact_id,
  contactVersion: r.contact_version,
  state: r.state,
  enqueuedAt: r.enqueued_at,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
});

/**
 * Queues a contact change for every active automatic connection of its card.
 * Must be called inside the transaction that wrote the contact: a change is
 * never saved without its pending sync, or the reverse. A newer change to the
 * same contact coalesces into the existing row and clears any quarantine,
 * because the user may have fixed what the CRM rejected.
 */
export function enqueueContactChange(db: Db, cardId: number, contactId: number, version: number, now: number): void {
  cachedStatement(db,
    `INSERT INTO outbox(connection_id, contact_id, contact_version, state, enqueued_at, attempts, next_attempt_at)
     SELECT id, @contactId, @version, 'pending', @now, 0, 0 FROM connections
      WHERE card_id = @cardId AND mode = 'automatic' AND disconnected_at IS NULL
     ON CONFLICT(connection_id, contact_id) DO UPDATE SET
       contact_version = excluded.contact_version, state = 'pending', attempts = 0,
       next_attempt_at = 0, last_error = NULL, enqueued_at = excluded.enqueued_at`,
  ).run({ cardId, contactId, version, now });
}

/** How a contact write queues its sync; enqueueContactChange unless a bulk writer has a cheaper one. */
export type EnqueueChange = (db: Db, cardId: number, contactId: number, version: number, now: number) => void;

/**
 * enqueueContactChange for the many writes of one transaction to one card (an
 * import): when the card has no active automatic connection, which is asked
 * once, nothing is queued and nothing is asked per contact. Valid only inside
 * the transaction that created it: under its write lock no connection changes.
 */
export function enqueuerForCard(db: Db, cardId: number): EnqueueChange {
  if (!db.inTransaction) throw new Error('enqueuerForCard must run inside a write transaction.');
  const automatic = cachedStatement(db,
    `SELECT EXISTS (SELECT 1 FROM connections WHERE card_id = ? AND mode = 'automatic' AND disconnected_at IS NULL) AS any`,
  ).get(cardId) as { any: number };
  return automatic.any === 1 ? enqueueContactChange : () => {};
}

/** Queues every live contact of the card for one connection (turning Automatic on, retry all). */
export function enqueueAllForConnection(db: Db, connectionId: number, now: number): number {
  return db.prepare(
    `INSERT INTO outbox(connection_id, contact_id, contact_version, state, enqueued_at)
     SELECT c.id, k.id, k.version, 'pending', @now FROM connections c JOIN contacts k ON k.card_id = c.card_id
      WHERE c.id = @connectionId AND k.deleted_at IS NULL
     ON CONFLICT(connection_id, contact_id) DO UPDATE SET
       contact_version = excluded.contact_version, state = 'pending', attempts = 0, next_attempt_at = 0, last_error = NULL`,
  ).run({ connectionId, now }).changes;
}

export function listOutbox(db: Db, connectionId: number, opts: { state?: OutboxItem['state']; dueBefore?: number; limit?: number } = {}): OutboxItem[] {
  const rows = db.prepare(
    `SELECT * FROM outbox WHERE connection_id = @connectionId
       AND (@state IS NULL OR state = @state)
       AND (@due IS NULL OR next_attempt_at <= @due)
     ORDER BY enqueued_at, contact_id LIMIT @limit`,
  ).all({ connectionId, state: opts.state ?? null, due: opts.dueBefore ?? null, limit: opts.limit ?? -1 }) as OutboxRow[];
  return rows.map(toItem);
}

export function countOutbox(db: Db, connectionId: number): { pending: number; quarantined: number } {
  const rows = db.prepare('SELECT state, COUNT(*) AS n FROM outbox WHERE connection_id = ? GROUP BY state').all(connectionId) as { state: string; n: number }[];
  const counts = { pending: 0, quarantined: 0 };
  for (const r of rows) if (r.state === 'pending' || r.state === 'quarantined') counts[r.state] = r.n;
  return counts;
}

/** Removes the row only if no newer change arrived while it was being sent. */
export function completeOutbox(db: Db, connectionId: number, contactId: number, sentVersion: number): void {
  db.prepare('DELETE FROM outbox WHERE connection_id = ? AND contact_id = ? AND contact_version <= ?').run(connectionId, contactId, sentVersion);
}

export function deferOutbox(db: Db, connectionId: number, contactId: number, nextAttemptAt: number, error: string): void {
  db.prepare(
    'UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE connection_id = ? AND contact_id = ?',
  ).run(nextAttemptAt, error, connectionId, contactId);
}

export function quarantineOutbox(db: Db, connectionId: number, contactId: number, version: number, error: string, now: number): void {
  db.prepare(
    `INSERT INTO outbox(connection_id, contact_id, contact_version, state, enqueued_at, attempts, last_error)
     VALUES (?, ?, ?, 'quarantined', ?, 1, ?)
     ON CONFLICT(connection_id, contact_id) DO UPDATE SET state = 'quarantined', attempts = attempts + 1, last_error = excluded.last_error
       WHERE outbox.contact_version <= excluded.contact_version`,
  ).run(connectionId, contactId, version, now, error);
}

/** "Retry after fixing": puts quarantined records back in line. */
export function releaseQuarantine(db: Db, connectionId: number, contactIds?: number[]): number {
  if (!contactIds) {
    return db.prepare(`UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = 0 WHERE connection_id = ? AND state = 'quarantined'`).run(connectionId).changes;
  }
  const stmt = db.prepare(`UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = 0 WHERE connection_id = ? AND contact_id = ? AND state = 'quarantined'`);
  let n = 0;
  db.transaction(() => { for (const id of contactIds) n += stmt.run(connectionId, id).changes; })();
  return n;
}
