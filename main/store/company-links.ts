import type { Db } from './db';
import { cachedStatement } from './statement-cache';

/**
 * The company_links table: company key → CRM company id, per connection (see
 * migration 004). Keys are what a connector derives from a contact (a HubSpot
 * domain, a Salesforce name and website), already normalised.
 */

export function getCompanyLinks(db: Db, connectionId: number, keys: string[]): Map<string, string> {
  const stmt = cachedStatement(db, 'SELECT external_id FROM company_links WHERE connection_id = ? AND company_key = ?');
  const out = new Map<string, string>();
  for (const key of new Set(keys)) {
    const row = stmt.get(connectionId, key) as { external_id: string } | undefined;
    if (row) out.set(key, row.external_id);
  }
  return out;
}

/** One transaction: the companies a CRM call confirmed are remembered together. */
export function saveCompanyLinks(db: Db, connectionId: number, links: { key: string; externalId: string }[], now: number): void {
  if (links.length === 0) return;
  const stmt = cachedStatement(db,
    `INSERT INTO company_links(connection_id, company_key, external_id, linked_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(connection_id, company_key) DO UPDATE SET external_id = excluded.external_id, linked_at = excluded.linked_at`);
  db.transaction(() => { for (const l of links) stmt.run(connectionId, l.key, l.externalId, now); })();
}

/** Forgets companies the CRM no longer has (deleted or merged there): the next push finds them again. */
export function forgetCompanyLinks(db: Db, connectionId: number, keys: string[]): void {
  if (keys.length === 0) return;
  const stmt = cachedStatement(db, 'DELETE FROM company_links WHERE connection_id = ? AND company_key = ?');
  db.transaction(() => { for (const key of keys) stmt.run(connectionId, key); })();
}
