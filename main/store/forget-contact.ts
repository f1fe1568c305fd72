import { randomUUID } from 'node:crypto';
import type { Contact } from '../../preload/schemas/contact';
import type { Db } from './db';
import { requireContact } from './contacts';
import { forgetDismissalsOf } from './duplicate-dismissals';
import { readSettingValue, writeSettingValue } from './settings';

/** A CRM record of the person, read before the erase (the link goes with the contact). */
export interface ForgetTarget {
  connectionId: number;
  kind: string;
  label: string;
  externalId: string;
}

/** What happened in one CRM. No name, e-mail or payload: only which CRM, when and how it went. */
export interface ForgetOutcome {
  connectionId: number;
  crm: string;
  outcome: 'erased' | 'failed' | 'manual';
  /** a sentence (never the person's data) */
  message: string;
  /** kept only when the CRM still holds the record, so the user can finish the erase there */
  externalId?: string;
}

/** The record that a person was forgotten: a random reference, never the person. */
export interface ForgetRecord {
  reference: string;
  at: number;
  crms: ForgetOutcome[];
}

const LOG_KEY = 'forget.log';
/** the sentence that replaces every history line about a forgotten person */
export const ERASED_EVENT_MESSAGE = 'Erased at the person\'s request (forget this person).';

const ERASED_WORDS = '[erased]';

/** What could quote the person in someone else's text: each e-mail (as typed and lower-cased) and the full name. */
function personWords(contact: Contact): string[] {
  const words = new Set<string>();
  for (const e of contact.emails) {
    if (e.value.trim() !== '') { words.add(e.value.trim()); words.add(e.value.trim().toLowerCase()); }
  }
  const name = `${contact.firstName} ${contact.lastName}`.trim();
  if (name.includes(' ')) words.add(name);
  return [...words];
}

/** The CRM records of a contact on active connections, for the CRM erase that precedes the local one. */
export function forgetTargets(db: Db, contactId: number): ForgetTarget[] {
  requireContact(db, contactId);
  return db.prepare(
    `SELECT c.id AS connectionId, c.kind, c.label, l.external_id AS externalId FROM sync_links l
       JOIN connections c ON c.id = l.connection_id AND c.disconnected_at IS NULL
      WHERE l.contact_id = ? AND l.external_id IS NOT NULL ORDER BY c.id`,
  ).all(contactId) as ForgetTarget[];
}

/**
 * Erases a contact from this database for good, in one transaction: the row
 * (its links, pending work, search entries, pull history, conflicts and
 * potential duplicates go with it through foreign keys and triggers; another
 * contact's potential duplicate that names the person goes too), and every history line about it loses its field changes, its
 * messages and the CRM's words (they may quote the person). `secure_delete`
 * overwrites the freed bytes instead of leaving them in free pages, and the
 * search index is merged so no old segment keeps the person's words; the
 * checkpoint moves it all out of the write-ahead log. What stays is a record
 * with a random reference and the per-CRM outcomes.
 */
export function eraseContactLocally(db: Db, contactId: number, crms: ForgetOutcome[], now: number): ForgetRecord {
  const record: ForgetRecord = { reference: randomUUID(), at: now, crms };
  db.pragma('secure_delete = ON');
  try {
    db.transaction(() => {
      const contact = requireContact(db, contactId);
      db.prepare(`UPDATE sync_events SET changes = '[]', message = ?, crm_error = NULL, external_id = NULL WHERE contact_id = ?`).run(ERASED_EVENT_MESSAGE, contactId);
      // a whole-run failure may quote the person in the CRM's words (a run's error, a connection's last problem)
      for (const words of personWords(contact)) {
        db.prepare('UPDATE sync_runs SET error = replace(error, ?, ?) WHERE instr(error, ?) > 0').run(words, ERASED_WORDS, words);
        db.prepare('UPDATE connections SET last_error = replace(last_error, ?, ?), last_error_detail = replace(last_error_detail, ?, ?) WHERE instr(last_error, ?) > 0 OR instr(last_error_detail, ?) > 0')
          .run(words, ERASED_WORDS, words, ERASED_WORDS, words, words);
        db.prepare('UPDATE sync_events SET message = replace(message, ?, ?), crm_error = replace(crm_error, ?, ?) WHERE instr(message, ?) > 0 OR instr(crm_error, ?) > 0')
          .run(words, ERASED_WORDS, words, ERASED_WORDS, words, words);
      }
      // a CRM record that only looked like someone else (potential_duplicates) may carry her name or e-mail;
      // the rows on her own contact, her history and her conflicts go with the contact (ON DELETE CASCADE)
      for (const words of personWords(contact)) {
        db.prepare('DELETE FROM potential_duplicates WHERE lower(crm_email) = lower(?) OR lower(crm_name) = lower(?)').run(words, words);
      }
      db.prepare('DELETE FROM contacts WHERE id = ?').run(contactId);
      db.prepare("INSERT INTO contacts_fts(contacts_fts) VALUES ('optimize')").run();
      forgetDismissalsOf(db, contact.cardId, contactId);
      const log = readSettingValue(db, LOG_KEY);
      writeSettingValue(db, LOG_KEY, [...(Array.isArray(log) ? log : []), record]);
    }).immediate();
  } finally {
    db.pragma('secure_delete = OFF');
  }
  // another process reading the database may hold the log back; its next checkpoint finishes this
  db.pragma('wal_checkpoint(TRUNCATE)');
  return record;
}

/** Every "forget this person" this data folder carried out, oldest first. */
export function forgetLog(db: Db): ForgetRecord[] {
  const log = readSettingValue(db, LOG_KEY);
  return Array.isArray(log) ? (log as ForgetRecord[]) : [];
}
