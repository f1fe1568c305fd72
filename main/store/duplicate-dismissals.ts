import type { Db } from './db';
import { readSettingValue, writeSettingValue } from './settings';

/**
 * Pairs of contacts a rep marked "not a duplicate", per card. Kept in the
 * settings table (one small JSON list per card) rather than a table of its
 * own: the list only grows by a click at a time, and a pair whose contact is
 * gone is harmless (it can never be proposed again).
 */
const keyOf = (cardId: number): string => `duplicates.dismissed.${cardId}`;

/** "lowId:highId": the pair's one spelling, whatever order it was named in. */
export const pairKey = (a: number, b: number): string => (a < b ? `${a}:${b}` : `${b}:${a}`);

export function dismissedPairs(db: Db, cardId: number): Set<string> {
  const value = readSettingValue(db, keyOf(cardId));
  return new Set(Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
}

/** Marks every pair among `contactIds` as not duplicates of each other. */
export function dismissDuplicates(db: Db, cardId: number, contactIds: number[]): void {
  db.transaction(() => {
    const pairs = dismissedPairs(db, cardId);
    for (let i = 0; i < contactIds.length; i += 1) {
      for (let j = i + 1; j < contactIds.length; j += 1) pairs.add(pairKey(contactIds[i]!, contactIds[j]!));
    }
    writeSettingValue(db, keyOf(cardId), [...pairs].sort());
  }).immediate();
}

/** Drops every pair naming `contactId` (after a merge or a forget, the pair means nothing). */
export function forgetDismissalsOf(db: Db, cardId: number, contactId: number): void {
  const pairs = dismissedPairs(db, cardId);
  const kept = [...pairs].filter((p) => !p.split(':').includes(String(contactId)));
  if (kept.length !== pairs.size) writeSettingValue(db, keyOf(cardId), kept.sort());
}
