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

interface OpenOptions {
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

function openDatabaseFile(file: string, options: OpenOptions = {}): Db {
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

class MigrationCheckError extends Error {
  constructor(file: string, what: string) {
    super(`Ferry could not upgrade ${file}: after the upgrade ${what}. Nothing was changed; please report this.`);
    this.name = 'MigrationCheckError';
  }
}

/**
 * Applies every pending migration in ONE immediate transaction that also sets
 * user_version, so a crash leaves the database either fully old or fully new.
 * The version is read again under the write lock: two processes opening an old
 * database at once migrate it once.
 *
 * When a pending migration rebuilds a table, foreign keys are switched off for
 * the whole transaction (they cannot be switched inside one) and checked before
 * it commits: a dangling reference or a failed integrity check rolls everything
 * back, leaving the old schema and data.
 */
function migrate(db: Db, file: string, list: readonly Migration[]): void {
  const known = list.length === 0 ? 0 : list[list.length - 1]!.version;
  const pendingAt = (current: number): Migration[] => {
    if (current > known) throw new NewerDatabaseError(file, current, known);
    return list.filter((m) => m.version > current);
  };
  const first = pendingAt(schemaVersion(db));
  if (first.length === 0) return;
  const rebuild = first.some((m) => m.rebuildsTables === true);
  if (rebuild) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const migration of pendingAt(schemaVersion(db))) db.exec(migration.up);
      if (rebuild) {
        const dangling = db.pragma('foreign_key_check') as unknown[];
        if (dangling.length > 0) throw new MigrationCheckError(file, `${dangling.length} rows point to rows that no longer exist`);
        const integrity = db.pragma('integrity_check', { simple: true });
        if (integrity !== 'ok') throw new MigrationCheckError(file, `the integrity check said: ${String(integrity)}`);
      }
      db.pragma(`user_version = ${known}`);
    }).immediate();
  } finally {
    if (rebuild) db.pragma('foreign_keys = ON');
  }
}

