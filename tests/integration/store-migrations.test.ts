import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE, NewerDatabaseError, openDatabase, schemaVersion } from '../../main/store/db';
import { LATEST_SCHEMA_VERSION, migrations } from '../../main/store/migrations/index';
import { tempDir } from '../support/temp-dir';

describe('migrations on a real database file', () => {
  it('a new data folder gets the latest schema, WAL and foreign keys', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    for (const t of ['cards', 'contacts', 'connections', 'sync_links', 'outbox', 'sync_runs', 'sync_events', 'settings', 'leases', 'contacts_fts']) {
      expect(tables).toContain(t);
    }
    db.close();
  });

  it.each(migrations.map((m) => [m.version, m.name, m] as const))('migration %i (%s) applies on the previous schema and its tables are STRICT', (version, _name, migration) => {
    const dir = tempDir();
    const before = openDatabase(dir, { migrations: migrations.filter((m) => m.version < version) });
    expect(schemaVersion(before)).toBe(version - 1);
    before.close();
    const after = openDatabase(dir, { migrations: migrations.filter((m) => m.version <= migration.version) });
    expect(schemaVersion(after)).toBe(version);
    // every ordinary table (not FTS's own, not SQLite's) is STRICT after each migration
    const tables = after.prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'contacts_fts%'",
    ).all() as { name: string; sql: string }[];
    for (const t of tables) expect([t.name, t.sql.trim().endsWith('STRICT')]).toEqual([t.name, true]);
    after.close();
  });

  it('reopening an up-to-date database changes nothing', () => {
    const dir = tempDir();
    openDatabase(dir).close();
    const db = openDatabase(dir);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('refuses a database written by a newer Ferry, with a clear sentence, and leaves it untouched', () => {
    const dir = tempDir();
    openDatabase(dir).close();
    const raw = new Database(path.join(dir, DATABASE_FILE));
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    expect(() => openDatabase(dir)).toThrow(NewerDatabaseError);
    expect(() => openDatabase(dir)).toThrow(/newer version of Ferry/);
    const check = new Database(path.join(dir, DATABASE_FILE));
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 5);
    check.close();
  });

  it('a failing migration leaves the database at the old version (one transaction)', () => {
    const dir = tempDir();
    openDatabase(dir).close();
    const broken = [...migrations, { version: LATEST_SCHEMA_VERSION + 1, name: 'broken', up: 'CREATE TABLE fine (x INTEGER) STRICT; THIS IS NOT SQL;' }];
    expect(() => openDatabase(dir, { migrations: broken })).toThrow();
    const db = openDatabase(dir);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'fine'").get()).toBeUndefined();
    db.close();
  });
});
