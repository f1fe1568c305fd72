import type { Db } from './db';
import { CONTACT_COLUMNS, rowToContact, type ContactRow } from './contact-rows';
import { cachedStatement } from './statement-cache';
import { isEmptyFilter, parseStoredFilter, type ContactFilter } from '../filters/filter-schema';
import { filterMismatch, noLongerSentSentence } from '../filters/match';
import { recordEvent } from './sync-records';

/**
 * Connection filters on the one queue of pending work: a contact a connection's
 * filter does not let through has no outbox row for it, so nothing counts it as
 * pending and no run sends it. Runs inside the transaction that queued the rows
 * (a contact write, a new connection, a filter change), right after them.
 *
 * A contact that stops matching is not deleted in the CRM: its record stays, and
 * the Sync log says once why Ferry no longer sends it (a `skipped` event).
 */

interface FilteredConnection { id: number; label: string; filter: ContactFilter }

function filteredConnections(db: Db, where: { cardId: number } | { connectionId: number }): FilteredConnection[] {
  const rows = ('cardId' in where
    ? cachedStatement(db, `SELECT id, label, filter FROM connections WHERE card_id = ? AND disconnected_at IS NULL AND filter <> '{}'`).all(where.cardId)
    : cachedStatement(db, `SELECT id, label, filter FROM connections WHERE id = ? AND disconnected_at IS NULL AND filter <> '{}'`).all(where.connectionId)) as { id: number; label: string; filter: string }[];
  return rows.map((r) => ({ id: r.id, label: r.label, filter: parseStoredFilter(r.filter) })).filter((c) => !isEmptyFilter(c.filter));
}

const NO_LONGER_SENT = 'No longer sent to ';

/** Logs once (until it is sent again) that a contact Ferry had sent is no longer sent. */
function noteNoLongerSent(db: Db, connection: FilteredConnection, contactId: number, reason: string, now: number): void {
  const link = cachedStatement(db, 'SELECT external_id FROM sync_links WHERE connection_id = ? AND contact_id = ? AND external_id IS NOT NULL')
    .get(connection.id, contactId) as { external_id: string } | undefined;
  if (!link) return;
  const last = cachedStatement(db, 'SELECT outcome, message FROM sync_events WHERE connection_id = ? AND contact_id = ? ORDER BY id DESC LIMIT 1')
    .get(connection.id, contactId) as { outcome: string; message: string | null } | undefined;
  if (last?.outcome === 'skipped' && last.message?.startsWith(NO_LONGER_SENT)) return;
  recordEvent(db, { runId: null, connectionId: connection.id, contactId, outcome: 'skipped', externalId: link.external_id, message: noLongerSentSentence(connection.label, reason), at: now });
}

/**
 * Drops the queued rows of contacts a filter keeps out: those of `contactIds` on
 * the card's filtered connections, or every row of one connection.
 */
export function pruneFilteredOut(db: Db, scope: { cardId: number; contactIds: number[] } | { connectionId: number }, now: number): number {
  const connections = filteredConnections(db, 'cardId' in scope ? { cardId: scope.cardId } : { connectionId: scope.connectionId });
  let dropped = 0;
  for (const connection of connections) {
    const rows = ('contactIds' in scope
      ? cachedStatement(db, `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE id IN (SELECT contact_id FROM outbox WHERE connection_id = ? AND contact_id IN (SELECT value FROM json_each(?)))`).all(connection.id, JSON.stringify(scope.contactIds))
      : cachedStatement(db, `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE id IN (SELECT contact_id FROM outbox WHERE connection_id = ?)`).all(connection.id)) as ContactRow[];
    const drop = cachedStatement(db, 'DELETE FROM outbox WHERE connection_id = ? AND contact_id = ?');
    for (const row of rows) {
      const contact = rowToContact(row);
      const reason = filterMismatch(contact, connection.filter);
      if (reason === null) continue;
      drop.run(connection.id, contact.id);
      dropped++;
      noteNoLongerSent(db, connection, contact.id, reason, now);
    }
  }
  return dropped;
}
