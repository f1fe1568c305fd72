import type { Db } from './db';
import { iterateContacts } from './contacts';
import { filterMismatch } from '../filters/match';
import type { ContactFilter } from '../filters/filter-schema';

/**
 * How many of a card's live contacts a filter lets through, whether or not the
 * filter is saved (the Filters dialog counts as the admin types). One pass over
 * the card's contacts, streamed, the same matching the outbox applies.
 */
export function countFilterMatches(db: Db, cardId: number, filter: ContactFilter): { matching: number; total: number } {
  let matching = 0;
  let total = 0;
  for (const contact of iterateContacts(db, cardId)) {
    total++;
    if (filterMismatch(contact, filter) === null) matching++;
  }
  return { matching, total };
}
