import type { Migration } from './types';

/**
 * Contacts a run set aside before any call, because another Ferry contact already has their
 * e-mail in a CRM that matches on it (main/sync/shared-email.ts), are counted as what they
 * are, not with the records the CRM refused: the CRM never saw them.
 * - `sync_runs.held`: how many a run set aside that way (worded once, in
 *   preload/status/run-sentences.ts: "set aside (same e-mail as another contact)");
 * - `sync_events.outcome` gains 'held', the same per record.
 * Runs and records written before keep their counts and outcomes as they were (a contact
 * held then still reads "rejected" in that old run). sync_events is rebuilt (SQLite's
 * create-copy-drop-rename procedure) because a CHECK constraint cannot be altered; rows keep
 * their ids, so nothing that names an event changes.
 */
export const heldCounts: Migration = {
  version: 8,
  name: 'sync runs and records count contacts held for a shared e-mail apart from rejections',
  rebuildsTables: true,
  up: `
ALTER TABLE sync_runs ADD COLUMN held INTEGER NOT NULL DEFAULT 0;

CREATE TABLE sync_events_new (
  id            INTEGER PRIMARY KEY,
  run_id        INTEGER REFERENCES sync_runs(id) ON DELETE CASCADE,
  connection_id INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  contact_id    INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  at            INTEGER NOT NULL,
  outcome       TEXT NOT NULL CHECK (outcome IN ('created', 'updated', 'deleted', 'marked', 'unchanged', 'failed', 'quarantined', 'held', 'conflict', 'skipped')),
  external_id   TEXT,
  changes       TEXT NOT NULL DEFAULT '[]',
  message       TEXT,
  crm_error     TEXT
) STRICT;
INSERT INTO sync_events_new(id, run_id, connection_id, contact_id, at, outcome, external_id, changes, message, crm_error)
  SELECT id, run_id, connection_id, contact_id, at, outcome, external_id, changes, message, crm_error FROM sync_events;
DROP TABLE sync_events;
ALTER TABLE sync_events_new RENAME TO sync_events;
CREATE INDEX sync_events_run ON sync_events(run_id);
CREATE INDEX sync_events_connection ON sync_events(connection_id, at);
CREATE INDEX sync_events_contact ON sync_events(contact_id);
`,
};
