import type { Db } from './db';
import { normalizeEmail } from './normalize';

/** What duplicate detection reads of one live contact: only the matching keys, never the blobs. */
export interface DuplicateCandidate {
  id: number;
  firstName: string;
  lastName: string;
  company: string;
  /** normalised (trimmed, lower-cased), non-empty */
  emails: string[];
  /** E.164 forms of the phones that parsed */
  phones: string[];
}

function jsonArray(text: string): unknown[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

const field = (item: unknown, name: string): string | null => {
  if (typeof item !== 'object' || item === null) return null;
  const value = (item as Record<string, unknown>)[name];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
};

/** Streams a card's live contacts in id order (100,000 rows: one pass, no row kept by SQLite). */
export function* iterateDuplicateCandidates(db: Db, cardId: number): Generator<DuplicateCandidate> {
  const rows = db.prepare(
    'SELECT id, first_name, last_name, company, emails, phones FROM contacts WHERE card_id = ? AND deleted_at IS NULL ORDER BY id',
  ).raw().iterate(cardId) as IterableIterator<[number, string, string, string, string, string]>;
  for (const [id, firstName, lastName, company, emails, phones] of rows) {
    yield {
      id, firstName, lastName, company,
      emails: jsonArray(emails).map((e) => field(e, 'value')).filter((v): v is string => v !== null).map(normalizeEmail),
      phones: jsonArray(phones).map((p) => field(p, 'e164')).filter((v): v is string => v !== null),
    };
  }
}
