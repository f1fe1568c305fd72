import type { Migration } from './types';

/**
 * The outbox becomes the one definition of pending work, for every mode.
 * Until now it was written only for Automatic connections while the planner
 * compared versions, so the two disagreed. This queues what the version check
 * considered pending (never confirmed, or changed since) for every active
 * connection, and drops rows that can never be sent: deleted contacts (their
 * rows started empty runs forever) and demo contacts queued for a real CRM
 * (made-up people go to sandbox connections only).
 */
export const outboxEveryMode: Migration = {
  version: 3,
  name: 'outbox: one queue of pending work for every mode',
  up: `
DELETE FROM outbox WHERE contact_id IN (SELECT id FROM contacts WHERE deleted_at IS NOT NULL);
DELETE FROM outbox WHERE connection_id IN (SELECT id FROM connections WHERE disconnected_at IS NOT NULL);
DELETE FROM outbox WHERE contact_id IN (SELECT id FROM contacts WHERE source = 'demo')
  AND connection_id IN (SELECT id FROM connections WHERE json_extract(config, '$.sandbox') IS NOT 1);
INSERT INTO outbox(connection_id, contact_id, contact_version, state, enqueued_at, attempts, next_attempt_at)
  SELECT c.id, k.id, k.version, 'pending', k.updated_at, 0, 0
    FROM connections c
    JOIN contacts k ON k.card_id = c.card_id AND k.deleted_at IS NULL
    LEFT JOIN sync_links l ON l.connection_id = c.id AND l.contact_id = k.id
   WHERE c.disconnected_at IS NULL AND (l.synced_version IS NULL OR l.synced_version < k.version)
     AND (k.source <> 'demo' OR json_extract(c.config, '$.sandbox') IS 1)
  ON CONFLICT(connection_id, contact_id) DO NOTHING;
`,
};
