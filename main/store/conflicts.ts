import type { Db } from './db';
import { cachedStatement } from './statement-cache';

/** A field both sides changed that the rules could not settle (migration 005). */
export interface Conflict {
  id: number;
  connectionId: number;
  contactId: number;
  field: string;
  ferryValue: string;
  crmValue: string;
  ferryChangedAt: number | null;
  crmChangedAt: number | null;
  state: 'open' | 'resolved';
  resolution: 'ferry' | 'crm' | 'value' | null;
  createdAt: number;
  resolvedAt: number | null;
}

interface ConflictRow {
  id: number; connection_id: number; contact_id: number; field: string; ferry_value: string; crm_value: string;
  ferry_changed_at: number | null; crm_changed_at: number | null; state: 'open' | 'resolved';
  resolution: 'ferry' | 'crm' | 'value' | null; created_at: number; resolved_at: number | null;
}

const toConflict = (r: ConflictRow): Conflict => ({
  id: r.id, connectionId: r.connection_id, contactId: r.contact_id, field: r.field, ferryValue: r.ferry_value, crmValue: r.crm_value,
  ferryChangedAt: r.ferry_changed_at, crmChangedAt: r.crm_changed_at, state: r.state, resolution: r.resolution,
  createdAt: r.created_at, resolvedAt: r.resolved_at,
});

/** Keeps (or refreshes) the open conflict of a field with both current values. */
export function keepConflict(db: Db, c: Omit<Conflict, 'id' | 'state' | 'resolution' | 'resolvedAt'>): void {
  cachedStatement(db,
    `INSERT INTO conflicts(connection_id, contact_id, field, ferry_value, crm_value, ferry_changed_at, crm_changed_at, state, created_at)
     VALUES (@connectionId, @contactId, @field, @ferryValue, @crmValue, @ferryChangedAt, @crmChangedAt, 'open', @createdAt)
     ON CONFLICT(connection_id, contact_id, field) WHERE state = 'open' DO UPDATE SET ferry_value = excluded.ferry_value,
       crm_value = excluded.crm_value, ferry_changed_at = excluded.ferry_changed_at, crm_changed_at = excluded.crm_changed_at`,
  ).run(c);
}

export function openConflictFields(db: Db, connectionId: number, contactId: number): Set<string> {
  const rows = cachedStatement(db, "SELECT field FROM conflicts WHERE connection_id = ? AND contact_id = ? AND state = 'open'").pluck().all(connectionId, contactId) as string[];
  return new Set(rows);
}

/** The CRM no longer disagrees (or the user changed the field): the open conflict is gone. */
export function dropOpenConflict(db: Db, connectionId: number, contactId: number, field: string): void {
  cachedStatement(db, "DELETE FROM conflicts WHERE connection_id = ? AND contact_id = ? AND field = ? AND state = 'open'").run(connectionId, contactId, field);
}

export function getConflict(db: Db, id: number): Conflict | undefined {
  const row = db.prepare('SELECT * FROM conflicts WHERE id = ?').get(id) as ConflictRow | undefined;
  return row && toConflict(row);
}

export function listConflicts(db: Db, f: { connectionId?: number | undefined; contactId?: number | undefined; state: 'open' | 'resolved' | 'all'; limit: number; offset: number }): { items: Conflict[]; total: number } {
  const where = `WHERE (@connectionId IS NULL OR connection_id = @connectionId) AND (@contactId IS NULL OR contact_id = @contactId)
     AND (@state = 'all' OR state = @state)`;
  const params = { connectionId: f.connectionId ?? null, contactId: f.contactId ?? null, state: f.state };
  const rows = db.prepare(`SELECT * FROM conflicts ${where} ORDER BY id LIMIT @limit OFFSET @offset`).all({ ...params, limit: f.limit, offset: f.offset }) as ConflictRow[];
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM conflicts ${where}`).get(params) as { n: number }).n;
  return { items: rows.map(toConflict), total };
}

export function countOpenConflicts(db: Db, connectionId: number): number {
  return (db.prepare("SELECT COUNT(*) AS n FROM conflicts WHERE connection_id = ? AND state = 'open'").get(connectionId) as { n: number }).n;
}

export function markResolved(db: Db, id: number, resolution: 'ferry' | 'crm' | 'value', now: number): void {
  db.prepare("UPDATE conflicts SET state = 'resolved', resolution = ?, resolved_at = ? WHERE id = ?").run(resolution, now, id);
}
