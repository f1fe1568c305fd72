import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/store/db';
import { migrations } from '../../main/store/migrations/index';
import { createCard } from '../../main/store/cards';
import { createContact } from '../../main/store/contacts';
import { finishRun, recordEvent, startRun } from '../../main/store/sync-records';
import { getRun, listEvents, listRuns } from '../../main/store/sync-log';
import { tempDir } from '../support/temp-dir';

describe('migration 007 (delete counts) on a database written by version 6', () => {
  it('keeps every run and record outcome as it was, with no delete counted, and then takes deletes apart from updates', () => {
    const dir = tempDir();
    const v6 = openDatabase(dir, { migrations: migrations.filter((m) => m.version <= 6) });
    const cardId = createCard(v6, 'Old').id;
    const contactId = createContact(v6, cardId, { firstName: 'Ada', lastName: 'Byron' }, { region: 'GB' }).id;
    const connectionId = Number(v6.prepare("INSERT INTO connections(card_id, kind, label, created_at, updated_at) VALUES (?, 'hubspot', 'HubSpot', 1, 1)").run(cardId).lastInsertRowid);
    const runId = Number(v6.prepare(`INSERT INTO sync_runs(connection_id, trigger, state, started_at, finished_at, planned, created, updated, unchanged, failed, quarantined, api_calls, rate_limited, error)
      VALUES (?, 'manual', 'partial', 1000, 2000, 5, 2, 2, 0, 0, 1, 3, 1, 'HubSpot rejected 1 contact.')`).run(connectionId).lastInsertRowid);
    v6.prepare(`INSERT INTO sync_events(run_id, connection_id, contact_id, at, outcome, external_id, changes, message, crm_error)
      VALUES (?, ?, ?, 1500, 'updated', '901', '[{"field":"jobtitle","old":"A","new":"B"}]', NULL, NULL)`).run(runId, connectionId, contactId);
    v6.prepare(`INSERT INTO sync_events(run_id, connection_id, contact_id, at, outcome, external_id, message)
      VALUES (NULL, ?, ?, 1600, 'updated', '901', 'Deleted in Ferry, archived in HubSpot.')`).run(connectionId, contactId);
    v6.close();

    const db = openDatabase(dir);
    expect(getRun(db, runId)).toMatchObject({ planned: 5, created: 2, updated: 2, deleted: 0, marked: 0, quarantined: 1, apiCalls: 3, rateLimited: 1, state: 'partial', error: 'HubSpot rejected 1 contact.' });
    const before = listEvents(db, { connectionId, limit: 10, offset: 0 }).items;
    expect(before.map((e) => [e.runId, e.outcome, e.externalId, e.message])).toEqual([
      [null, 'updated', '901', 'Deleted in Ferry, archived in HubSpot.'],
      [runId, 'updated', '901', null],
    ]);
    expect(before[1]!.changes).toEqual([{ field: 'jobtitle', old: 'A', new: 'B' }]);

    // a run written now keeps its deletes apart, and its records may say so
    const next = startRun(db, connectionId, 'manual', 3000);
    recordEvent(db, { runId: next, connectionId, contactId, outcome: 'deleted', externalId: '901', message: 'Deleted in Ferry, archived in HubSpot.', at: 3100 });
    recordEvent(db, { runId: next, connectionId, contactId, outcome: 'marked', externalId: '902', message: 'Deleted in Ferry, kept in HubSpot and marked "Deleted in Ferry".', at: 3200 });
    finishRun(db, next, 'succeeded', { planned: 2, created: 0, updated: 0, deleted: 1, marked: 1, unchanged: 0, failed: 0, quarantined: 0, held: 0, apiCalls: 2, rateLimited: 0 }, null, 3300);
    expect(listRuns(db, { connectionId, limit: 10, offset: 0 }).items.map((r) => [r.id, r.updated, r.deleted, r.marked])).toEqual([[next, 0, 1, 1], [runId, 2, 0, 0]]);
    expect(listEvents(db, { runId: next, outcomes: ['deleted', 'marked'], limit: 10, offset: 0 }).total).toBe(2);
    // deleting a run still takes its records with it (the rebuilt table keeps its foreign keys)
    db.prepare('DELETE FROM sync_runs WHERE id = ?').run(next);
    expect(listEvents(db, { connectionId, limit: 10, offset: 0 }).total).toBe(2);
    db.close();
  });
});
