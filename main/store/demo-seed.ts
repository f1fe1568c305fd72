import type { Db } from './db';
import { prepareFields, insertPrepared } from './contacts';
import { demoContact } from './demo-data';

/**
 * Adds `count` demo contacts to a card in one transaction (with their outbox
 * rows, like any other write). Seeding twice adds nothing the second time:
 * demo contacts are matched by their e-mail. They are marked source 'demo'
 * (made-up people: sent to sandbox connections only) unless told otherwise.
 */
export function seedDemoContacts(db: Db, cardId: number, count: number, region: string, now = Date.now(), source = 'demo'): number {
  const exists = db.prepare('SELECT 1 FROM contacts WHERE card_id = ? AND email_key = ?');
  let added = 0;
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const row = prepareFields({ ...demoContact(i), source }, region);
      if (row.email_key && exists.get(cardId, row.email_key)) continue;
      insertPrepared(db, cardId, row, {}, now);
      added++;
    }
  }).immediate();
  return added;
}
