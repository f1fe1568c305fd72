import type { Db } from './db';
import { cachedStatement } from './statement-cache';

/** What changed a contact, field by field (migration 005). `connectionId` null = Ferry itself. */
export interface HistoryEntry {
  id: number;
  contactId: number;
  at: number;
  field: string;
  old: string | null;
  new: string | null;
  connectionId: number | null;
  connectionLabel: string | null;
}

/** Must run in the transaction that changed the contact. */
export function recordHistory(db: Db, e: { contactId: number; at: number; field: string; old: string | null; new: string | null; connectionId: number | null }): void {
  cachedStatement(db, 'INSERT INTO contact_history(contact_id, at, field, old_value, new_value, connection_id) VALUES (?, ?, ?, ?, ?, ?)')
    .run(e.contactId, e.at, e.field, e.old, e.new, e.connectionId);
}

export function listHistory(db: Db, contactId: number, limit: number): HistoryEntry[] {
  const rows = db.prepare(
    `SELECT h.id, h.contact_id, h.at, h.field, h.old_value, h.new_value, h.connection_id, c.label
       FROM contact_history h LEFT JOIN connections c ON c.id = h.connection_id
      WHERE h.contact_id = ? ORDER BY h.at DESC, h.id DESC LIMIT ?`,
  ).all(contactId, limit) as { id: number; contact_id: number; at: number; field: string; old_value: string | null; new_value: string | null; connection_id: number | null; label: string | null }[];
  return rows.map((r) => ({ id: r.id, contactId: r.contact_id, at: r.at, field: r.field, old: r.old_value, new: r.new_value, connectionId: r.connection_id, connectionLabel: r.label }));
}
