import type { Db } from '../store/db';
import { requireConnection } from '../store/connections';
import { contactFields, prepareFields, requireContact, updatePrepared } from '../store/contacts';
import { getConflict, markResolved } from '../store/conflicts';
import { recordHistory } from '../store/contact-history';
import { completeOutbox, enqueueForConnection } from '../store/outbox';
import { getLinks, saveLink } from '../store/sync-links';
import { reverseMapping } from '../mapping/reverse';
import { hashPayload } from '../sync/payload';
import type { Connector } from '../sync/connector';
import { fieldName } from './apply-page';
import { ServiceError } from '../services/errors';

export type Resolution = { take: 'ferry' | 'crm' } | { value: string };

/**
 * Settles a conflict the way the user chose: Ferry's value, the CRM's, or one
 * typed. Afterwards the link records the CRM's value as agreed, so the next pull
 * does not raise the same conflict again; when the contact now differs from what
 * the CRM holds (Ferry's or a typed value), it is queued, and a two-way
 * connection's next push writes it into the CRM. One transaction.
 */
export function resolveConflict(db: Db, connector: Connector, conflictId: number, how: Resolution, region: string, now: number): void {
  db.transaction(() => {
    const conflict = getConflict(db, conflictId);
    if (!conflict) throw new ServiceError('not_found', `There is no conflict ${conflictId}.`);
    if (conflict.state !== 'open') throw new ServiceError('conflict', `Conflict ${conflictId} is already resolved.`);
    const connection = requireConnection(db, conflict.connectionId);
    const rf = reverseMapping(connector, connection).fields.find((f) => fieldName(f) === conflict.field);
    if (!rf) throw new ServiceError('failed', `Ferry no longer reads '${conflict.field}' from ${connection.label}; change the field in Ferry instead.`);
    let contact = requireContact(db, conflict.contactId);
    const value = 'value' in how ? how.value : how.take === 'crm' ? conflict.crmValue : null;
    if (value !== null) {
      const before = connector.map(contact, connection)[rf.key] ?? '';
      if (updatePrepared(db, contact, prepareFields(rf.apply(contactFields(contact), value), region), {}, now)) {
        recordHistory(db, { contactId: contact.id, at: now, field: conflict.field, old: before, new: value, connectionId: 'take' in how ? connection.id : null });
        contact = requireContact(db, contact.id);
      }
    }
    const link = getLinks(db, connection.id, [contact.id]).get(contact.id);
    if (link) {
      const payload = { ...link.payload, [rf.key]: conflict.crmValue };
      const hash = hashPayload(payload);
      const inSync = hash === hashPayload(connector.map(contact, connection, link.aux));
      saveLink(db, { ...link, payloadHash: hash, payload, syncedVersion: inSync ? contact.version : 0, syncedAt: now });
      if (inSync) completeOutbox(db, connection.id, contact.id, contact.version);
      else enqueueForConnection(db, connection.id, contact.id, contact.version, now);
    }
    markResolved(db, conflictId, 'value' in how ? 'value' : how.take, now);
  }).immediate();
}
