import type { Db } from './db';
import { cachedStatement } from './statement-cache';
import { pruneFilteredOut } from './outbox-filter';

/**
 * The outbox is Ferry's ONE definition of pending work: a row (connection,
 * contact) exists exactly while that contact's current state still has to
 * reach that connection. It is written in the same transaction as its cause,
 * whatever the connection's mode:
 * - a contact created, changed (in a field CRMs receive) or restored → queued for
 *   every active connection of its card;
 * - a connection created, or its mapping changed → every live contact queued;
 * - a contact deleted → its rows removed (a local delete is not propagated),
 *   except where the connection opted in to deletes: there the row stays as a
 *   pending delete of its CRM record (delete-propagation.ts);
 * - a contact the connection's filter keeps out → no row (outbox-filter.ts);
 *   a filter change re-queues every live contact and drops those it keeps out;
 * - a connection disconnected → its rows removed.
 * Demo contacts (source 'demo', made-up people) are queued only for sandbox
 * connections: they never reach a real CRM.
 * The planner, dry run, scheduler, app, tray and CLI all read it; nothing else
 * decides what is pending.
 *
 * States: 'pending' (sent by the next run once next_attempt_at has passed) and
 * 'quarantined' (set aside with the CRM's words until the user retries it or
 * changes the contact). `attempts` counts per-record transient failures; after
 * MAX_RECORD_ATTEMPTS the record is quarantined (see sync/run.ts).
 */
