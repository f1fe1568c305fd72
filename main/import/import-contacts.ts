import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../store/db';
import { withDeferredSearchIndex } from '../store/search-index';
import { getSettings } from '../store/settings';
import { columnReport } from './column-report';
import { readCsv, type CsvLayout, type CsvText } from './csv';
import { decodeText, utf8AsIs } from './decode';
import { createImportWriter, type WriterTally } from './import-writer';
import { headerHash, rememberedMapping } from './mapping-memory';
import { forEachRecord, type ImportFormat, type ImportOptions, type ImportReport, type RecordSource, type SourceInfo } from './types';
import { readVcards, vcardLayout } from './vcard';

/** Thrown inside the transaction to roll an aborted import back; never leaves this module. */
class AbortImport extends Error {}

/** A file that cannot be opened at all (missing, a folder, unreadable). */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

export interface TextImportOptions extends ImportOptions {
  /** the file's name, which helps tell vCard from CSV when the content does not */
  fileName?: string;
}

/** A file's contents ready to import: UTF-8 CSV bytes as they are, or decoded text. */
type Contents = { csv: Buffer } | { text: string; encoding: string };

/** A source of records and, once it has been read, what it says about the file. */
interface ReadableFile {
  source: RecordSource;
  info: () => SourceInfo;
}

/** vCard when the text says so (BEGIN:VCARD first), else by the file name, else CSV. */
export function detectFormat(text: string, fileName?: string): ImportFormat {
  if (/^\s*BEGIN\s*:\s*VCARD/i.test(text.slice(0, 1024))) return 'vcard';
  if (fileName && /\.(vcf|vcard)$/i.test(fileName)) return 'vcard';
  return 'csv';
}

const LEGACY = /^(windows-|iso-8859-|cp|shift_jis|euc-|gb|big5|koi8)/i;

function openContents(db: Db, contents: Contents, opts: TextImportOptions): ReadableFile {
  if ('text' in contents && detectFormat(contents.text, opts.fileName) === 'vcard') {
    const { text, encoding } = contents;
    // Quoted-printable bytes with no CHARSET are read in the file's own code page when it has one.
    const fallbackCharset = LEGACY.test(encoding) ? encoding : undefined;
    return {
      source: readVcards(text, fallbackCharset ? { fallbackCharset } : {}),
      info: () => ({ format: 'vcard', encoding, layout: vcardLayout(text) }),
    };
  }
  const text: CsvText = 'csv' in contents ? contents.csv : contents.text;
  const encoding = 'csv' in contents ? 'utf-8' : contents.encoding;
  let layout: CsvLayout | undefined;
  const choices = opts.mapping;
  return {
    source: (visit) => {
      layout = readCsv(text, visit, choices ? { choices } : { choicesFor: (headers) => rememberedMapping(db, headers) });
    },
    info: () => csvInfo(encoding, layout),
  };
}

function csvInfo(encoding: string, layout: CsvLayout | undefined): SourceInfo {
  const plan = layout?.plan;
  return {
    format: 'csv',
    encoding,
    layout: plan?.format ?? 'CSV',
    headerLine: layout?.headerLine ?? null,
    skippedRows: layout?.skippedRows ?? 0,
    delimiter: layout?.delimiter ?? ',',
    columns: plan ? plan.columns.map((c) => columnReport(c, layout?.samples[c.index] ?? [])) : [],
    ...(plan ? { headerHash: headerHash(plan.columns.map((c) => c.header)) } : {}),
  };
}

/**
 * Imports records into a card as ONE immediate transaction: contacts and their
 * outbox rows are written together, and an aborted import leaves the database
 * exactly as it was. By default the valid records are written and the invalid
 * ones reported; in strict mode any invalid record aborts the whole import.
 * With dryRun nothing is written at all: the counts say what an import would do.
 */
function run(db: Db, cardId: number, file: ReadableFile, opts: ImportOptions, dryRun: boolean): ImportReport {
  const strict = opts.strict ?? false;
  const region = opts.region ?? getSettings(db).defaultPhoneRegion;
  const now = opts.now ?? Date.now();
  let tally: WriterTally | undefined;
  let unit: 'row' | 'card' = 'row';
  let aborted = false;
  const work = (): void => {
    const info = file.info();
    unit = info.format === 'vcard' ? 'card' : 'row';
    const writer = createImportWriter(db, { cardId, region, now, strict, dryRun, unit });
    tally = writer.tally;
    const read = (): void => forEachRecord(file.source, writer.write);
    if (dryRun) read();
    else withDeferredSearchIndex(db, read);
    if (writer.tally.fatal !== null || (writer.tally.rejected.length > 0 && strict)) throw new AbortImport();
  };
  try {
    if (dryRun) db.transaction(work).deferred();
    else db.transaction(work).immediate();
  } catch (error) {
    if (!(error instanceof AbortImport)) throw error;
    aborted = true;
  }
  if (!tally) throw new Error('The import did not start.');
  return report(tally, aborted, strict, dryRun, file.info());
}

