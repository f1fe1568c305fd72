import type { Migration } from './types';

/**
 * Rebuilds `connections` (SQLite's create-copy-drop-rename procedure) so that:
 * - ids are never reused (AUTOINCREMENT): a connection id names its keychain
 *   entries, its cached connector and its links; a failed or removed connection's
 *   id handed to the next one could give that one another CRM's secret;
 * - `kind` and `direction` are validated in code, not by a CHECK: a new
 *   destination is data (its descriptor), not a schema rebuild.
 * Runs with foreign keys off (see Migration.rebuildsTables), so dropping the old
 * table does not cascade into sync_links, outbox, runs, events or leases.
 */
export const connectionsAutoincrement: Migration = {
  version: 2,
  name: 'connections: ids never reused, kind checked in code',
  rebuildsTables: true,
  up: `
CREATE TABLE connections_new (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  card_id          INTEGER NOT NULL REFERENCES cards(id),
  kind             TEXT NOT NULL,
  label            TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'connected',
  mode             TEXT NOT NULL DEFAULT 'manual' CHECK (mode IN ('manual', 'automatic', 'scheduled')),
  interval_minutes INTEGER,
  direction        TEXT NOT NULL DEFAULT 'push',
  -- non-secret settings only (base URL, object, batch size); secrets live in the vault
  config           TEXT NOT NULL DEFAULT '{}',
  mapping          TEXT NOT NULL DEFAULT '{}',
  filter           TEXT NOT NULL DEFAULT '{}',
  last_success_at  INTEGER,
  last_error       TEXT,
  last_error_detail TEXT,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  disconnected_at  INTEGER
) STRICT;
INSERT INTO connections_new(id, card_id, kind, label, status, mode, interval_minutes, direction, config, mapping, filter,
    last_success_at, last_error, last_error_detail, created_at, updated_at, disconnected_at)
  SELECT id, card_id, kind, label, status, mode, interval_minutes, direction, config, mapping, filter,
    last_success_at, last_error, last_error_detail, created_at, updated_at, disconnected_at FROM connections;
DROP TABLE connections;
ALTER TABLE connections_new RENAME TO connections;
-- one active connection per destination kind per card
CREATE UNIQUE INDEX connections_one_active_kind ON connections(card_id, kind) WHERE disconnected_at IS NULL;
`,
};
