import type { Migration } from './types';

/**
 * Deletes sent to a CRM are counted as what they are, not as updates:
 * - `sync_runs.deleted`: records a run removed in the CRM because their contact
 *   was deleted in Ferry (worded "archived" or "deleted" from the destination's
 *   descriptor, `deletes.removed`);
 * - `sync_runs.marked`: records kept there and marked "Deleted in Ferry" instead
 *   (the connection's deletes = tag, descriptor `deletes.marked`);
 * - `sync_events.outcome` gains 'deleted' and 'marked', the same two per record.
 * Runs and records written before keep their counts and outcomes as they were.
 * sync_events is rebuilt (SQLite's create-copy-drop-rename procedure) because a
 * CHECK constraint cannot be altered; rows keep their ids, so nothing that
 * names an event changes.
 */
export const deleteCounts: Migration = {
  version: 7,
  name: 'sync runs and records count deletes sent to a CRM apart from updates',
  rebuildsTables: true,
  up: `
ALTER TABLE sync_runs ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_runs ADD COLUMN marked INTEGER NOT NULL DEFAULT 0;

CREATE TABLE sync_events_new (
  id            INTEGER PRIMARY KEY,
  run_id        INTEGER REFERENCES sync_runs(id) ON DELETE CASCADE,
  connection_id INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  contact_id    INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  at            INTEGER NOT NULL,
  outcome       TEXT NOT NULL CHECK (outcome IN ('created', 'updated', 'deleted', 'marked', 'unchanged', 'failed', 'quarantined', 'conflict', 'skipped')),
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
