import type { Migration } from './types';

/**
 * `stamp_jobs`: the stamp jobs a CRM accepted to run later (Mailchimp's batch operations
 * that write FERRYID, main/crm/mailchimp/pull.ts), remembered so that a later pull reads
 * what became of them (main/pull/stamp-outcomes.ts) and says in the Sync log which stamps
 * the CRM refused. A row is the CRM's job id and how many records it stamps, never a
 * token or an address (Mailchimp's results address is signed and expires in minutes, so
 * it is asked for again each time). A row leaves when its outcome is read, when the CRM
 * no longer has it, or when it is older than Ferry asks (STAMP_JOB_HORIZON_MS).
 */
export const stampJobs: Migration = {
  version: 9,
  name: 'stamp jobs a CRM runs later, read back by a later pull',
  up: `
CREATE TABLE stamp_jobs (
  connection_id INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  job_id        TEXT NOT NULL,
  records       INTEGER NOT NULL CHECK (records >= 0),
  sent_at       INTEGER NOT NULL,
  PRIMARY KEY (connection_id, job_id)
) STRICT;
CREATE INDEX stamp_jobs_oldest ON stamp_jobs(connection_id, sent_at);
`,
};
