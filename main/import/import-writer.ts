import { contactInputSchema, type ContactFields } from '../../preload/schemas/contact';
import type { Db } from '../store/db';
import { cachedE164Parser, identityKey, normalizeEmail, normalizePhone } from '../store/normalize';
import { enqueuerForCard } from '../store/outbox';
import {
  contactFields, contactMatchKeys, findMatchingStored, getContactBlobs, insertPrepared, prepareFields, updatePrepared,
  type StoredContact,
} from '../store/contacts';
import { mergeFields } from './merge';
import { describeIssue, checkRecord, type RecordUnit } from './validate';
import { MAX_LISTED, type ImportCounts, type ImportRecord, type ImportWarning, type MergedRow, type RejectedRow } from './types';

interface WriterOptions {
  cardId: number;
  region: string;
  now: number;
  /** all or nothing: once a record is rejected nothing more is written (the caller rolls back) */
  strict: boolean;
  /** count what would happen, write nothing (the preview) */
  dryRun: boolean;
  unit: RecordUnit;
}

export interface WriterTally extends ImportCounts {
  valid: number;
  rejected: RejectedRow[];
  warnings: ImportWarning[];
  warningCount: number;
  mergedRows: MergedRow[];
  /** why the whole file is unusable (empty file, unknown header), or null */
  fatal: string | null;
}

