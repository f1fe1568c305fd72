import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase, schemaVersion, type Db } from '../../main/store/db';
import { migrations } from '../../main/store/migrations/index';
import type { Migration } from '../../main/store/migrations/types';
import { createConnection } from '../../main/store/connections';
import { tempDir } from '../support/temp-dir';

const v1 = migrations.filter((m) => m.version === 1);
const TABLES = ['connections', 'sync_links', 'outbox', 'sync_runs', 'sync_events', 'leases'] as const;

/** A version-1 data folder with two connections that have links, queued work, runs, events and a lease. */
function populatedV1(extraSql = ''): string {
  const dir = tempDir();
  const db = openDatabase(dir, { migrations: v1 });
  db.exec(`
    INSERT INTO cards(id, name, created_at) VALUES (1, 'Card', 0);
    INSERT INTO contacts(id, card_id, uid, first_name, created_at, updated_at, version) VALUES
      (1, 1, 'u1', 'Ada', 0, 0, 2), (2, 1, 'u2', 'Grace', 0, 0, 1), (3, 1, 'u3', 'Linus', 0, 0, 1);
    INSERT INTO connections(id, card_id, kind, label, mode, created_at, updated_at) VALUES
      (1, 1, 'hubspot', 'HubSpot', 'manual', 0, 0), (2, 1, 'salesforce', 'Salesforce', 'automatic', 0, 0);
    INSERT INTO sync_links(connection_id, contact_id, external_id, payload_hash, synced_version, synced_at) VALUES
      (1, 1, 'hs-1', 'h', 1, 0), (1, 2, 'hs-2', 'h', 1, 0), (2, 1, 'sf-1', 'h', 2, 0);
    INSERT INTO outbox(connection_id, contact_id, contact_version, state, enqueued_at) VALUES (2, 3, 1, 'pending', 0), (2, 2, 1, 'quarantined', 0);
    INSERT INTO sync_runs(id, connection_id, trigger, state, started_at) VALUES (1, 1, 'manual', 'succeeded', 0), (2, 2, 'automatic', 'partial', 0);
    INSERT INTO sync_events(run_id, connection_id, contact_id, at, outcome) VALUES (1, 1, 1, 0, 'created'), (2, 2, 2, 0, 'quarantined');
    INSERT INTO leases(connection_id, holder, expires_at) VALUES (2, 'other', 0);
  ${extraSql}`);
  db.close();
  return dir;
}

function counts(db: Db): Record<string, number> {
  return Object.fromEntries(TABLES.map((t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n]));
}

describe('a migration that rebuilds a table', () => {
  it('rebuilds connections on a populated database: every link, outbox row, run, event and lease survives', () => {
    const dir = populatedV1();
    const before = new Database(path.join(dir, DATABASE_FILE));
    const expected = counts(before);
    before.close();

    const db = openDatabase(dir, { migrations: migrations.filter((m) => m.version <= 2) });
    expect(schemaVersion(db)).toBe(2);
    expect(counts(db)).toEqual(expected);
    expect(db.prepare('SELECT external_id FROM sync_links ORDER BY connection_id, contact_id').pluck().all()).toEqual(['hs-1', 'hs-2', 'sf-1']);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // the rebuilt table no longer limits kinds: a new destination is data, not a schema change
    expect(() => db.prepare(`INSERT INTO connections(card_id, kind, label, created_at, updated_at) VALUES (1, 'pipedrive', 'Pipedrive', 0, 0)`).run()).not.toThrow();
    db.close();
  });

  it('without switching foreign keys off the same rebuild would have deleted every link (why the option exists)', () => {
    const dir = populatedV1();
    const unsafe: Migration[] = [...v1, { ...migrations[1]!, rebuildsTables: false }];
    const db = openDatabase(dir, { migrations: unsafe });
    expect(counts(db).sync_links).toBe(0);
    db.close();
  });

  it('ids are never reused after the rebuild: a removed connection’s id does not come back', () => {
    const dir = populatedV1();
    const db = openDatabase(dir);
    const a = createConnection(db, { cardId: 1, kind: 'zapier', label: 'Zapier' });
    db.prepare('DELETE FROM connections WHERE id = ?').run(a.id);
    const b = createConnection(db, { cardId: 1, kind: 'webhook', label: 'Webhook' });
    expect(b.id).toBeGreaterThan(a.id);
    db.close();
  });

  it('a rebuild that leaves a dangling reference is rolled back: the old schema and data stay', () => {
    const dir = populatedV1();
    const breaking: Migration = {
      version: 2,
      name: 'drops a connection its links point to',
      rebuildsTables: true,
      up: `CREATE TABLE connections_new (id INTEGER PRIMARY KEY AUTOINCREMENT, card_id INTEGER NOT NULL, kind TEXT NOT NULL, label TEXT NOT NULL,
             status TEXT NOT NULL DEFAULT 'connected', mode TEXT NOT NULL DEFAULT 'manual', interval_minutes INTEGER, direction TEXT NOT NULL DEFAULT 'push',
             config TEXT NOT NULL DEFAULT '{}', mapping TEXT NOT NULL DEFAULT '{}', filter TEXT NOT NULL DEFAULT '{}', last_success_at INTEGER,
             last_error TEXT, last_error_detail TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, disconnected_at INTEGER) STRICT;
           INSERT INTO connections_new SELECT * FROM connections WHERE id = 1;
           DROP TABLE connections;
           ALTER TABLE connections_new RENAME TO connections;`,
    };
    expect(() => openDatabase(dir, { migrations: [...v1, breaking] })).toThrow(/could not upgrade.*no longer exist/);
    const db = openDatabase(dir, { migrations: v1 });
    expect(schemaVersion(db)).toBe(1);
    expect(counts(db)).toMatchObject({ connections: 2, sync_links: 3, outbox: 2 });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('migration 3 queues, for every mode, what the old version check called pending, and drops rows of deleted contacts', () => {
    const dir = populatedV1(`INSERT INTO contacts(id, card_id, uid, first_name, created_at, updated_at, version, deleted_at) VALUES (4, 1, 'u4', 'Gone', 0, 0, 2, 5);
      INSERT INTO outbox(connection_id, contact_id, contact_version, state, enqueued_at) VALUES (2, 4, 2, 'pending', 0);`);
    const db = openDatabase(dir);
    const rows = db.prepare('SELECT connection_id, contact_id, state FROM outbox ORDER BY connection_id, contact_id').raw().all();
    expect(rows).toEqual([
      // manual HubSpot: Ada changed since (version 2 > synced 1), Linus never sent; Grace is up to date
      [1, 1, 'pending'], [1, 3, 'pending'],
      // automatic Salesforce: Grace stays set aside, Linus stays queued, the deleted contact's row is gone
      [2, 2, 'quarantined'], [2, 3, 'pending'],
    ]);
    db.close();
  });
});
