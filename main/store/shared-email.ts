import { DESTINATIONS } from '../../destinations';
import type { Db } from './db';
import { cachedStatement } from './statement-cache';

/**
 * Why another contact stands between `contactId` and the record a connection would match it to by
 * e-mail: `linked`, a live contact linked there has the same e-mail (email_key: the first e-mail,
 * normalised); `older`, an older live contact with it still waits to be sent there (it goes first,
 * so the newer one never races it to the record, even from another batch in flight); `moving`, a
 * linked contact last sent this e-mail and its change away from it, or its delete (a pending row
 * of a deleted contact, store/delete-propagation.ts), has not been sent yet: its record still has
 * the address until then.
 */
export interface SharedEmail {
  contactId: number;
  why: 'linked' | 'older' | 'moving';
}

/** The linked or older contact with the same e-mail in the way of `contactId` on `connectionId`, or null. Only asked for contacts the connection has not linked. */
export function firstWithSameEmail(db: Db, connectionId: number, contactId: number): SharedEmail | null {
  const same = cachedStatement(db, `
    SELECT o.id AS contactId, CASE WHEN l.contact_id IS NOT NULL THEN 'linked' ELSE 'older' END AS why
      FROM contacts me
      JOIN contacts o ON o.card_id = me.card_id AND o.email_key = me.email_key AND o.id <> me.id AND o.deleted_at IS NULL
      LEFT JOIN sync_links l ON l.connection_id = ? AND l.contact_id = o.id AND l.external_id IS NOT NULL
     WHERE me.id = ? AND me.email_key IS NOT NULL
       AND (l.contact_id IS NOT NULL OR (o.id < me.id AND EXISTS (SELECT 1 FROM outbox x WHERE x.connection_id = ? AND x.contact_id = o.id)))
     ORDER BY l.contact_id IS NOT NULL DESC, o.id
     LIMIT 1`).get(connectionId, contactId, connectionId) as SharedEmail | undefined;
  return same ?? null;
}

/**
 * The e-mails (lower-cased) that linked contacts with changes or deletes not sent yet last sent
 * to `connectionId`, each with its contact (`moving`): read once per batch, since scanning the
 * connection's waiting work for each contact would cost a first push of 10,000 contacts seconds.
 */
export function emailsOfWaitingLinks(db: Db, connectionId: number): Map<string, number> {
  const rows = cachedStatement(db, `
    SELECT DISTINCT lower(trim(j.value)) AS email, x.contact_id AS contactId
      FROM outbox x
      JOIN sync_links l ON l.connection_id = x.connection_id AND l.contact_id = x.contact_id AND l.external_id IS NOT NULL,
           json_each(l.payload) j
     WHERE x.connection_id = ? AND x.state = 'pending' AND j.type = 'text' AND instr(j.value, '@') > 0
     ORDER BY x.contact_id`).all(connectionId) as { email: string; contactId: number }[];
  const out = new Map<string, number>();
  for (const r of rows) if (!out.has(r.email)) out.set(r.email, r.contactId);
  return out;
}

/**
 * The contact that had `emailKey` changed it or was deleted: the contacts held for sharing it
 * (main/sync/shared-email.ts) are put back in line on the connections that match by e-mail, so
 * the next sync sends them, or holds them again if a third contact still has the address. Only
 * contacts those connections have not linked and set aside are touched; one set aside for another
 * reason is sent once more and meets the same refusal. Runs in the caller's transaction.
 */
export function releaseSharedEmailHolds(db: Db, cardId: number, emailKey: string | null, exceptContactId: number): void {
  if (!emailKey) return;
  const kinds = JSON.stringify(DESTINATIONS.filter((d) => d.matchesOnEmail).map((d) => d.id));
  cachedStatement(db, `
    UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = 0
     WHERE state = 'quarantined'
       AND connection_id IN (SELECT id FROM connections WHERE card_id = ? AND kind IN (SELECT value FROM json_each(?)))
       AND contact_id IN (SELECT id FROM contacts WHERE card_id = ? AND email_key = ? AND id <> ? AND deleted_at IS NULL)
       AND NOT EXISTS (SELECT 1 FROM sync_links l WHERE l.connection_id = outbox.connection_id AND l.contact_id = outbox.contact_id AND l.external_id IS NOT NULL)`,
  ).run(cardId, kinds, cardId, emailKey, exceptContactId);
}
