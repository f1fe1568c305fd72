import { contactInputSchema } from '../../preload/schemas/contact';
import type { Db } from '../store/db';
import { cachedE164Parser } from '../store/normalize';
import { enqueuerForCard } from '../store/outbox';
import {
  contactFields, contactMatchKeys, findMatchingStored, getContactBlobs, insertPrepared, prepareFields, updatePrepared,
} from '../store/contacts';
import { mergeFields } from './merge';
import { describeIssue, checkRecord } from './validate';
import type { ImportRecord, RejectedRow } from './types';

export interface WriterOptions {
  cardId: number;
  region: string;
  now: number;
  /** write valid records even though others are invalid */
  skipInvalid: boolean;
}

export interface WriterTally {
  total: number;
  valid: number;
  added: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRow[];
  /** why the whole file is unusable (empty file, unknown header), or null */
  fatal: string | null;
}

/**
 * Writes imported records one by one. Must be created and used inside the
 * import's single transaction (the match keys it reads must not go stale): every insert or update also queues its outbox rows there, and
 * the caller rolls the whole import back when it is aborted.
 *
 * Once a record is rejected in abort mode nothing more is written (it will be
 * rolled back anyway), but the rest is still checked so the report lists every
 * invalid row at once.
 */
export function createImportWriter(db: Db, opts: WriterOptions): { write: (record: ImportRecord) => void; tally: WriterTally } {
  const tally: WriterTally = { total: 0, valid: 0, added: 0, updated: 0, unchanged: 0, rejected: [], fatal: null };
  const reject = (line: number, reason: string): void => { tally.rejected.push({ line, reason }); };
  // Every key the card holds (a superset: stale keys only cost a lookup), so a new contact needs no query.
  const { emailKeys, identityKeys } = contactMatchKeys(db, opts.cardId);
  const e164Of = cachedE164Parser();
  const enqueue = enqueuerForCard(db, opts.cardId);
  const remember = (row: { email_key: string | null; identity_key: string | null }): void => {
    if (row.email_key !== null) emailKeys.add(row.email_key);
    else if (row.identity_key !== null) identityKeys.add(row.identity_key);
  };

  const write = (record: ImportRecord): void => {
    if ('error' in record) {
      if (record.fatal) tally.fatal ??= record.error;
      else tally.total++;
      reject(record.line, record.error);
      return;
    }
    tally.total++;
    const checked = checkRecord(record.input, opts.region);
    if (!checked.ok) return reject(record.line, checked.reason);
    tally.valid++;
    if (tally.fatal !== null || (tally.rejected.length > 0 && !opts.skipInvalid)) return;

    const row = prepareFields(checked.fields, opts.region, e164Of);
    const known = (row.email_key !== null && emailKeys.has(row.email_key)) || (row.identity_key !== null && identityKeys.has(row.identity_key));
    const match = known ? findMatchingStored(db, opts.cardId, row.email_key, row.identity_key) : undefined;
    if (!match) {
      insertPrepared(db, opts.cardId, row, record.avatar ? { avatar: record.avatar } : {}, opts.now, enqueue);
      remember(row);
      tally.added++;
      return;
    }
    // The same person again (a re-import, or twice in one file): update, never duplicate.
    const existing = match.contact;
    const merged = contactInputSchema.safeParse(mergeFields(contactFields(existing), checked.fields));
    if (!merged.success) {
      tally.valid--;
      return reject(record.line, `Together with the contact Ferry already has: ${merged.error.issues.slice(0, 3).map(describeIssue).join(' ')}`);
    }
    const sameAvatar = record.avatar !== undefined && getContactBlobs(db, existing.id).avatar?.equals(record.avatar) === true;
    const blobs = record.avatar && !sameAvatar ? { avatar: record.avatar } : {};
    const updated = prepareFields(merged.data, opts.region, e164Of);
    remember(updated);
    if (updatePrepared(db, existing, updated, blobs, opts.now, { stored: match.stored, enqueue })) tally.updated++;
    else tally.unchanged++;
  };
  return { write, tally };
}
