import type { Migration } from './types';

/**
 * Pull and two-way sync (docs/pull.md):
 * - `pull_checkpoints`: where the next pull of a connection starts. The cursor is
 *   the connector's own JSON (a list page, a search window); it is written in the
 *   transaction that applies the page it follows, so a crash or going offline
 *   resumes at the first page not applied, never skips one.
 * - `field_rules`: who wins per connection and Ferry field ('*' = the default).
 * - `conflicts`: a field both sides changed that the rules could not settle, with
 *   both values; at most one open per (connection, contact, field).
 * - `contact_history`: every change the CRM made to a contact (and every
 *   resolution), old → new, and where it came from (NULL connection = Ferry).
 * - `potential_duplicates`: CRM records that look like a contact without a sure match.
 * - `sync_runs.kind`: 'push' or 'pull', so pulls appear in the Sync log as pulls.
 */
export const pull: Migration = {
  version: 5,
  name: 'pull: checkpoints, two-way rules, conflicts, history, potential duplicates',
  up: `
CREATE TABLE pull_checkpoints (
  connection_id INTEGER PRIMARY KEY REFERENCES connections(id) ON DELETE CASCADE,
  cursor        TEXT NOT NULL DEFAULT '{}',
  pulled        INTEGER NOT NULL DEFAULT 0,
  last_pull_at  INTEGER,
  updated_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE field_rules (
  connection_id INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  field         TEXT NOT NULL,
  rule          TEXT NOT NULL,
  PRIMARY KEY (connection_id, field)
) STRICT;

CREATE TABLE conflicts (
  id               INTEGER PRIMARY KEY,
  connection_id    INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  contact_id       INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  field            TEXT NOT NULL,
  ferry_value      TEXT NOT NULL,
  crm_value        TEXT NOT NULL,
  ferry_changed_at INTEGER,
  crm_changed_at   INTEGER,
  state            TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved')),
  resolution       TEXT CHECK (resolution IN ('ferry', 'crm', 'value')),
  created_at       INTEGER NOT NULL,
  resolved_at      INTEGER
) STRICT;
CREATE UNIQUE INDEX conflicts_open_field ON conflicts(connection_id, contact_id, field) WHERE state = 'open';
CREATE INDEX conflicts_contact ON conflicts(contact_id);

CREATE TABLE contact_history (
  id            INTEGER PRIMARY KEY,
  contact_id    INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  at            INTEGER NOT NULL,
  field         TEXT NOT NULL,
  old_value     TEXT,
  new_value     TEXT,
  connection_id INTEGER REFERENCES connections(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX contact_history_contact ON contact_history(contact_id, at);

CREATE TABLE potential_duplicates (
  contact_id    INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  connection_id INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  external_id   TEXT NOT NULL,
  why           TEXT NOT NULL,
  crm_name      TEXT NOT NULL DEFAULT '',
  crm_email     TEXT NOT NULL DEFAULT '',
  found_at      INTEGER NOT NULL,
  PRIMARY KEY (contact_id, connection_id, external_id)
) STRICT;

ALTER TABLE sync_runs ADD COLUMN kind TEXT NOT NULL DEFAULT 'push';
`,
};
