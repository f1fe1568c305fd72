import type { Db } from './db';

export interface Card {
  id: number;
  name: string;
  createdAt: number;
}

interface CardRow { id: number; name: string; created_at: number }

const toCard = (r: CardRow): Card => ({ id: r.id, name: r.name, createdAt: r.created_at });

export function listCards(db: Db): Card[] {
  return (db.prepare('SELECT * FROM cards ORDER BY id').all() as CardRow[]).map(toCard);
}

export function getCard(db: Db, id: number): Card | undefined {
  const row = db.prepare('SELECT * FROM cards WHERE id = ?').get(id) as CardRow | undefined;
  return row && toCard(row);
}

export function createCard(db: Db, name: string, now = Date.now()): Card {
  const info = db.prepare('INSERT INTO cards(name, created_at) VALUES (?, ?)').run(name, now);
  return { id: Number(info.lastInsertRowid), name, createdAt: now };
}

/** The card a command works on when none is named: the first one, created on demand. */
export function defaultCard(db: Db): Card {
  const first = db.prepare('SELECT * FROM cards ORDER BY id LIMIT 1').get() as CardRow | undefined;
  return first ? toCard(first) : createCard(db, 'My card');
}
