import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/store/db';
import { migrations } from '../../main/store/migrations/index';
import { createCard } from '../../main/store/cards';
import { createContact } from '../../main/store/contacts';
import { emptyRunCounts, finishRun, recordEvent, startRun } from '../../main/store/sync-records';
import { connectionCounters, getRun, listEvents, listRuns } from '../../main/store/sync-log';
import { tempDir } from '../support/temp-dir';

describe('migration 008 (held counts) on a database written by version 7', () => {
  it('keeps every run and record outcome as it was, with nothing held, and then counts held contacts apart from rejections', () => {
    const dir = tempDir();
    const v7 = openDatabase(dir, { migrations: migrations.filter((m) => m.version <= 7) });
    const cardId = createCard(v7, 'Old').id;
    const contactId = createContact(v7, cardId, { firstName: 'Augusta', lastName: 'King', emails: [{ value: 'ada@example.com' }] }, { region: 'GB' }).id;
    const connectionId = Number(v7.prepare("INSERT INTO connections(card_id, kind, label, created_at, updated_at) VALUES (?, 'hubspot', 'HubSpot', 1, 1)").run(cardId).lastInsertRowid);
    const runId = Number(v7.prepare(`INSERT INTO sync_runs(connection_id, trigger, state, started_at, finished_at, planned, created, updated, deleted, marked, unchanged, failed, quarantined, api_calls, rate_limited, error)
      VALUES (?, 'manual', 'partial', 1000, 2000, 5, 2, 1, 1, 0, 0, 0, 1, 3, 0, 'HubSpot rejected 1 contact.')`).run(connectionId).lastInsertRowid);
    v7.prepare(`INSERT INTO sync_events(run_id, connection_id, contact_id, at, outcome, external_id, changes, message, crm_error)
      VALUES (?, ?, ?, 1500, 'quarantined', NULL, '[{"field":"email","old":null,"new":"ada@example.com"}]', 'Ada Lovelace (contact #1) in Ferry has the same e-mail address…', 'same e-mail as contact #1, which HubSpot matches on')`).run(runId, connectionId, contactId);
    v7.prepare(`INSERT INTO sync_events(run_id, connection_id, contact_id, at, outcome, external_id) VALUES (?, ?, ?, 1600, 'deleted', '901')`).run(runId, connectionId, contactId);
    v7.close();

    const db = openDatabase(dir);
    expect(getRun(db, runId)).toMatchObject({ planned: 5, created: 2, updated: 1, deleted: 1, quarantined: 1, held: 0, apiCalls: 3, state: 'partial', error: 'HubSpot rejected 1 contact.' });
    const before = listEvents(db, { connectionId, limit: 10, offset: 0 }).items;
    expect(before.map((e) => [e.id, e.runId, e.outcome, e.externalId, e.crmError])).toEqual([
      [2, runId, 'deleted', '901', null],
      [1, runId, 'quarantined', null, 'same e-mail as contact #1, which HubSpot matches on'],
    ]);
    expect(before[1]!.changes).toEqual([{ field: 'email', old: null, new: 'ada@example.com' }]);

    // a run written now counts a held contact as held, and its record says so
    const next = startRun(db, connectionId, 'manual', 3000);
    recordEvent(db, { runId: next, connectionId, contactId, outcome: 'held', message: 'Ada Lovelace (contact #1) in Ferry has the same e-mail address…', crmError: 'same e-mail as contact #1, which HubSpot matches on', at: 3100 });
    finishRun(db, next, 'partial', { ...emptyRunCounts(), planned: 1, held: 1 }, null, 3300);
    expect(listRuns(db, { connectionId, limit: 10, offset: 0 }).items.map((r) => [r.id, r.quarantined, r.held])).toEqual([[next, 0, 1], [runId, 1, 0]]);
    expect(listEvents(db, { runId: next, outcomes: ['held'], limit: 10, offset: 0 }).total).toBe(1);
    // a held contact is a problem of the day on the card, like a refusal
    expect(connectionCounters(db, connectionId, 3000).errorsToday).toBe(1);
    // deleting a run still takes its records with it (the rebuilt table keeps its foreign keys)
    db.prepare('DELETE FROM sync_runs WHERE id = ?').run(next);
    expect(listEvents(db, { connectionId, limit: 10, offset: 0 }).total).toBe(2);
    db.close();
  });
});