function report(t: WriterTally, aborted: boolean, strict: boolean, dryRun: boolean, source: SourceInfo): ImportReport {
  const counted = aborted && !dryRun
    ? { added: 0, updated: 0, unchanged: 0, merged: 0 }
    : { added: t.added, updated: t.updated, unchanged: t.unchanged, merged: t.merged };
  return {
    ...source, total: t.total, ...counted, rejected: t.rejected, warnings: t.warnings, warningCount: t.warningCount,
    mergedRows: t.mergedRows, aborted, unusable: t.fatal !== null, strict, message: summary(t, aborted, strict, dryRun, source.format),
  };
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function summary(t: WriterTally, aborted: boolean, strict: boolean, dryRun: boolean, format: ImportFormat): string {
  const unit = format === 'vcard' ? ['card', 'cards'] as const : ['row', 'rows'] as const;
  if (t.fatal !== null) return `Nothing ${dryRun ? 'can be' : 'was'} imported. ${t.fatal}`;
  const bad = t.rejected.length;
  if (aborted || (dryRun && strict && bad > 0)) {
    return `Nothing ${dryRun ? 'would be' : 'was'} imported because ${plural(bad, `${unit[0]} is`, `${unit[1]} are`)} invalid ` +
      `and all-or-nothing is on (see the list). Fix ${bad === 1 ? 'it' : 'them'}, or import without all-or-nothing ` +
      `to import the other ${plural(t.valid, 'contact', 'contacts')}.`;
  }
  const people = t.added + t.updated + t.unchanged;
  const counts = `${t.added.toLocaleString('en-US')} new, ${t.updated.toLocaleString('en-US')} updated, ` +
    `${t.unchanged.toLocaleString('en-US')} unchanged`;
  const done = `${dryRun ? 'Would import' : 'Imported'} ${plural(people, 'contact', 'contacts')}: ${counts}`;
  const extras = [
    t.merged > 0 ? `${plural(t.merged, `${unit[0]} was`, `${unit[1]} were`)} the same person as an earlier ${unit[0]} and ${dryRun ? 'would be' : 'were'} merged` : '',
    bad > 0 ? `${dryRun ? 'would skip' : 'skipped'} ${plural(bad, `invalid ${unit[0]}`, `invalid ${unit[1]}`)}` : '',
    t.warningCount > 0 ? `${plural(t.warningCount, 'value', 'values')} could not be used and ${dryRun ? 'would be' : 'were'} left out` : '',
  ].filter((s) => s !== '');
  return extras.length === 0 ? `${done}.` : `${done}; ${extras.join('; ')}.`;
}

/** Imports records that are already read (tests, and callers with their own reader). */
export function importContacts(db: Db, cardId: number, records: RecordSource, opts: ImportOptions = {}, source: SourceInfo = { format: 'csv', encoding: 'utf-8' }): ImportReport {
  return run(db, cardId, { source: records, info: () => source }, opts, false);
}

export function importContactsText(db: Db, cardId: number, text: string, opts: TextImportOptions = {}, encoding = 'utf-8'): ImportReport {
  return run(db, cardId, openContents(db, { text, encoding }, opts), opts, false);
}

export function previewContactsText(db: Db, cardId: number, text: string, opts: TextImportOptions = {}, encoding = 'utf-8'): ImportReport {
  return run(db, cardId, openContents(db, { text, encoding }, opts), opts, true);
}

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

/** For the UI, which sends the file's bytes. */
export function importContactsBuffer(db: Db, cardId: number, bytes: Uint8Array, opts: TextImportOptions = {}): ImportReport {
  return run(db, cardId, openContents(db, contentsOf(bytes, opts.fileName), opts), opts, false);
}

export function previewContactsBuffer(db: Db, cardId: number, bytes: Uint8Array, opts: TextImportOptions = {}): ImportReport {
  return run(db, cardId, openContents(db, contentsOf(bytes, opts.fileName), opts), opts, true);
}

export function importContactsFile(db: Db, cardId: number, filePath: string, opts: ImportOptions = {}): ImportReport {
  const fileName = path.basename(filePath);
  // The bytes are not held here: once decoded, a 100 MB file should not sit in memory twice during the import.
  return run(db, cardId, openContents(db, contentsOf(readFile(filePath), fileName), { ...opts, fileName }), opts, false);
}

export function previewContactsFile(db: Db, cardId: number, filePath: string, opts: ImportOptions = {}): ImportReport {
  const fileName = path.basename(filePath);
  return run(db, cardId, openContents(db, contentsOf(readFile(filePath), fileName), { ...opts, fileName }), opts, true);
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
