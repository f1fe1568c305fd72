import type { Db } from './db';

/** Where a connection's next pull starts (migration 005). The cursor is the connector's JSON. */
export interface PullCheckpoint {
  cursor: Record<string, unknown>;
  /** records that reached Ferry through this connection's pulls (created, changed or linked), for the card */
  pulled: number;
  lastPullAt: number | null;
}

export function readCheckpoint(db: Db, connectionId: number): PullCheckpoint {
  const row = db.prepare('SELECT cursor, pulled, last_pull_at FROM pull_checkpoints WHERE connection_id = ?').get(connectionId) as
    { cursor: string; pulled: number; last_pull_at: number | null } | undefined;
  if (!row) return { cursor: {}, pulled: 0, lastPullAt: null };
  let cursor: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(row.cursor);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) cursor = parsed as Record<string, unknown>;
  } catch {
    // an unreadable cursor starts a full pull again: matching makes that safe (links, no duplicates)
  }
  return { cursor, pulled: row.pulled, lastPullAt: row.last_pull_at };
}

/** Advances the cursor and adds the page's records that reached Ferry (`pulled`). Must run in the transaction that applied the page it follows. */
export function advanceCheckpoint(db: Db, connectionId: number, cursor: Record<string, unknown>, pulled: number, now: number): void {
  db.prepare(
    `INSERT INTO pull_checkpoints(connection_id, cursor, pulled, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(connection_id) DO UPDATE SET cursor = excluded.cursor, pulled = pulled + excluded.pulled, updated_at = excluded.updated_at`,
  ).run(connectionId, JSON.stringify(cursor), pulled, now);
}

export function markPulled(db: Db, connectionId: number, now: number): void {
  db.prepare(
    `INSERT INTO pull_checkpoints(connection_id, cursor, pulled, last_pull_at, updated_at) VALUES (?, '{}', 0, ?, ?)
     ON CONFLICT(connection_id) DO UPDATE SET last_pull_at = excluded.last_pull_at`,
  ).run(connectionId, now, now);
}
