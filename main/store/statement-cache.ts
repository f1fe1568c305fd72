import type Database from 'better-sqlite3';
import type { Db } from './db';

/**
 * Prepared statements per connection, keyed by their SQL. better-sqlite3
 * caches nothing itself, and compiling the same INSERT for every row of a
 * 100,000-row import costs more than running it.
 *
 * Only for statements used with run/get/all: a statement being iterated
 * cannot be used again until its iterator is done, so iterate() callers
 * prepare their own. Keyed weakly, so a closed and dropped Db takes its
 * statements with it.
 */
const caches = new WeakMap<Db, Map<string, Database.Statement>>();

export function cachedStatement(db: Db, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}
