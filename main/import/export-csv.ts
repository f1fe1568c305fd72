import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Contact } from '../../preload/schemas/contact';
import type { Db } from '../store/db';
import { iterateContacts } from '../store/contacts';
import { PRIVATE_FILE_MODE, restrictFile } from '../store/private-files';
import { CUSTOM_PREFIX, readsAsCustomField } from './csv-columns';

/** Excel opens a UTF-8 file as UTF-8 only when it starts with a byte-order mark. */
const BOM = '\uFEFF';
const BATCH = 500;

interface Shape {
  emails: number;
  phones: number;
  addresses: number;
  /** custom field name -> its column header */
  custom: Map<string, string>;
}

/**
 * Spreadsheets run a cell that starts with = + - @ as a formula, and also one
 * that starts with a TAB or CR followed by one (OWASP, "CSV Injection":
 * https://owasp.org/www-community/attacks/CSV_Injection — "ensure that no cells
 * begin with any of the following characters: = + - @ Tab (0x09) Carriage
 * return (0x0D)"; OWASP ASVS 5.0 V1.2.10 adds NUL). Every such cell, header
 * row included (custom-field names are headers), gets a leading apostrophe,
 * and so does a cell that already starts with apostrophes before one of them,
 * so the importer's unguard (import/csv-row.ts), which removes exactly one,
 * restores the original text in every case. No exceptions, not even phone
 * numbers: "+1 555 0100" comes back as it was. A leading LF is guarded too: the
 * importer reads every CR as a line break (LF), so a cell that began "\r=" comes
 * back as "'\n=" and must still lose exactly its apostrophe.
 */
const FORMULA_START = /^'*[=+\-@\t\r\n\0]/;

export function guard(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function measure(db: Db, cardId: number): Shape {
  const shape: Shape = { emails: 0, phones: 0, addresses: 0, custom: new Map() };
  for (const c of iterateContacts(db, cardId)) {
    shape.emails = Math.max(shape.emails, c.emails.length);
    shape.phones = Math.max(shape.phones, c.phones.length);
    shape.addresses = Math.max(shape.addresses, c.addresses.length);
    for (const name of Object.keys(c.customFields)) {
      if (!shape.custom.has(name)) shape.custom.set(name, readsAsCustomField(name) ? name : `${CUSTOM_PREFIX}${name}`);
    }
  }
  return shape;
}

const times = (n: number, f: (i: number) => string[]): string[] => Array.from({ length: n }, (_, i) => f(i + 1)).flat();

function header(s: Shape): string[] {
  return [
    'First Name', 'Last Name', 'Company', 'Title',
    ...times(s.emails, (i) => [`Email ${i}`, `Email ${i} Label`]),
    ...times(s.phones, (i) => [`Phone ${i}`, `Phone ${i} Label`]),
    'Website',
    ...times(s.addresses, (i) => ['Street', 'City', 'Region', 'Postal Code', 'Country', 'Label'].map((p) => `Address ${i} ${p}`)),
    'Notes', 'Tags', 'Meeting Date', 'Met At', 'Event', 'Meeting Notes',
    ...s.custom.values(),
  ];
}

/** Tags holding a comma or semicolon are joined with ":::" so they come back whole. */
function joinTags(tags: readonly string[]): string {
  if (!tags.some((t) => /[,;]/.test(t))) return tags.join(', ');
  return tags.length === 1 ? `${tags[0]} :::` : tags.join(' ::: ');
}

function row(c: Contact, s: Shape): string[] {
  const cells = [
    c.firstName, c.lastName, c.company, c.title,
    ...times(s.emails, (i) => [c.emails[i - 1]?.value ?? '', c.emails[i - 1]?.label ?? '']),
    ...times(s.phones, (i) => [c.phones[i - 1]?.raw ?? '', c.phones[i - 1]?.label ?? '']),
    c.website,
    ...times(s.addresses, (i) => {
      const a = c.addresses[i - 1];
      return a ? [a.street, a.city, a.region, a.postalCode, a.country, a.label ?? ''] : ['', '', '', '', '', ''];
    }),
    c.notes, joinTags(c.tags), c.meeting.at ?? '', c.meeting.place, c.meeting.event, c.meeting.notes,
    ...[...s.custom.keys()].map((name) => c.customFields[name] ?? ''),
  ];
  return cells.map(guard);
}

/**
 * Streams a card's live contacts as CSV in the generic layout the importer
 * reads back to the same contacts. Two passes over the table: the first finds
 * how many e-mail, phone and address columns and which custom fields are needed.
 * Returns how many contacts were written.
 */
export function writeContactsCsv(db: Db, cardId: number, write: (chunk: string) => void): number {
  const shape = measure(db, cardId);
  write(BOM + stringify([header(shape).map(guard)]));
  let batch: string[][] = [];
  let count = 0;
  for (const contact of iterateContacts(db, cardId)) {
    batch.push(row(contact, shape));
    count++;
    if (batch.length === BATCH) {
      write(stringify(batch));
      batch = [];
    }
  }
  if (batch.length > 0) write(stringify(batch));
  return count;
}

export function exportContactsCsvString(db: Db, cardId: number): string {
  const chunks: string[] = [];
  writeContactsCsv(db, cardId, (chunk) => chunks.push(chunk));
  return chunks.join('');
}

/**
 * Writes the CSV next to its destination and renames it into place, so a
 * failed export never leaves a half-written file where a good one was.
 */
export function exportContactsCsv(db: Db, cardId: number, filePath: string): number {
  const target = path.resolve(filePath);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  // 0600: an export holds every contact, so only this user may read it (store/private-files.ts).
  const fd = fs.openSync(temp, 'w', PRIVATE_FILE_MODE);
  let count: number;
  try {
    count = writeContactsCsv(db, cardId, (chunk) => fs.writeSync(fd, chunk));
    fs.closeSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
  fs.renameSync(temp, target);
  restrictFile(target);
  return count;
}
