import type { ContactFields } from '../../preload/schemas/contact';
import type { Db } from './db';
import { prepareFields, requireContact, updatePrepared } from './contacts';
import { dropContactFromOutbox, enqueueContactChange } from './outbox';
import { recordEvent } from './sync-records';
import { forgetDismissalsOf } from './duplicate-dismissals';
import { timeOrderedUid } from './uid';

/** A connection where both contacts have a CRM record: the CRM must merge them too. */
export interface CrmMergeNeeded {
  connectionId: number;
  label: string;
  kind: string;
  /** the survivor's record */
  primaryId: string;
  /** the other contact's record, merged away */
  otherId: string;
}

export interface LocalMergeResult {
  keepId: number;
  otherId: number;
  crmMerges: CrmMergeNeeded[];
}

interface LinkRow {
  connection_id: number;
  contact_id: number;
  external_id: string | null;
  label: string;
  kind: string;
}

/**
 * Merges `otherId` into `keepId` in ONE transaction, because a half merge
 * would leave two truths: the survivor takes `fields` and is queued for every
 * connection (one truth of pending work: its next sync carries the merged
 * values), the other is soft-deleted with nothing pending, and per connection:
 * - only the other has a CRM record: when the survivor has none anywhere, it
 *   takes over the other's uid and links, so the next sync updates those records
 *   instead of creating second ones; else the history says what to do there;
 * - both have records: the other's link is retired (never pushed again) and the
 *   pair is returned for the CRM to merge (merge-service.ts);
 * and the history of every connection says what happened.
 */
export function mergeContactsLocally(db: Db, keepId: number, otherId: number, fields: ContactFields, region: string, now: number): LocalMergeResult {
  return db.transaction(() => {
    const keep = requireContact(db, keepId);
    const other = requireContact(db, otherId);
    if (keep.deletedAt !== null || other.deletedAt !== null) throw new Error('Only live contacts can be merged; restore the deleted one first.');
    if (keep.cardId !== other.cardId) throw new Error('Only contacts of the same card can be merged.');

    // CRMs know a contact by its uid (the unique key Ferry upserts on). When only the
    // other contact ever reached a CRM, the survivor takes its uid, so every record
    // the other had becomes the survivor's and is updated, never created twice.
    const linkedAnywhere = (id: number): boolean => db.prepare('SELECT EXISTS (SELECT 1 FROM sync_links WHERE contact_id = ? AND external_id IS NOT NULL)').pluck().get(id) === 1;
    const adoptUid = !linkedAnywhere(keepId) && linkedAnywhere(otherId);
    if (adoptUid) {
      db.prepare('UPDATE contacts SET uid = ? WHERE id = ?').run(timeOrderedUid(now), otherId);
      db.prepare('UPDATE contacts SET uid = ? WHERE id = ?').run(other.uid, keepId);
    }
    updatePrepared(db, keep, prepareFields(fields, region), {}, now);
    const survivor = requireContact(db, keepId);
    // queued even when its own fields did not change: it may have taken over a link
    enqueueContactChange(db, survivor.cardId, keepId, survivor.version, now);

    db.prepare('UPDATE contacts SET deleted_at = ?, updated_at = ?, version = version + 1 WHERE id = ?').run(now, now, otherId);
    dropContactFromOutbox(db, otherId);
    forgetDismissalsOf(db, keep.cardId, otherId);

    const links = db.prepare(
      `SELECT l.connection_id, l.contact_id, l.external_id, c.label, c.kind FROM sync_links l
         JOIN connections c ON c.id = l.connection_id AND c.disconnected_at IS NULL
        WHERE l.contact_id IN (?, ?)`,
    ).all(keepId, otherId) as LinkRow[];
    const crmMerges: CrmMergeNeeded[] = [];
    const connections = new Map<number, { label: string; kind: string; keep?: string | null; other?: string | null }>();
    for (const l of links) {
      const entry = connections.get(l.connection_id) ?? { label: l.label, kind: l.kind };
      if (l.contact_id === keepId) entry.keep = l.external_id;
      else entry.other = l.external_id;
      connections.set(l.connection_id, entry);
    }
    for (const [connectionId, c] of connections) {
      let message = `Contact #${otherId} was merged into this contact in Ferry.`;
      if (c.other && !c.keep && !adoptUid) {
        // the survivor is known to other CRMs by its own uid: here it arrives as a new record
        db.prepare('DELETE FROM sync_links WHERE connection_id = ? AND contact_id = ?').run(connectionId, otherId);
        message += ` Its ${c.label} record ${c.other} stays; this contact reaches ${c.label} as a new record with the next sync: merge the two there.`;
      } else if (c.other && !c.keep) {
        // the survivor inherits the record; it is re-planned (synced_version cleared) and sent by the next sync
        db.prepare('DELETE FROM sync_links WHERE connection_id = ? AND contact_id = ?').run(connectionId, keepId);
        db.prepare('UPDATE sync_links SET contact_id = ?, synced_version = NULL WHERE connection_id = ? AND contact_id = ?').run(keepId, connectionId, otherId);
        message += ` This contact now updates its ${c.label} record ${c.other}.`;
      } else {
        db.prepare('DELETE FROM sync_links WHERE connection_id = ? AND contact_id = ?').run(connectionId, otherId);
        if (c.other && c.keep && c.other !== c.keep) crmMerges.push({ connectionId, label: c.label, kind: c.kind, primaryId: c.keep, otherId: c.other });
      }
      recordEvent(db, { runId: null, connectionId, contactId: keepId, outcome: 'skipped', externalId: c.keep ?? c.other ?? null, message, at: now });
    }
    return { keepId, otherId, crmMerges };
  }).immediate();
}

/** After the CRM merged the two records: the survivor's link names the record the CRM kept (HubSpot gives it a new id). */
export function recordCrmMerge(db: Db, connectionId: number, keepId: number, externalId: string, message: string, now: number): void {
  db.transaction(() => {
    db.prepare('UPDATE sync_links SET external_id = ? WHERE connection_id = ? AND contact_id = ?').run(externalId, connectionId, keepId);
    recordEvent(db, { runId: null, connectionId, contactId: keepId, outcome: 'skipped', externalId, message, at: now });
  }).immediate();
}

/** The CRM could not merge (no merge API, offline, refused): the history says what the user must do there. */
export function recordCrmMergeLeft(db: Db, connectionId: number, keepId: number, externalId: string, message: string, now: number): void {
  recordEvent(db, { runId: null, connectionId, contactId: keepId, outcome: 'skipped', externalId, message, at: now });
}
