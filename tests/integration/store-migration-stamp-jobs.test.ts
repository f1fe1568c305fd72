import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/store/db';
import { migrations } from '../../main/store/migrations/index';
import { createCard } from '../../main/store/cards';
import { countStampJobs, forgetStampJob, pendingStampJobs, rememberStampJobs } from '../../main/store/stamp-jobs';
import { tempDir } from '../support/temp-dir';

describe('migration 009 (stamp jobs) on a database written by version 8', () => {
  it('adds an empty list of stamp jobs per connection, oldest first, gone with its connection', () => {
    const dir = tempDir();
    const v8 = openDatabase(dir, { migrations: migrations.filter((m) => m.version <= 8) });
    const cardId = createCard(v8, 'Old').id;
    const connectionId = Number(v8.prepare("INSERT INTO connections(card_id, kind, label, created_at, updated_at) VALUES (?, 'mailchimp', 'Mailchimp', 1, 1)").run(cardId).lastInsertRowid);
    v8.close();

    const db = openDatabase(dir);
    expect(countStampJobs(db, connectionId)).toBe(0);
    rememberStampJobs(db, connectionId, [{ id: 'b2', records: 500 }], 2_000);
    rememberStampJobs(db, connectionId, [{ id: 'b1', records: 120 }], 1_000);
    // the same batch id remembered twice (a pull's answer seen again) is one job
    rememberStampJobs(db, connectionId, [{ id: 'b1', records: 120 }], 3_000);
    expect(pendingStampJobs(db, connectionId, 10)).toEqual([{ id: 'b1', records: 120, sentAt: 1_000 }, { id: 'b2', records: 500, sentAt: 2_000 }]);
    expect(pendingStampJobs(db, connectionId, 1).map((j) => j.id)).toEqual(['b1']);
    forgetStampJob(db, connectionId, 'b1');
    expect(pendingStampJobs(db, connectionId, 10).map((j) => j.id)).toEqual(['b2']);
    // a job id is text and nothing else: no token, no address is stored
    expect(db.prepare("SELECT name FROM pragma_table_info('stamp_jobs') ORDER BY cid").pluck().all()).toEqual(['connection_id', 'job_id', 'records', 'sent_at']);
    db.prepare('DELETE FROM connections WHERE id = ?').run(connectionId);
    expect(countStampJobs(db, connectionId)).toBe(0);
    db.close();
  });
});
