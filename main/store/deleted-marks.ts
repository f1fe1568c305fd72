import type { Db } from './db';
import { recordEvent } from './sync-records';
import { readSettingValue, writeSettingValue } from './settings';
import type { PendingDelete } from './delete-propagation';

/**
 * The CRM records Ferry kept and marked "Deleted in Ferry" (deletes set to
 * `tag`), per connection, so that restoring the contact clears the mark. Small
 * and short-lived (a record leaves the list once restored, forgotten or
 * unlinked), so it lives in the settings table, not in a table of its own.
 */
const key = (connectionId: number): string => `deletes.marked.${connectionId}`;

function marked(db: Db, connectionId: number): number[] {
  const value = readSettingValue(db, key(connectionId));
  return Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [];
}

/** The delete was sent as a mark: the link stays (the record is still there), the row is done, the run's history says it was marked. */
export function completeMarkedDelete(db: Db, connectionId: number, runId: number, item: PendingDelete, message: string, now: number): void {
  db.transaction(() => {
    db.prepare('DELETE FROM outbox WHERE connection_id = ? AND contact_id = ? AND contact_version <= ?').run(connectionId, item.contactId, item.version);
    recordEvent(db, { runId, connectionId, contactId: item.contactId, outcome: 'marked', externalId: item.externalId, message, at: now });
    const list = marked(db, connectionId);
    if (!list.includes(item.contactId)) writeSettingValue(db, key(connectionId), [...list, item.contactId]);
  })();
}

export interface PendingUnmark {
  contactId: number;
  externalId: string;
}

/** Marked records whose contact is live again (restored) and still linked: their mark must be cleared. */
export function pendingUnmarks(db: Db, connectionId: number): PendingUnmark[] {
  const list = marked(db, connectionId);
  if (list.length === 0) return [];
  return db.prepare(
    `SELECT l.contact_id AS contactId, l.external_id AS externalId FROM sync_links l JOIN contacts k ON k.id = l.contact_id AND k.deleted_at IS NULL
      WHERE l.connection_id = ? AND l.external_id IS NOT NULL AND l.contact_id IN (SELECT value FROM json_each(?)) ORDER BY l.contact_id`,
  ).all(connectionId, JSON.stringify(list)) as PendingUnmark[];
}

/** The mark was cleared (an update of the kept record): the record leaves the list and the run's history says so. */
export function completeUnmark(db: Db, connectionId: number, runId: number, item: PendingUnmark, message: string, now: number): void {
  db.transaction(() => {
    writeSettingValue(db, key(connectionId), marked(db, connectionId).filter((id) => id !== item.contactId));
    recordEvent(db, { runId, connectionId, contactId: item.contactId, outcome: 'updated', externalId: item.externalId, message, at: now });
  })();
}
