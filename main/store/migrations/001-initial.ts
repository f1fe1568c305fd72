import type { Migration } from './types';

/**
 * The first schema. Timestamps are milliseconds since the epoch (INTEGER);
 * structured fields are JSON text validated by zod when read back.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial schema',
  up: `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE cards (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE contacts (
  id            INTEGER PRIMARY KEY,
  card_id       INTEGER NOT NULL REFERENCES cards(id),
  -- time-ordered (UUIDv7), so this unique index is appended to rather than split at random
  uid           TEXT NOT NULL UNIQUE,
  first_name    TEXT NOT NULL DEFAULT '',
  last_name     TEXT NOT NULL DEFAULT '',
  emails        TEXT NOT NULL DEFAULT '[]',
  phones        TEXT NOT NULL DEFAULT '[]',
  company       TEXT NOT NULL DEFAULT '',
  title         TEXT NOT NULL DEFAULT '',
  website       TEXT NOT NULL DEFAULT '',
  addresses     TEXT NOT NULL DEFAULT '[]',
  notes         TEXT NOT NULL DEFAULT '',
  tags          TEXT NOT NULL DEFAULT '[]',
  custom_fields TEXT NOT NULL DEFAULT '{}',
  meeting_at    TEXT,
  meeting_place TEXT NOT NULL DEFAULT '',
  meeting_event TEXT NOT NULL DEFAULT '',
  meeting_notes TEXT NOT NULL DEFAULT '',
  source        TEXT NOT NULL DEFAULT 'manual',
  avatar        BLOB,
  logo          BLOB,
  -- normalised first e-mail (trimmed, lower-cased): how imports and CRMs match
  email_key     TEXT,
  -- lower-cased name|company|first E.164 phone: the match when there is no e-mail
  identity_key  TEXT,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  deleted_at    INTEGER,
  version       INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX contacts_card ON contacts(card_id, deleted_at);
CREATE INDEX contacts_email_key ON contacts(card_id, email_key) WHERE email_key IS NOT NULL;
CREATE INDEX contacts_identity_key ON contacts(card_id, identity_key) WHERE identity_key IS NOT NULL;

-- Full-text search, maintained by triggers so that no write path can forget it.
-- E-mails and tags are indexed by their values only (ferry_search_values, which
-- every Ferry process registers): the JSON around them ("label", "work") must
-- not make every contact match "work".
-- Contentless: it keeps only the index (matches and ranks by rowid); the text
-- lives once, in contacts. contentless_delete lets the triggers delete by rowid.
-- No prefix indexes: prefix queries find the same rows without them, ranking
-- the hits is what costs (measured on 100,000 contacts: the same p95), and
-- they would multiply the index writes of every contact write by four.
CREATE VIRTUAL TABLE contacts_fts USING fts5(
  name, emails, company, notes, tags,
  tokenize = 'unicode61 remove_diacritics 2',
  content = '',
  contentless_delete = 1
);
CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN
  INSERT INTO contacts_fts(rowid, name, emails, company, notes, tags)
  VALUES (new.id, new.first_name || ' ' || new.last_name, ferry_search_values(new.emails), new.company, new.notes, ferry_search_values(new.tags));
END;
CREATE TRIGGER contacts_fts_update AFTER UPDATE OF first_name, last_name, emails, company, notes, tags ON contacts BEGIN
  DELETE FROM contacts_fts WHERE rowid = old.id;
  INSERT INTO contacts_fts(rowid, name, emails, company, notes, tags)
  VALUES (new.id, new.first_name || ' ' || new.last_name, ferry_search_values(new.emails), new.company, new.notes, ferry_search_values(new.tags));
END;
CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN
  DELETE FROM contacts_fts WHERE rowid = old.id;
END;

CREATE TABLE connections (
  id               INTEGER PRIMARY KEY,
  card_id          INTEGER NOT NULL REFERENCES cards(id),
  kind             TEXT NOT NULL CHECK (kind IN ('hubspot', 'salesforce', 'zapier', 'webhook')),
  label            TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'connected',
  mode             TEXT NOT NULL DEFAULT 'manual' CHECK (mode IN ('manual', 'automatic', 'scheduled')),
  interval_minutes INTEGER,
  direction        TEXT NOT NULL DEFAULT 'push' CHECK (direction IN ('push')),
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
-- one active connection per CRM kind per card
CREATE UNIQUE INDEX connections_one_active_kind ON connections(card_id, kind) WHERE disconnected_at IS NULL;

CREATE TABLE sync_links (
  connection_id INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  contact_id    INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  external_id   TEXT,
  payload_hash  TEXT,
  -- the payload last sent, so a change can be logged as old -> new per field
  payload       TEXT NOT NULL DEFAULT '{}',
  -- connector-specific ids that belong to this link (a HubSpot note id, ...)
  aux           TEXT NOT NULL DEFAULT '{}',
  -- the contact version whose payload was last confirmed by the CRM; a contact
  -- whose version still equals it needs no planning at all
  synced_version INTEGER,
  synced_at     INTEGER,
  PRIMARY KEY (connection_id, contact_id)
) STRICT;
CREATE INDEX sync_links_external ON sync_links(connection_id, external_id);

-- Pending work, written in the same transaction as the contact change that
-- caused it and coalesced per (connection, contact).
CREATE TABLE outbox (
  connection_id   INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  contact_id      INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  contact_version INTEGER NOT NULL,
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'quarantined')),
  enqueued_at     INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,
  PRIMARY KEY (connection_id, contact_id)
) STRICT;
CREATE INDEX outbox_due ON outbox(connection_id, state, next_attempt_at);

CREATE TABLE sync_runs (
  id            INTEGER PRIMARY KEY,
  connection_id INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  trigger       TEXT NOT NULL,
  state         TEXT NOT NULL DEFAULT 'running',
  started_at    INTEGER NOT NULL,
  finished_at   INTEGER,
  planned       INTEGER NOT NULL DEFAULT 0,
  created       INTEGER NOT NULL DEFAULT 0,
  updated       INTEGER NOT NULL DEFAULT 0,
  unchanged     INTEGER NOT NULL DEFAULT 0,
  failed        INTEGER NOT NULL DEFAULT 0,
  quarantined   INTEGER NOT NULL DEFAULT 0,
  api_calls     INTEGER NOT NULL DEFAULT 0,
  rate_limited  INTEGER NOT NULL DEFAULT 0,
  error         TEXT
) STRICT;
CREATE INDEX sync_runs_connection ON sync_runs(connection_id, started_at);

CREATE TABLE sync_events (
  id            INTEGER PRIMARY KEY,
  run_id        INTEGER REFERENCES sync_runs(id) ON DELETE CASCADE,
  connection_id INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  contact_id    INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  at            INTEGER NOT NULL,
  outcome       TEXT NOT NULL CHECK (outcome IN ('created', 'updated', 'unchanged', 'failed', 'quarantined', 'conflict', 'skipped')),
  external_id   TEXT,
  changes       TEXT NOT NULL DEFAULT '[]',
  message       TEXT,
  crm_error     TEXT
) STRICT;
CREATE INDEX sync_events_run ON sync_events(run_id);
CREATE INDEX sync_events_connection ON sync_events(connection_id, at);
CREATE INDEX sync_events_contact ON sync_events(contact_id);

-- Two schedulers (the app and 'ferry agent') must never push the same
-- connection at once: whoever holds an unexpired lease runs.
CREATE TABLE leases (
  connection_id INTEGER PRIMARY KEY REFERENCES connections(id) ON DELETE CASCADE,
  holder        TEXT NOT NULL,
  expires_at    INTEGER NOT NULL
) STRICT;
`,
};
