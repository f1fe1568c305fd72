import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/store/db';
import { migrations } from '../../main/store/migrations/index';
import { createCard } from '../../main/store/cards';
import { createConnection } from '../../main/store/connections';
import { startRun } from '../../main/store/sync-records';
import { readCheckpoint } from '../../main/store/pull-checkpoints';
import { tempDir } from '../support/temp-dir';

describe('migration 005 (pull) on a database written by version 4', () => {
  it('keeps the runs and connections it finds: runs read as pushes, connections as push, no checkpoint yet', () => {
    const dir = tempDir();
    const v4 = openDatabase(dir, { migrations: migrations.filter((m) => m.version <= 4) });
    const cardId = createCard(v4, 'Old').id;
    const id = Number(v4.prepare("INSERT INTO connections(card_id, kind, label, created_at, updated_at) VALUES (?, 'hubspot', 'HubSpot', 1, 1)").run(cardId).lastInsertRowid);
    startRun(v4, id, 'manual', 5);
    v4.close();

    const db = openDatabase(dir);
    expect(db.prepare('SELECT kind FROM sync_runs').pluck().all()).toEqual(['push']);
    expect(readCheckpoint(db, id)).toEqual({ cursor: {}, pulled: 0, lastPullAt: null });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    for (const t of ['pull_checkpoints', 'field_rules', 'conflicts', 'contact_history', 'potential_duplicates']) expect(tables).toContain(t);
    // a direction the code does not know reads as push, the safe direction
    db.prepare("UPDATE connections SET direction = 'sideways' WHERE id = ?").run(id);
    expect(createConnection(db, { cardId: createCard(db, 'New').id, kind: 'hubspot', label: 'H', direction: 'two-way' }).direction).toBe('two-way');
    expect((db.prepare('SELECT direction FROM connections WHERE id = ?').pluck().get(id))).toBe('sideways');
    db.close();
  });
});
