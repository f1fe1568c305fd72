import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../store/db';
import { withDeferredSearchIndex } from '../store/search-index';
import { getSettings } from '../store/settings';
import { readCsv } from './csv';
import { decodeText, utf8AsIs } from './decode';
import { createImportWriter, type WriterTally } from './import-writer';
import { forEachRecord, type ImportFormat, type ImportOptions, type ImportReport, type RecordSource } from './types';
import { readVcards } from './vcard';

/** Thrown inside the transaction to roll an aborted import back; never leaves this module. */
class AbortImport extends Error {}

/** A file that cannot be opened at all (missing, a folder, unreadable). */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

export interface SourceInfo {
  format: ImportFormat;
  encoding: string;
}

/**
 * Imports records into a card as ONE immediate transaction: contacts and their
 * outbox rows are written together, and an aborted import leaves the database
 * exactly as it was. By default any invalid record aborts the whole import;
 * with skipInvalid the valid ones are written and the rest reported.
 */
export function importContacts(
  db: Db,
  cardId: number,
  records: RecordSource,
  opts: ImportOptions = {},
  source: SourceInfo = { format: 'csv', encoding: 'utf-8' },
): ImportReport {
  const skipInvalid = opts.skipInvalid ?? false;
  const region = opts.region ?? getSettings(db).defaultPhoneRegion;
  const now = opts.now ?? Date.now();
  let tally: WriterTally | undefined;
  let aborted = false;
  try {
    db.transaction(() => {
      const writer = createImportWriter(db, { cardId, region, now, skipInvalid });
      tally = writer.tally;
      withDeferredSearchIndex(db, () => forEachRecord(records, writer.write));
      if (writer.tally.fatal !== null || (writer.tally.rejected.length > 0 && !skipInvalid)) throw new AbortImport();
    }).immediate();
  } catch (error) {
    if (!(error instanceof AbortImport)) throw error;
    aborted = true;
  }
  if (!tally) throw new Error('The import did not start.');
  return report(tally, aborted, source);
}

function report(t: WriterTally, aborted: boolean, source: SourceInfo): ImportReport {
  const written = aborted ? { added: 0, updated: 0, unchanged: 0 } : { added: t.added, updated: t.updated, unchanged: t.unchanged };
  return { ...source, total: t.total, ...written, rejected: t.rejected, aborted, message: summary(t, aborted, source.format) };
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function summary(t: WriterTally, aborted: boolean, format: ImportFormat): string {
  const unit = format === 'vcard' ? ['card', 'cards'] as const : ['row', 'rows'] as const;
  if (t.fatal !== null) return `Nothing was imported. ${t.fatal}`;
  const bad = t.rejected.length;
  if (aborted) {
    return `Nothing was imported because ${plural(bad, `${unit[0]} is`, `${unit[1]} are`)} invalid (see the list). ` +
      `Fix ${bad === 1 ? 'it' : 'them'}, or import again skipping invalid ${unit[1]} to import the other ${plural(t.valid, 'contact', 'contacts')}.`;
  }
  const done = `Imported ${plural(t.added + t.updated + t.unchanged, 'contact', 'contacts')}: ${t.added.toLocaleString('en-US')} new, ` +
    `${t.updated.toLocaleString('en-US')} updated, ${t.unchanged.toLocaleString('en-US')} unchanged`;
  return bad === 0 ? `${done}.` : `${done}; skipped ${plural(bad, `invalid ${unit[0]}`, `invalid ${unit[1]}`)}.`;
}

/** vCard when the text says so (BEGIN:VCARD first), else by the file name, else CSV. */
export function detectFormat(text: string, fileName?: string): ImportFormat {
  if (/^\s*BEGIN\s*:\s*VCARD/i.test(text.slice(0, 1024))) return 'vcard';
  if (fileName && /\.(vcf|vcard)$/i.test(fileName)) return 'vcard';
  return 'csv';
}

export interface TextImportOptions extends ImportOptions {
  /** the file's name, which helps tell vCard from CSV when the content does not */
  fileName?: string;
}

export function importContactsText(db: Db, cardId: number, text: string, opts: TextImportOptions = {}, encoding = 'utf-8'): ImportReport {
  const format = detectFormat(text, opts.fileName);
  const source: RecordSource = format === 'vcard' ? readVcards(text) : (visit) => readCsv(text, visit);
  return importContacts(db, cardId, source, opts, { format, encoding });
}

/** A file's contents ready to import: UTF-8 CSV bytes as they are, or decoded text. */
type Contents = { csv: Buffer } | { text: string; encoding: string };

/**
 * A UTF-8 CSV file is parsed from its bytes: the same rows as from its
 * decoded text, without a decoded copy of the whole file in memory.
 * Anything else is decoded (BOM, UTF-8, UTF-16, Latin-1, ...).
 */
function contentsOf(bytes: Uint8Array, fileName: string | undefined): Contents {
  const csv = utf8AsIs(bytes);
  if (csv && detectFormat(csv.subarray(0, 1024).toString(), fileName) === 'csv') return { csv };
  return decodeText(bytes);
}

function importContents(db: Db, cardId: number, contents: Contents, opts: TextImportOptions): ImportReport {
  if ('text' in contents) return importContactsText(db, cardId, contents.text, opts, contents.encoding);
  const { csv } = contents;
  return importContacts(db, cardId, (visit) => readCsv(csv, visit), opts, { format: 'csv', encoding: 'utf-8' });
}

/** For the UI, which sends the file's bytes. */
export function importContactsBuffer(db: Db, cardId: number, bytes: Uint8Array, opts: TextImportOptions = {}): ImportReport {
  return importContents(db, cardId, contentsOf(bytes, opts.fileName), opts);
}

export function importContactsFile(db: Db, cardId: number, filePath: string, opts: ImportOptions = {}): ImportReport {
  const fileName = path.basename(filePath);
  // The bytes are not held here: once decoded, a 100 MB file should not sit in memory twice during the import.
  return importContents(db, cardId, contentsOf(readFile(filePath), fileName), { ...opts, fileName });
}

function readFile(filePath: string): Buffer {
  try {
    return fs.readFileSync(filePath);
  } catch (error) {
    throw new ImportFileError(unreadable(filePath, error));
  }
}

function unreadable(filePath: string, error: unknown): string {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (code === 'ENOENT') return `There is no file at ${filePath}.`;
  if (code === 'EISDIR') return `${filePath} is a folder, not a contacts file.`;
  if (code === 'EACCES' || code === 'EPERM') return `Ferry is not allowed to read ${filePath}.`;
  return `Could not read ${filePath}: ${error instanceof Error ? error.message : String(error)}.`;
}
