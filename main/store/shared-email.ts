import type { Db } from './db';
import { cachedStatement } from './statement-cache';

/**
 * The contact of the same card, with the same e-mail (email_key: the first e-mail,
 * normalised), that holds the CRM record this connection would match `contactId` to by
 * e-mail, or null when there is none: a live contact linked on the connection, else an
 * older live contact still waiting to be sent there (it goes first, so the newer one never
 * races it to the record, even from another batch in flight). Only asked for contacts the
 * connection has not linked.
 */
export function firstWithSameEmail(db: Db, connectionId: number, contactId: number): number | null {
  const id = cachedStatement(db, `
    SELECT o.id
      FROM contacts me
      JOIN contacts o ON o.card_id = me.card_id AND o.email_key = me.email_key AND o.id <> me.id AND o.deleted_at IS NULL
      LEFT JOIN sync_links l ON l.connection_id = ? AND l.contact_id = o.id AND l.external_id IS NOT NULL
     WHERE me.id = ? AND me.email_key IS NOT NULL
       AND (l.contact_id IS NOT NULL OR (o.id < me.id AND EXISTS (SELECT 1 FROM outbox x WHERE x.connection_id = ? AND x.contact_id = o.id)))
     ORDER BY l.contact_id IS NOT NULL DESC, o.id
     LIMIT 1`).pluck().get(connectionId, contactId, connectionId) as number | undefined;
  return id ?? null;
}
