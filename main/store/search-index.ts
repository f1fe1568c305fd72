import type { Db } from './db';

const FTS_INSERT_TRIGGER = 'contacts_fts_insert';
/** What the trigger indexes; if a migration changes it, bulk indexing steps aside rather than index differently. */
const FTS_INSERT_VALUES = "VALUES (new.id, new.first_name || ' ' || new.last_name, ferry_search_values(new.emails), new.company, new.notes, ferry_search_values(new.tags))";
const squash = (sql: string): string => sql.replace(/\s+/g, ' ');

/** FTS5's own default for 'automerge' (segments merged per level), used when the table has no stored setting. */
const DEFAULT_AUTOMERGE = 4;
/** While bulk filling, level-0 segments are merged 16 at a time instead of 4: a third less work, same search speed. */
const BULK_AUTOMERGE = 16;

/**
 * Runs a bulk insert with the search index filled once at the end instead of
 * by the per-row trigger: FTS5 flushes its pending terms at every statement
 * savepoint, which makes trigger-fed inserts about three times slower than one
 * INSERT ... SELECT. Must be called inside the caller's write transaction, so
 * no other connection ever sees the trigger missing (or the bulk merge
 * setting), and a rollback restores both. The trigger is re-created from its
 * own stored SQL, whatever migration wrote it.
 */
export function withDeferredSearchIndex<T>(db: Db, fn: () => T): T {
  if (!db.inTransaction) throw new Error('withDeferredSearchIndex must run inside a write transaction.');
  const trigger = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(FTS_INSERT_TRIGGER) as { sql: string } | undefined;
  if (!trigger || !squash(trigger.sql).includes(FTS_INSERT_VALUES)) return fn();
  const { maxId } = db.prepare('SELECT COALESCE(MAX(id), 0) AS maxId FROM contacts').get() as { maxId: number };
  db.exec(`DROP TRIGGER ${FTS_INSERT_TRIGGER}`);
  try {
    return fn();
  } finally {
    const automerge = storedAutomerge(db);
    setAutomerge(db, BULK_AUTOMERGE);
    // Rows updated after their insert were indexed by the update trigger already.
    db.prepare(
      `INSERT INTO contacts_fts(rowid, name, emails, company, notes, tags)
       SELECT id, first_name || ' ' || last_name, ferry_search_values(emails), company, notes, ferry_search_values(tags) FROM contacts
        WHERE id > ? AND id NOT IN (SELECT rowid FROM contacts_fts WHERE rowid > ?)`,
    ).run(maxId, maxId);
    setAutomerge(db, automerge);
    db.exec(trigger.sql);
  }
}

function storedAutomerge(db: Db): number {
  const row = db.prepare("SELECT v FROM contacts_fts_config WHERE k = 'automerge'").get() as { v: unknown } | undefined;
  return typeof row?.v === 'number' ? row.v : DEFAULT_AUTOMERGE;
}

function setAutomerge(db: Db, segments: number): void {
  // FTS5 wants an INTEGER here, and better-sqlite3 binds JS numbers as REAL.
  db.prepare("INSERT INTO contacts_fts(contacts_fts, rank) VALUES ('automerge', ?)").run(BigInt(Math.trunc(segments)));
}
