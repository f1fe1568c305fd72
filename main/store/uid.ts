import { randomUUID } from 'node:crypto';

const MAX_MS = 2 ** 48 - 1;

/**
 * A contact's stable id: a UUIDv7 (RFC 9562), i.e. the time in milliseconds
 * followed by 74 random bits. Uniqueness comes from the random bits alone, so
 * an injected or repeated clock is harmless; the time prefix only makes new
 * ids sort after older ones, so the UNIQUE index on contacts.uid grows at its
 * end instead of splitting pages all over the tree on a 100,000-row import.
 * The uid is opaque everywhere else (CRMs store it as a string).
 */
export function timeOrderedUid(nowMs: number): string {
  const ms = Math.min(Math.max(Math.trunc(nowMs), 0), MAX_MS).toString(16).padStart(12, '0');
  const random = randomUUID(); // xxxxxxxx-xxxx-4xxx-Nxxx-xxxxxxxxxxxx, variant bits already set
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${random.slice(15)}`;
}
