import type { Db } from './db';
import { contactFilterSchema, parseStoredFilter, type ContactFilter } from '../filters/filter-schema';
import { enqueueUnsyncedForConnection } from './outbox';

/** The filter of a connection (`connections.filter`); the empty filter sends everyone. */
export function getConnectionFilter(db: Db, connectionId: number): ContactFilter {
  const row = db.prepare('SELECT filter FROM connections WHERE id = ?').get(connectionId) as { filter: string } | undefined;
  return parseStoredFilter(row?.filter);
}

/**
 * Stores a connection's filter and re-plans it in the same transaction: every
 * live contact the CRM does not hold as it is now is queued and those the filter
 * keeps out are dropped, so newly matching contacts are sent by the next sync and
 * contacts that stopped matching are logged, never deleted.
 * False when nothing changed.
 */
export function setConnectionFilter(db: Db, connectionId: number, filter: ContactFilter, now: number): boolean {
  const valid = contactFilterSchema.parse(filter);
  const text = JSON.stringify(valid);
  return db.transaction(() => {
    const current = db.prepare('SELECT filter FROM connections WHERE id = ?').get(connectionId) as { filter: string } | undefined;
    if (!current) throw new Error(`No connection ${connectionId}.`);
    if (JSON.stringify(parseStoredFilter(current.filter)) === text) return false;
    db.prepare('UPDATE connections SET filter = ?, updated_at = ? WHERE id = ?').run(text, now, connectionId);
    enqueueUnsyncedForConnection(db, connectionId, now);
    return true;
  }).immediate();
}
