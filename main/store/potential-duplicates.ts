import type { Db } from './db';
import { cachedStatement } from './statement-cache';

/** A CRM record that looks like a contact without a sure match (migration 005). */
export interface PotentialDuplicate {
  contactId: number;
  connectionId: number;
  externalId: string;
  why: string;
  crmName: string;
  crmEmail: string;
  foundAt: number;
}

/** Notes (or refreshes) a potential duplicate; true when it is new, so a pull counts each one once. */
export function notePotentialDuplicate(db: Db, d: PotentialDuplicate): boolean {
  const inserted = cachedStatement(db,
    `INSERT INTO potential_duplicates(contact_id, connection_id, external_id, why, crm_name, crm_email, found_at)
     VALUES (@contactId, @connectionId, @externalId, @why, @crmName, @crmEmail, @foundAt)
     ON CONFLICT(contact_id, connection_id, external_id) DO NOTHING`,
  ).run(d).changes > 0;
  if (!inserted) {
    cachedStatement(db,
      `UPDATE potential_duplicates SET why = @why, crm_name = @crmName, crm_email = @crmEmail
       WHERE contact_id = @contactId AND connection_id = @connectionId AND external_id = @externalId`,
    ).run(d);
  }
  return inserted;
}

export function listPotentialDuplicates(db: Db, contactId: number): PotentialDuplicate[] {
  const rows = db.prepare('SELECT * FROM potential_duplicates WHERE contact_id = ? ORDER BY found_at, external_id').all(contactId) as
    { contact_id: number; connection_id: number; external_id: string; why: string; crm_name: string; crm_email: string; found_at: number }[];
  return rows.map((r) => ({ contactId: r.contact_id, connectionId: r.connection_id, externalId: r.external_id, why: r.why, crmName: r.crm_name, crmEmail: r.crm_email, foundAt: r.found_at }));
}

export function countPotentialDuplicates(db: Db, connectionId: number): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM potential_duplicates WHERE connection_id = ?').get(connectionId) as { n: number }).n;
}
