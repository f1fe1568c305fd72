import type { Db } from './db';

/**
 * Stamp jobs a CRM runs later (migration 009), per connection, oldest first.
 * Written when the CRM accepted them; removed when a pull read their outcome or
 * gave them up (main/pull/stamp-outcomes.ts).
 */
export interface StampJob {
  id: string;
  /** how many records the job stamps */
  records: number;
  sentAt: number;
}

export function rememberStampJobs(db: Db, connectionId: number, jobs: readonly { id: string; records: number }[], now: number): void {
  const insert = db.prepare('INSERT OR IGNORE INTO stamp_jobs(connection_id, job_id, records, sent_at) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (const job of jobs) insert.run(connectionId, job.id, job.records, now);
  })();
}

/** The oldest `limit` jobs still to be read back. */
export function pendingStampJobs(db: Db, connectionId: number, limit: number): StampJob[] {
  return db.prepare('SELECT job_id AS id, records, sent_at AS sentAt FROM stamp_jobs WHERE connection_id = ? ORDER BY sent_at, rowid LIMIT ?')
    .all(connectionId, limit) as StampJob[];
}

export function forgetStampJob(db: Db, connectionId: number, jobId: string): void {
  db.prepare('DELETE FROM stamp_jobs WHERE connection_id = ? AND job_id = ?').run(connectionId, jobId);
}

export function countStampJobs(db: Db, connectionId: number): number {
  return db.prepare('SELECT COUNT(*) FROM stamp_jobs WHERE connection_id = ?').pluck().get(connectionId) as number;
}
