import type { ContactFields } from '../../preload/schemas/contact';
import { contactInputSchema } from '../../preload/schemas/contact';
import type { Db } from '../store/db';
import type { Connection } from '../store/connections';
import { findContactByUid, getContact, liveContactsByEmailKey, liveContactsByIdentityKey, prepareFields } from '../store/contacts';
import { contactIdByExternalId, externalIdOf } from '../store/sync-links';
import { timeOrderedUid } from '../store/uid';
import type { PulledRecord, ReadableField } from '../sync/connector';

/**
 * Which Ferry contact a pulled CRM record is. Sure matches, in order: the stored
 * link, Ferry's own id in the record, the e-mail (any case), then name + company
 * + phone in E.164 (contacts without an e-mail, as imports match). A record that
 * only looks like a contact (same name, or an e-mail that another CRM record is
 * already linked to) is a potential duplicate: never linked, never merged, never
 * made into a second contact. Anything else becomes a new contact.
 */
export type Match =
  | { kind: 'linked'; contactId: number }
  | { kind: 'sure'; contactId: number; how: string }
  | { kind: 'new'; uid: string; fields: ContactFields }
  | { kind: 'possible'; contactIds: number[]; why: string; newUid?: string };

const EMPTY = contactInputSchema.parse({});

/** The CRM record as Ferry fields (only what the reverse mapping reads). */
export function recordFields(record: PulledRecord, readable: readonly ReadableField[], source: string): ContactFields {
  let fields: ContactFields = { ...EMPTY, source };
  for (const rf of readable) {
    const value = record.values[rf.key];
    if (value !== undefined && value.trim() !== '') fields = rf.apply(fields, value);
  }
  return fields;
}

export interface PageMatcher {
  match(record: PulledRecord): Match;
}

/** One page's matcher: it remembers what earlier records of the page claimed or will create. */
export function pageMatcher(db: Db, connection: Connection, readable: readonly ReadableField[], region: string, names: Map<string, number[]>, now: number): PageMatcher {
  const claimed = new Set<number>();
  const planned = new Map<string, string>(); // match key of a record about to become a contact → its uid
  const free = (contactId: number, externalId: string): boolean => {
    if (claimed.has(contactId)) return false;
    const linked = externalIdOf(db, connection.id, contactId);
    return linked === null || linked === externalId;
  };
  const claim = (m: Match): Match => {
    if (m.kind === 'linked' || m.kind === 'sure') claimed.add(m.contactId);
    return m;
  };
  return {
    match(record) {
      const byLink = contactIdByExternalId(db, connection.id, record.externalId);
      // a record linked to a contact deleted in Ferry is that contact: it stays deleted (Restore brings it back),
      // never a new contact with a new Ferry id (deletes off keep the record in the CRM, and a delete taken from
      // another CRM may not have reached this one yet)
      if (byLink !== undefined && getContact(db, byLink) !== undefined) return claim({ kind: 'linked', contactId: byLink });
      if (record.ferryUid) {
        const own = findContactByUid(db, connection.cardId, record.ferryUid);
        if (own && free(own.id, record.externalId)) return claim({ kind: 'linked', contactId: own.id });
      }
      const fields = recordFields(record, readable, connection.kind);
      const keys = prepareFields(fields, region);
      const name = `${fields.firstName} ${fields.lastName}`.trim().toLowerCase();
      const plannedKey = keys.email_key ? `e:${keys.email_key}` : keys.identity_key ? `i:${keys.identity_key}` : null;
      if (keys.email_key) {
        const same = liveContactsByEmailKey(db, connection.cardId, keys.email_key);
        const open = same.filter((c) => free(c.id, record.externalId));
        if (same.length === 1 && open.length === 1 && open[0]) return claim({ kind: 'sure', contactId: open[0].id, how: 'e-mail' });
        if (same.length > 0) return { kind: 'possible', contactIds: same.map((c) => c.id), why: same.length > 1 ? 'same e-mail as several contacts' : 'same e-mail as a contact already linked to another record' };
      } else if (keys.identity_key) {
        const same = liveContactsByIdentityKey(db, connection.cardId, keys.identity_key).filter((c) => c.emails.length === 0);
        const open = same.filter((c) => free(c.id, record.externalId));
        if (same.length === 1 && open.length === 1 && open[0]) return claim({ kind: 'sure', contactId: open[0].id, how: 'name, company and phone' });
        if (same.length > 0) return { kind: 'possible', contactIds: same.map((c) => c.id), why: 'same name, company and phone as several contacts' };
      }
      const earlier = plannedKey ? planned.get(plannedKey) : undefined;
      if (earlier) return { kind: 'possible', contactIds: [], why: 'same e-mail as another record of this pull', newUid: earlier };
      const sameName = name ? names.get(name) ?? [] : [];
      if (sameName.length > 0) return { kind: 'possible', contactIds: sameName, why: keys.email_key ? 'same name, different e-mail' : 'same name' };
      const uid = timeOrderedUid(now);
      if (plannedKey) planned.set(plannedKey, uid);
      return { kind: 'new', uid, fields };
    },
  };
}
