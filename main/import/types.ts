import type { ContactInput } from '../../preload/schemas/contact';
import type { ImportField } from '../../preload/schemas/contacts-api';
import type { MappingStatus } from './csv-columns';

/** One contact read from a file, or the reason a part of the file could not be read. */
export type ImportRecord = ParsedRecord | UnreadableRecord;

export interface ParsedRecord {
  /** 1-based line in the file where the contact starts */
  line: number;
  input: ContactInput;
  /** the contact's photo (vCard PHOTO); never synced */
  avatar?: Buffer;
  /** values of this record the reader had to leave out (a vCard line it could not read), in words */
  warnings?: string[];
}

export interface UnreadableRecord {
  line: number;
  /** a sentence the user understands */
  error: string;
  /** the whole file is unusable (empty, no recognisable header): nothing is imported, strict or not */
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

/** A value left out of a contact that was imported anyway. */
export interface ImportWarning {
  line: number;
  message: string;
}

/** A row that is the same person as an earlier row of the same file, merged into it. */
export interface MergedRow {
  line: number;
  /** the line of the row it was merged into */
  into: number;
  reason: string;
}

export interface ColumnReport {
  index: number;
  header: string;
  status: MappingStatus;
  /** the field in the preview's list, or null for a label column ("E-mail 1 - Type") */
  field: ImportField | null;
  /** what the column becomes, in words: "E-mail", "Phone (mobile)", "Custom field “Birthday”" */
  description: string;
  samples: string[];
}

/** How the file was read: what the preview shows before anything is written. */
export interface SourceInfo {
  format: ImportFormat;
  /** how the file's bytes were read, e.g. 'utf-8', 'utf-16le', 'windows-1252' */
  encoding: string;
  /** the application whose export this is ("Outlook (German)", "Spreadsheet", "vCard 3.0") */
  layout?: string;
  /** CSV: 1-based line of the header row */
  headerLine?: number | null;
  /** CSV: rows above the header that were skipped */
  skippedRows?: number;
  /** CSV: the delimiter, e.g. ',' or ';' */
  delimiter?: string;
  /** CSV: each column's mapping */
  columns?: ColumnReport[];
  /** a hash of the header row: the key the user's mapping is remembered under */
  headerHash?: string;
}

export interface ImportCounts {
  /** contacts (rows or cards) found in the file, valid or not */
  total: number;
  added: number;
  updated: number;
  unchanged: number;
  /** rows that were the same person as an earlier row and were merged into it */
  merged: number;
}

export interface ImportReport extends SourceInfo, ImportCounts {
  rejected: RejectedRow[];
  /** values left out of contacts that were imported (at most MAX_WARNINGS; warningCount has them all) */
  warnings: ImportWarning[];
  warningCount: number;
  mergedRows: MergedRow[];
  /** true when nothing was written: the file was unusable, or strict mode met an invalid row */
  aborted: boolean;
  /** the file holds no contacts Ferry can read at all (empty, no column names it knows) */
  unusable: boolean;
  strict: boolean;
  /** one sentence summing up the outcome, for the CLI and notifications */
  message: string;
}

/** The first this many warnings and merges are listed; the counts are always complete. */
export const MAX_LISTED = 1000;

export interface ImportOptions {
  /** all or nothing: one invalid row and nothing is written (default: import the valid rows, report the rest) */
  strict?: boolean;
  /**
   * @deprecated the valid rows are imported by default now; accepted so older
   * scripts keep working, and ignored
   */
  skipInvalid?: boolean;
  /** region for phone numbers without a country code; defaults to the user's setting */
  region?: string;
  now?: number;
  /** CSV: the user's choice per column index, over what Ferry recognised */
  mapping?: ReadonlyMap<number, ImportField>;
}

export function forEachRecord(source: RecordSource, visit: (record: ImportRecord) => void): void {
  if (typeof source === 'function') source(visit);
  else for (const record of source) visit(record);
}
