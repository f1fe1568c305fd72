import type { Db } from './db';
import { cachedStatement } from './statement-cache';

/** A CRM record that looks like a contact without a sure match (migrations 005, 006). */
export interface PotentialDuplicate {
  contactId: number;
  connectionId: number;
  externalId: string;
  why: string;
  crmName: string;
  crmEmail: string;
  crmCompany: string;
  foundAt: number;
}

/** Which potential duplicate: a contact, a connection, a record in it. */
export type PotentialDuplicateKey = Pick<PotentialDuplicate, 'contactId' | 'connectionId' | 'externalId'>;

/**
 * Notes (or refreshes) a potential duplicate; true when it is new, so a pull counts each one once.
 * A dismissed one keeps its dismissal: refreshed, never listed or counted again.
 */
export function notePotentialDuplicate(db: Db, d: PotentialDuplicate): boolean {
  const inserted = cachedStatement(db,
    `INSERT INTO potential_duplicates(contact_id, connection_id, external_id, why, crm_name, crm_email, crm_company, found_at)
     VALUES (@contactId, @connectionId, @externalId, @why, @crmName, @crmEmail, @crmCompany, @foundAt)
     ON CONFLICT(contact_id, connection_id, external_id) DO NOTHING`,
  ).run(d).changes > 0;
  if (!inserted) {
    cachedStatement(db,
      `UPDATE potential_duplicates SET why = @why, crm_name = @crmName, crm_email = @crmEmail, crm_company = @crmCompany
       WHERE contact_id = @contactId AND connection_id = @connectionId AND external_id = @externalId`,
    ).run(d);
  }
  return inserted;
}

interface Row { contact_id: number; connection_id: number; external_id: string; why: string; crm_name: string; crm_email: string; crm_company: string; found_at: number }
const toPotentialDuplicate = (r: Row): PotentialDuplicate => ({
  contactId: r.contact_id, connectionId: r.connection_id, externalId: r.external_id, why: r.why,
  crmName: r.crm_name, crmEmail: r.crm_email, crmCompany: r.crm_company, foundAt: r.found_at,
});

/** The ones not dismissed, of one contact or one connection (or all), oldest first. */
export function listPotentialDuplicates(db: Db, f: { contactId?: number | undefined; connectionId?: number | undefined }): PotentialDuplicate[] {
  const rows = db.prepare(
    `SELECT * FROM potential_duplicates WHERE dismissed_at IS NULL
       AND (@contactId IS NULL OR contact_id = @contactId) AND (@connectionId IS NULL OR connection_id = @connectionId)
     ORDER BY found_at, contact_id, connection_id, external_id`,
  ).all({ contactId: f.contactId ?? null, connectionId: f.connectionId ?? null }) as Row[];
  return rows.map(toPotentialDuplicate);
}

export function countPotentialDuplicates(db: Db, connectionId: number): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM potential_duplicates WHERE connection_id = ? AND dismissed_at IS NULL').get(connectionId) as { n: number }).n;
}

/** "Not the same person": true when it was listed until now. */
export function dismissPotentialDuplicate(db: Db, key: PotentialDuplicateKey, now: number): boolean {
  return db.prepare(
    `UPDATE potential_duplicates SET dismissed_at = @now
     WHERE contact_id = @contactId AND connection_id = @connectionId AND external_id = @externalId AND dismissed_at IS NULL`,
  ).run({ ...key, now }).changes > 0;
}
