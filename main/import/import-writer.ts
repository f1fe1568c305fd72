import { contactInputSchema } from '../../preload/schemas/contact';
import type { Db } from '../store/db';
import { contactFields, findMatchingContact, getContactBlobs, insertPrepared, prepareFields, updatePrepared } from '../store/contacts';
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
 * Writes imported records one by one. Must run inside the import's single
 * transaction: every insert or update also queues its outbox rows there, and
 * the caller rolls the whole import back when it is aborted.
 *
 * Once a record is rejected in abort mode nothing more is written (it will be
 * rolled back anyway), but the rest is still checked so the report lists every
 * invalid row at once.
 */
export function createImportWriter(db: Db, opts: WriterOptions): { write: (record: ImportRecord) => void; tally: WriterTally } {
  const tally: WriterTally = { total: 0, valid: 0, added: 0, updated: 0, unchanged: 0, rejected: [], fatal: null };
  const reject = (line: number, reason: string): void => { tally.rejected.push({ line, reason }); };

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

    const row = prepareFields(checked.fields, opts.region);
    const existing = findMatchingContact(db, opts.cardId, row.email_key, row.identity_key);
    if (!existing) {
      insertPrepared(db, opts.cardId, row, record.avatar ? { avatar: record.avatar } : {}, opts.now);
      tally.added++;
      return;
    }
    // The same person again (a re-import, or twice in one file): update, never duplicate.
    const merged = contactInputSchema.safeParse(mergeFields(contactFields(existing), checked.fields));
    if (!merged.success) {
      tally.valid--;
      return reject(record.line, `Together with the contact Ferry already has: ${merged.error.issues.slice(0, 3).map(describeIssue).join(' ')}`);
    }
    const sameAvatar = record.avatar !== undefined && getContactBlobs(db, existing.id).avatar?.equals(record.avatar) === true;
    const blobs = record.avatar && !sameAvatar ? { avatar: record.avatar } : {};
    if (updatePrepared(db, existing, prepareFields(merged.data, opts.region), blobs, opts.now)) tally.updated++;
    else tally.unchanged++;
  };
  return { write, tally };
}
