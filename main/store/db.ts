import Database from 'better-sqlite3';
import path from 'node:path';
import { migrations } from './migrations/index';
import type { Migration } from './migrations/types';
import { registerSearchFunctions } from './search-values';
import { createPrivateFile, ensurePrivateDir, restrictDatabaseFiles } from './private-files';

export type Db = Database.Database;

export class NewerDatabaseError extends Error {
  constructor(file: string, found: number, known: number) {
    super(
      `This data folder was written by a newer version of Ferry (schema ${found}; this version knows up to ${known}). ` +
        `Update Ferry to open ${file}; nothing was changed.`,
    );
    this.name = 'NewerDatabaseError';
  }
}

export interface OpenOptions {
  /** for tests of individual migrations */
  migrations?: readonly Migration[];
  readonly?: boolean;
}

export const DATABASE_FILE = 'ferry.sqlite';

/**
 * Opens (creating if needed) the Ferry database in a data folder and brings its
 * schema up to date. Several processes (app, agent, CLI) may open the same file:
 * WAL plus a busy timeout keeps them consistent.
 */
export function openDatabase(dataDir: string, options: OpenOptions = {}): Db {
  ensurePrivateDir(dataDir);
  const file = path.join(dataDir, DATABASE_FILE);
  return openDatabaseFile(file, options);
}

export function openDatabaseFile(file: string, options: OpenOptions = {}): Db {
  if (!options.readonly) createPrivateFile(file);
  const db = new Database(file, { readonly: options.readonly ?? false });
  try {
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      restrictDatabaseFiles(file);
    }
    db.pragma('foreign_keys = ON');
    // before migrating: the search-index triggers call it
    registerSearchFunctions(db);
    migrate(db, file, options.migrations ?? migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every pending migration in ONE immediate transaction that also sets
 * user_version, so a crash leaves the database either fully old or fully new.
 */
export function migrate(db: Db, file: string, list: readonly Migration[]): void {
  const known = list.length === 0 ? 0 : list[list.length - 1]!.version;
  const current = schemaVersion(db);
  if (current > known) throw new NewerDatabaseError(file, current, known);
  const pending = list.filter((m) => m.version > current);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) db.exec(migration.up);
    db.pragma(`user_version = ${known}`);
  }).immediate();
}

/** Runs fn in an IMMEDIATE transaction (takes the write lock up front, so two processes never deadlock on upgrade). */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}