const clip = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}...` : text);

/** The keys a record is matched by, as prepareFields computes them, without preparing the whole row. */
interface MatchKeys {
  email: string | null;
  fields: ContactFields;
  /** computed on first use: it parses every phone number */
  identity?: string | null;
}

/**
 * Writes (or, for the preview, only counts) imported records one by one. Must
 * be created and used inside the import's single transaction (the match keys
 * it reads must not go stale): every insert or update also queues its outbox
 * rows there, and the caller rolls the whole import back when it is aborted.
 *
 * The same person twice in one file (the same e-mail in another case, or the
 * same name, company and phone) becomes one contact, and the report says which
 * rows were merged. In strict mode nothing more is written once a record is
 * rejected, but the rest is still checked so the report lists every problem.
 */
export function createImportWriter(db: Db, opts: WriterOptions): { write: (record: ImportRecord) => void; tally: WriterTally } {
  const tally: WriterTally = {
    total: 0, valid: 0, added: 0, updated: 0, unchanged: 0, merged: 0, rejected: [], warnings: [], warningCount: 0,
    mergedRows: [], fatal: null,
  };
  const reject = (line: number, reason: string): void => { tally.rejected.push({ line, reason }); };
  const warn = (line: number, message: string): void => {
    tally.warningCount++;
    if (tally.warnings.length < MAX_LISTED) tally.warnings.push({ line, message });
  };
  // Every key the card holds (a superset: stale keys only cost a lookup), so a new contact needs no query.
  const { emailKeys, identityKeys } = contactMatchKeys(db, opts.cardId);
  /** key -> the line of the first record of this file with it */
  const fileLines = new Map<string, number>();
  let fileIdentities = 0;
  const e164Of = cachedE164Parser();
  const enqueue = opts.dryRun ? undefined : enqueuerForCard(db, opts.cardId);
  const remember = (key: string, line: number): void => {
    if (fileLines.has(key)) return;
    fileLines.set(key, line);
    if (key.startsWith('i:')) fileIdentities++;
  };

  const keysOf = (fields: ContactFields): MatchKeys => {
    const first = fields.emails.find((e) => e.value.trim() !== '');
    return { email: first ? normalizeEmail(first.value) : null, fields };
  };
  function identityOf(keys: MatchKeys): string | null {
    if (keys.identity === undefined) {
      const f = keys.fields;
      keys.identity = identityKey(f.firstName, f.lastName, f.company, f.phones.map((p) => normalizePhone(p.raw, opts.region, p.label, e164Of)));
    }
    return keys.identity;
  }

  /** The earlier row of this file that is the same person, matched the way findMatchingStored matches. */
  const earlierLine = (keys: MatchKeys): { line: number; why: string } | undefined => {
    if (keys.email !== null) {
      const line = fileLines.get(`e:${keys.email}`);
      if (line !== undefined) return { line, why: `the same e-mail address, ${clip(keys.email)}` };
    }
    // Only a record without an e-mail is remembered by identity (as contactMatchKeys keeps them).
    if (fileIdentities === 0) return undefined;
    const identity = identityOf(keys);
    const line = identity === null ? undefined : fileLines.get(`i:${identity}`);
    return line === undefined ? undefined : { line, why: 'the same name, company and phone' };
  };

  const isKnown = (keys: MatchKeys): boolean =>
    (keys.email !== null && emailKeys.has(keys.email)) || (identityKeys.size > 0 && identityKeysHas(keys));
  const identityKeysHas = (keys: MatchKeys): boolean => {
    const identity = identityOf(keys);
    return identity !== null && identityKeys.has(identity);
  };

  /** The stored contact merged with the record, or a reason it cannot be. */
  const mergeWith = (match: StoredContact, fields: ContactFields): ContactFields | string => {
    const merged = contactInputSchema.safeParse(mergeFields(contactFields(match.contact), fields));
    return merged.success
      ? merged.data
      : `Together with the contact Ferry already has: ${merged.error.issues.slice(0, 3).map(describeIssue).join(' ')}`;
  };

  const write = (record: ImportRecord): void => {
    if ('error' in record) {
      if (record.fatal) tally.fatal ??= record.error;
      else tally.total++;
      reject(record.line, record.error);
      return;
    }
    tally.total++;
    for (const w of record.warnings ?? []) warn(record.line, w);
    const checked = checkRecord(record.input, opts.region, opts.unit);
    for (const w of checked.warnings) warn(record.line, w);
    if (!checked.ok) return reject(record.line, checked.reason);
    tally.valid++;
    if (tally.fatal !== null || (tally.rejected.length > 0 && opts.strict && !opts.dryRun)) return;

    const keys = keysOf(checked.fields);
    const earlier = earlierLine(keys);
    const match = isKnown(keys) || (earlier && !opts.dryRun) ? findMatchingStored(db, opts.cardId, keys.email, identityOf(keys)) : undefined;

    if (opts.dryRun) {
      if (earlier) countMerge(record.line, earlier);
      else if (!match) tally.added++;
      else {
        const merged = mergeWith(match, checked.fields);
        if (typeof merged === 'string') {
          tally.valid--;
          return reject(record.line, merged);
        }
        if (wouldChange(db, match, prepareFields(merged, opts.region, e164Of), record.avatar)) tally.updated++;
        else tally.unchanged++;
      }
      rememberKeys(keys, record.line);
      return;
    }

    if (!match) {
      const row = prepareFields(checked.fields, opts.region, e164Of);
      insertPrepared(db, opts.cardId, row, record.avatar ? { avatar: record.avatar } : {}, opts.now, enqueue);
      if (row.email_key !== null) emailKeys.add(row.email_key);
      else if (row.identity_key !== null) identityKeys.add(row.identity_key);
      tally.added++;
      rememberKeys(keys, record.line);
      return;
    }
    // The same person again (a re-import, or twice in one file): update, never duplicate.
    const merged = mergeWith(match, checked.fields);
    if (typeof merged === 'string') {
      tally.valid--;
      return reject(record.line, merged);
    }
    const existing = match.contact;
    const sameAvatar = record.avatar !== undefined && getContactBlobs(db, existing.id).avatar?.equals(record.avatar) === true;
    const blobs = record.avatar && !sameAvatar ? { avatar: record.avatar } : {};
    const updated = prepareFields(merged, opts.region, e164Of);
    if (updated.email_key !== null) emailKeys.add(updated.email_key);
    else if (updated.identity_key !== null) identityKeys.add(updated.identity_key);
    const changed = updatePrepared(db, existing, updated, blobs, opts.now, { stored: match.stored, ...(enqueue ? { enqueue } : {}) });
    if (earlier) countMerge(record.line, earlier);
    else if (changed) tally.updated++;
    else tally.unchanged++;
    rememberKeys(keys, record.line);
  };
  function rememberKeys(keys: MatchKeys, line: number): void {
    const identity = keys.email === null ? identityOf(keys) : null;
    if (keys.email !== null) remember(`e:${keys.email}`, line);
    else if (identity !== null) remember(`i:${identity}`, line);
  }
  function countMerge(line: number, earlier: { line: number; why: string }): void {
    tally.merged++;
    if (tally.mergedRows.length < MAX_LISTED) {
      tally.mergedRows.push({
        line, into: earlier.line,
        reason: `Same person as line ${earlier.line} (${earlier.why}): the two were merged into one contact.`,
      });
    }
  }
  return { write, tally };
}

/** What updatePrepared would decide, without writing: does the row or the photo differ from what is stored? */
function wouldChange(db: Db, match: StoredContact, row: ReturnType<typeof prepareFields>, avatar: Buffer | undefined): boolean {
  if (match.contact.deletedAt !== null) return true;
  const fieldsChanged = (Object.keys(row) as (keyof typeof row)[]).some((k) => k !== 'source' && row[k] !== match.stored[k]);
  if (fieldsChanged) return true;
  return avatar !== undefined && getContactBlobs(db, match.contact.id).avatar?.equals(avatar) !== true;
}
