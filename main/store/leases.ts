import os from 'node:os';
import type { Db } from './db';

/**
 * A lease per connection: two schedulers (the app and `ferry agent`) sharing a
 * data folder must never push the same connection at once. A lease expires on
 * its own, and a lease held by a dead process on this machine is taken over
 * at once (a crash must not block syncing for the whole lease time).
 */

export function makeHolderId(): string {
  return `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
}

function holderIsDeadLocally(holder: string): boolean {
  const [host, pidText] = holder.split(':');
  const pid = Number(pidText);
  if (host !== os.hostname() || !Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export function acquireLease(db: Db, connectionId: number, holder: string, now: number, ttlMs: number): boolean {
  return db.transaction(() => {
    const current = db.prepare('SELECT holder, expires_at FROM leases WHERE connection_id = ?').get(connectionId) as { holder: string; expires_at: number } | undefined;
    if (current && current.holder !== holder && current.expires_at > now && !holderIsDeadLocally(current.holder)) return false;
    db.prepare(
      'INSERT INTO leases(connection_id, holder, expires_at) VALUES (?, ?, ?) ON CONFLICT(connection_id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at',
    ).run(connectionId, holder, now + ttlMs);
    return true;
  }).immediate();
}

export function releaseLease(db: Db, connectionId: number, holder: string): void {
  db.prepare('DELETE FROM leases WHERE connection_id = ? AND holder = ?').run(connectionId, holder);
}