interface OutboxItem {
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
 * Whether connection `c` may receive contact `k`: made-up demo people go to
 * sandboxes only, and a pull-only connection receives nothing (docs/pull.md).
 */
export const MAY_RECEIVE = `(k.source <> 'demo' OR json_extract(c.config, '$.sandbox') IS 1) AND c.direction <> 'pull'`;

/** A newer change coalesces into the existing row and clears any quarantine: the user may have fixed what the CRM rejected. */
const COALESCE_NEWER = `ON CONFLICT(connection_id, contact_id) DO UPDATE SET
       contact_version = excluded.contact_version, state = 'pending', attempts = 0,
       next_attempt_at = 0, last_error = NULL, enqueued_at = excluded.enqueued_at`;

/**
 * Queues a contact change for every active connection of its card, in any
 * mode (Manual and Scheduled wait for their trigger; the queue is the same).
 * Must be called inside the transaction that wrote the contact: a change is
 * never saved without its pending sync, or the reverse.
 */
export function enqueueContactChange(db: Db, cardId: number, contactId: number, version: number, now: number): void {
  cachedStatement(db,
    `INSERT INTO outbox(connection_id, contact_id, contact_version, state, enqueued_at, attempts, next_attempt_at)
     SELECT c.id, k.id, @version, 'pending', @now, 0, 0 FROM connections c JOIN contacts k ON k.id = @contactId
      WHERE c.card_id = @cardId AND c.disconnected_at IS NULL AND ${MAY_RECEIVE}
     ${COALESCE_NEWER}`,
  ).run({ cardId, contactId, version, now });
  // a connection whose filter keeps this contact out does not queue it
  pruneFilteredOut(db, { cardId, contactIds: [contactId] }, now);
}

/** How a contact write queues its sync; enqueueContactChange unless a bulk writer has a cheaper one. */
export type EnqueueChange = (db: Db, cardId: number, contactId: number, version: number, now: number) => void;

/**
 * enqueueContactChange for the many writes of one transaction to one card (an
 * import): when the card has no active connection, which is asked once,
 * nothing is queued and nothing is asked per contact. Valid only inside the
 * transaction that created it: under its write lock no connection changes.
 */
export function enqueuerForCard(db: Db, cardId: number): EnqueueChange {
  if (!db.inTransaction) throw new Error('enqueuerForCard must run inside a write transaction.');
  const any = cachedStatement(db,
    'SELECT EXISTS (SELECT 1 FROM connections WHERE card_id = ? AND disconnected_at IS NULL) AS any',
  ).get(cardId) as { any: number };
  return any.any === 1 ? enqueueContactChange : () => {};
}

/**
 * Queues every live contact of the card for one connection (a new connection,
 * a mapping change). The plan then hashes each one: only real differences are
 * sent, the rest are completed without a call.
 */
export function enqueueAllForConnection(db: Db, connectionId: number, now: number): number {
  const queued = db.prepare(
    `INSERT INTO outbox(connection_id, contact_id, contact_version, state, enqueued_at, attempts, next_attempt_at)
     SELECT c.id, k.id, k.version, 'pending', @now, 0, 0 FROM connections c JOIN contacts k ON k.card_id = c.card_id
      WHERE c.id = @connectionId AND c.disconnected_at IS NULL AND k.deleted_at IS NULL AND ${MAY_RECEIVE}
     ${COALESCE_NEWER}`,
  ).run({ connectionId, now }).changes;
  return queued - pruneFilteredOut(db, { connectionId }, now);
}

/**
 * After a filter change: queues every live contact whose current version the
 * CRM does not hold yet (never sent, e.g. kept out until now, or changed since),
 * then drops what the filter keeps out. Contacts the CRM already holds as they
 * are stay unqueued, so the count of pending changes stays true.
 */
export function enqueueUnsyncedForConnection(db: Db, connectionId: number, now: number): number {
  const queued = db.prepare(
    `INSERT INTO outbox(connection_id, contact_id, contact_version, state, enqueued_at, attempts, next_attempt_at)
     SELECT c.id, k.id, k.version, 'pending', @now, 0, 0 FROM connections c JOIN contacts k ON k.card_id = c.card_id
       LEFT JOIN sync_links l ON l.connection_id = c.id AND l.contact_id = k.id
      WHERE c.id = @connectionId AND c.disconnected_at IS NULL AND k.deleted_at IS NULL AND ${MAY_RECEIVE}
        AND (l.synced_version IS NULL OR l.synced_version < k.version)
     ${COALESCE_NEWER}`,
  ).run({ connectionId, now }).changes;
  return queued - pruneFilteredOut(db, { connectionId }, now);
}

/**
 * Queues one contact for one connection (a pull kept Ferry's value of a field the
 * CRM changed: Ferry's value goes back). Same transaction rules as enqueueContactChange.
 */
export function enqueueForConnection(db: Db, connectionId: number, contactId: number, version: number, now: number): void {
  cachedStatement(db,
    `INSERT INTO outbox(connection_id, contact_id, contact_version, state, enqueued_at, attempts, next_attempt_at)
     SELECT c.id, k.id, @version, 'pending', @now, 0, 0 FROM connections c JOIN contacts k ON k.id = @contactId
      WHERE c.id = @connectionId AND c.disconnected_at IS NULL AND ${MAY_RECEIVE}
     ${COALESCE_NEWER}`,
  ).run({ connectionId, contactId, version, now });
}

/** A deleted contact keeps nothing pending. */
export function dropContactFromOutbox(db: Db, contactId: number): void {
  cachedStatement(db, 'DELETE FROM outbox WHERE contact_id = ?').run(contactId);
}

export function dropConnectionOutbox(db: Db, connectionId: number): void {
  db.prepare('DELETE FROM outbox WHERE connection_id = ?').run(connectionId);
}

export function listOutbox(db: Db, connectionId: number, opts: { state?: OutboxItem['state']; dueBefore?: number; limit?: number } = {}): OutboxItem[] {
  const rows = db.prepare(
    `SELECT * FROM outbox WHERE connection_id = @connectionId
       AND (@state IS NULL OR state = @state)
       AND (@due IS NULL OR next_attempt_at <= @due)
     ORDER BY contact_id LIMIT @limit`,
  ).all({ connectionId, state: opts.state ?? null, due: opts.dueBefore ?? null, limit: opts.limit ?? -1 }) as OutboxRow[];
  return rows.map(toItem);
}

export interface OutboxCounts {
  /** waiting to be sent (including records waiting out a retry delay) */
  pending: number;
  /** set aside until the user retries them or changes the contact */
  quarantined: number;
  /** pending and due now: what an Automatic or Scheduled run would send */
  due: number;
}

export function countOutbox(db: Db, connectionId: number, now: number = Date.now()): OutboxCounts {
  const row = cachedStatement(db,
    `SELECT COALESCE(SUM(state = 'pending'), 0) AS pending, COALESCE(SUM(state = 'quarantined'), 0) AS quarantined,
            COALESCE(SUM(state = 'pending' AND next_attempt_at <= @now), 0) AS due
       FROM outbox WHERE connection_id = @connectionId`,
  ).get({ connectionId, now }) as OutboxCounts;
  return row;
}

/**
 * The contacts a run plans, lowest id first: every pending row, or only those
 * whose retry delay has passed (`dueBy`). Rows of contacts that are gone are
 * never returned (deletes remove them; this is the belt to that brace).
 */
export function pendingContactIds(db: Db, connectionId: number, dueBy: number | null): number[] {
  return db.prepare(
    `SELECT o.contact_id FROM outbox o JOIN contacts k ON k.id = o.contact_id AND k.deleted_at IS NULL
      WHERE o.connection_id = @connectionId AND o.state = 'pending' AND (@dueBy IS NULL OR o.next_attempt_at <= @dueBy)
      ORDER BY o.contact_id`,
  ).pluck().all({ connectionId, dueBy }) as number[];
}

/** When the scheduler looks: the oldest and newest due change of a connection (null when nothing is due). */
export function dueWindow(db: Db, connectionId: number, now: number): { oldest: number | null; newest: number | null } {
  return cachedStatement(db,
    `SELECT MIN(enqueued_at) AS oldest, MAX(enqueued_at) AS newest FROM outbox
      WHERE connection_id = ? AND state = 'pending' AND next_attempt_at <= ?`,
  ).get(connectionId, now) as { oldest: number | null; newest: number | null };
}

/** Removes the row only if no newer change arrived while it was being sent. */
export function completeOutbox(db: Db, connectionId: number, contactId: number, sentVersion: number): void {
  cachedStatement(db, 'DELETE FROM outbox WHERE connection_id = ? AND contact_id = ? AND contact_version <= ?').run(connectionId, contactId, sentVersion);
}

/**
 * The per-record transient failures of the version that was sent so far, or
 * null when that row is gone or a newer change replaced it (the newer change
 * starts afresh and this failure does not count against it).
 */
export function sentAttempts(db: Db, connectionId: number, contactId: number, sentVersion: number): number | null {
  const row = cachedStatement(db,
    'SELECT attempts FROM outbox WHERE connection_id = ? AND contact_id = ? AND contact_version <= ? AND state = \'pending\'',
  ).get(connectionId, contactId, sentVersion) as { attempts: number } | undefined;
  return row ? row.attempts : null;
}

/** A per-record transient failure: counts the attempt and waits until `nextAttemptAt`. */
export function deferOutbox(db: Db, connectionId: number, contactId: number, sentVersion: number, nextAttemptAt: number, error: string): void {
  cachedStatement(db,
    `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?
      WHERE connection_id = ? AND contact_id = ? AND contact_version <= ?`,
  ).run(nextAttemptAt, error, connectionId, contactId, sentVersion);
}

/**
 * Sets a record aside with the CRM's words. Only an existing row for that
 * version (or older) changes: a contact deleted, or a connection disconnected,
 * while its batch was in flight gets no row back.
 */
export function quarantineOutbox(db: Db, connectionId: number, contactId: number, version: number, error: string): void {
  cachedStatement(db,
    `UPDATE outbox SET state = 'quarantined', attempts = attempts + 1, last_error = ?
      WHERE connection_id = ? AND contact_id = ? AND contact_version <= ?`,
  ).run(error, connectionId, contactId, version);
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

/** SQL that is true when contact `k` has a value in a Ferry field (mapping names; see preload/schemas/mapping.ts). */
function hasValueSql(field: string, params: Record<string, string>, i: number): string {
  if (field.startsWith('custom.')) {
    params[`cf${i}`] = field.slice('custom.'.length);
    return `EXISTS (SELECT 1 FROM json_each(k.custom_fields) j WHERE j.key = @cf${i} AND trim(j.value) <> '')`;
  }
  const columns: Record<string, string> = {
    firstName: "trim(k.first_name) <> ''", lastName: "trim(k.last_name) <> ''", title: "trim(k.title) <> ''",
    company: "trim(k.company) <> ''", website: "trim(k.website) <> ''", notes: "trim(k.notes) <> ''",
    emails: "k.emails <> '[]'", phones: "k.phones <> '[]'", addresses: "k.addresses <> '[]'", tags: "k.tags <> '[]'",
    'meeting.at': "trim(coalesce(k.meeting_at, '')) <> ''", 'meeting.place': "trim(k.meeting_place) <> ''",
    'meeting.event': "trim(k.meeting_event) <> ''", 'meeting.notes': "trim(k.meeting_notes) <> ''",
  };
  return columns[field] ?? '0';
}

/**
 * A mapping change queues only the contacts it can change: those with a value
 * in one of `fields` (all live contacts when `fields` is 'all'). Returns how
 * many were queued. Same transaction rules as enqueueContactChange.
 */
export function enqueueContactsWithValues(db: Db, connectionId: number, fields: readonly string[] | 'all', now: number): number {
  if (fields === 'all') return enqueueAllForConnection(db, connectionId, now);
  if (fields.length === 0) return 0;
  const params: Record<string, string> = {};
  const any = fields.map((f, i) => hasValueSql(f, params, i)).join(' OR ');
  return db.prepare(
    `INSERT INTO outbox(connection_id, contact_id, contact_version, state, enqueued_at, attempts, next_attempt_at)
     SELECT c.id, k.id, k.version, 'pending', @now, 0, 0 FROM connections c JOIN contacts k ON k.card_id = c.card_id
      WHERE c.id = @connectionId AND c.disconnected_at IS NULL AND k.deleted_at IS NULL AND ${MAY_RECEIVE} AND (${any})
     ${COALESCE_NEWER}`,
  ).run({ ...params, connectionId, now }).changes;
}

/** The custom field names the card's live contacts use (for the Mapping screen's rows). */
export function customFieldNames(db: Db, cardId: number): string[] {
  const rows = db.prepare(
    `SELECT DISTINCT j.key AS name FROM contacts k, json_each(k.custom_fields) j WHERE k.card_id = ? AND k.deleted_at IS NULL ORDER BY j.key LIMIT 500`,
  ).all(cardId) as { name: string }[];
  return rows.map((r) => r.name);
}
