import type { Db } from './db';
import { prepareFields, insertPrepared } from './contacts';
import { demoContact } from './demo-data';

/**
 * Adds `count` demo contacts to a card in one transaction (with their outbox
 * rows, like any other write). Seeding twice adds nothing the second time:
 * demo contacts are matched by their e-mail.
 */
export function seedDemoContacts(db: Db, cardId: number, count: number, region: string, now = Date.now()): number {
  const exists = db.prepare('SELECT 1 FROM contacts WHERE card_id = ? AND email_key = ?');
  let added = 0;
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const row = prepareFields(demoContact(i), region);
      if (row.email_key && exists.get(cardId, row.email_key)) continue;
      insertPrepared(db, cardId, row, {}, now);
      added++;
    }
  }).immediate();
  return added;
}
