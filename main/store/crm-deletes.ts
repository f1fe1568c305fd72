import type { Db } from './db';
import { deleteContact, requireContact, updateContact } from './contacts';
import { recordEvent } from './sync-records';

/** What a pull does with a linked contact whose CRM record the CRM deleted (connection config `deletesFromCrm`). */
export type CrmDeleteMode = 'off' | 'delete' | 'tag';

/** The live contacts linked to these records of the connection, with the record each is linked to. */
export function liveLinkedContacts(db: Db, connectionId: number, externalIds: string[]): { contactId: number; externalId: string }[] {
  if (externalIds.length === 0) return [];
  return db.prepare(
    `SELECT l.contact_id AS contactId, l.external_id AS externalId FROM sync_links l JOIN contacts k ON k.id = l.contact_id AND k.deleted_at IS NULL
      WHERE l.connection_id = ? AND l.external_id IN (SELECT value FROM json_each(?)) ORDER BY l.contact_id`,
  ).all(connectionId, JSON.stringify(externalIds)) as { contactId: number; externalId: string }[];
}

export function countLinks(db: Db, connectionId: number): number {
  return db.prepare('SELECT COUNT(*) FROM sync_links WHERE connection_id = ? AND external_id IS NOT NULL').pluck().get(connectionId) as number;
}

/** Ferry changes of the contact that some connection has not received yet (its pending outbox rows). */
function hasUnsentChanges(db: Db, contactId: number): boolean {
  return db.prepare("SELECT 1 FROM outbox WHERE contact_id = ? AND state = 'pending' LIMIT 1").get(contactId) !== undefined;
}

export type CrmDeleteOutcome = 'kept' | 'deleted' | 'tagged' | 'kept-unsent';

/**
 * The CRM deleted a linked record. One transaction: the link is retired (the
 * record is gone there, so a later change in Ferry sends the contact as a new
 * record, as for a contact never sent) and this connection's pending row with
 * it; then, per the mode, the contact is kept (the log says the CRM deleted
 * it), soft-deleted (restorable, and a delete like any other for the other
 * connections) or tagged. A contact with Ferry changes not sent yet is never
 * deleted: it is tagged instead, so the rep's work stays in Ferry.
 */
export function applyCrmDelete(db: Db, a: { connectionId: number; crmName: string; verb?: 'archived' | 'deleted'; contactId: number; externalId: string; mode: CrmDeleteMode; runId: number; region: string; now: number }): CrmDeleteOutcome {
  return db.transaction((): CrmDeleteOutcome => {
    // read before this connection's row goes: a change waiting for the CRM that deleted the record counts too
    const unsent = a.mode === 'delete' && hasUnsentChanges(db, a.contactId);
    db.prepare('DELETE FROM sync_links WHERE connection_id = ? AND contact_id = ?').run(a.connectionId, a.contactId);
    db.prepare('DELETE FROM outbox WHERE connection_id = ? AND contact_id = ?').run(a.connectionId, a.contactId);
    let outcome: CrmDeleteOutcome;
    let message: string;
    // "Archived in Mailchimp": the CRM's own word for what happened there (the tag stays "Deleted in …")
    const happened = `${a.verb === 'archived' ? 'Archived' : 'Deleted'} in ${a.crmName}`;
    if (a.mode === 'off') {
      outcome = 'kept';
      message = `${happened}; kept in Ferry (deletes from ${a.crmName} are off). A later change sends it to ${a.crmName} as a new record.`;
    } else if (a.mode === 'delete' && !unsent) {
      deleteContact(db, a.contactId, a.now);
      outcome = 'deleted';
      message = `${happened}, so deleted in Ferry too (Restore brings it back).`;
    } else {
      const contact = requireContact(db, a.contactId);
      const tag = `Deleted in ${a.crmName}`;
      if (!contact.tags.includes(tag)) updateContact(db, a.contactId, { tags: [...contact.tags, tag] }, { region: a.region, now: a.now });
      // the tag is Ferry's own note: it must not send the contact back to the CRM that deleted it
      db.prepare('DELETE FROM outbox WHERE connection_id = ? AND contact_id = ?').run(a.connectionId, a.contactId);
      outcome = unsent ? 'kept-unsent' : 'tagged';
      message = unsent
        ? `${happened}; kept in Ferry and tagged "${tag}" because it has changes not sent yet.`
        : `${happened}; kept in Ferry and tagged "${tag}".`;
    }
    recordEvent(db, { runId: a.runId, connectionId: a.connectionId, contactId: a.contactId, outcome: 'skipped', externalId: a.externalId, message, at: a.now });
    return outcome;
  })();
}
