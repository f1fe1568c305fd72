import type { ContactInput } from '../../preload/schemas/contact';

/** One contact read from a file, or the reason a part of the file could not be read. */
export type ImportRecord = ParsedRecord | UnreadableRecord;

export interface ParsedRecord {
  /** 1-based line in the file where the contact starts */
  line: number;
  input: ContactInput;
  /** the contact's photo (vCard PHOTO); never synced */
  avatar?: Buffer;
}

export interface UnreadableRecord {
  line: number;
  /** a sentence the user understands */
  error: string;
  /** the whole file is unusable (empty, no recognisable header): nothing is imported even with skipInvalid */
  fatal?: boolean;
}

/**
 * Records are pushed to a visitor rather than returned as an array so that a
 * 100,000-row file is never held in memory twice (raw rows and contacts).
 */
export type RecordSource = Iterable<ImportRecord> | ((visit: (record: ImportRecord) => void) => void);

export type ImportFormat = 'csv' | 'vcard';

export interface RejectedRow {
  line: number;
  reason: string;
}

export interface ImportReport {
  format: ImportFormat;
  /** how the file's bytes were read, e.g. 'utf-8', 'utf-16le', 'windows-1252' */
  encoding: string;
  /** contacts (rows or cards) found in the file, valid or not */
  total: number;
  added: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRow[];
  /** true when nothing was written because some rows were invalid (the default) or the file was unreadable */
  aborted: boolean;
  /** one sentence summing up the outcome, for the CLI and notifications */
  message: string;
}

export interface ImportOptions {
  /** write the valid rows and report the invalid ones, instead of writing nothing */
  skipInvalid?: boolean;
  /** region for phone numbers without a country code; defaults to the user's setting */
  region?: string;
  now?: number;
}

export function isUnreadable(record: ImportRecord): record is UnreadableRecord {
  return 'error' in record;
}

export function forEachRecord(source: RecordSource, visit: (record: ImportRecord) => void): void {
  if (typeof source === 'function') source(visit);
  else for (const record of source) visit(record);
}
