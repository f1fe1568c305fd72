import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/store/db';
import { createCard } from '../../main/store/cards';
import { listContacts } from '../../main/store/contacts';
import { importContactsFile } from '../../main/import/index';

/**
 * 81 real contact exports written by other projects (address books, vCard
 * libraries, converters; origins and licences in tests/fixtures/corpus/SOURCES.md)
 * against expectations established without Ferry (expected.json). Every file
 * is imported with the defaults a rep gets and checked for the number of
 * persons, the spot-checked names and e-mails, the number of usable e-mail
 * addresses and, for CSV, the line the column names are on. Where Ferry
 * departs from expected.json, corpus-corrections.json says where and why.
 */
const CORPUS = path.join(__dirname, '../fixtures/corpus');

interface Spot { name: string; email?: string; alt_names?: string[] }
interface Expected { format: 'csv' | 'vcard'; persons: number; merged: number; emails_total: number; header_line?: number; spot: Spot[] }
interface Correction { file: string; spot: { name: string; email: string | null }; replaces: { name: string; email?: string }; why: string }

const expected = JSON.parse(fs.readFileSync(path.join(CORPUS, 'expected.json'), 'utf8')) as Record<string, Expected>;
const { corrections } = JSON.parse(fs.readFileSync(path.join(CORPUS, '../corpus-corrections.json'), 'utf8')) as { corrections: Correction[] };

/** The spot checks with the corrections applied: a replaced e-mail of null means "the person, with this value set aside". */
function spotsOf(file: string, e: Expected): { name: string; names: string[]; email: string | null }[] {
  return e.spot.map((s) => {
    const fix = corrections.find((c) => c.file === file && c.replaces.name === s.name && c.replaces.email === s.email);
    return { name: s.name, names: [s.name, ...(s.alt_names ?? [])], email: fix ? fix.spot.email : s.email ?? null };
  });
}

let dir: string;
let db: Db;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-corpus-'));
  db = openDatabase(dir);
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the corpus of real exports', () => {
  it('holds the 81 files SOURCES.md lists, and every correction points at an expectation that exists', () => {
    expect(Object.keys(expected)).toHaveLength(81);
    for (const file of Object.keys(expected)) expect(fs.existsSync(path.join(CORPUS, file)), file).toBe(true);
    for (const c of corrections) {
      expect(expected[c.file]?.spot.some((s) => s.name === c.replaces.name && s.email === c.replaces.email), `${c.file}: ${c.replaces.email}`).toBe(true);
      expect(c.why.length).toBeGreaterThan(40);
    }
  });

  it.each(Object.keys(expected))('%s', (file) => {
    const e = expected[file]!;
    const cardId = createCard(db, file).id;
    const report = importContactsFile(db, cardId, path.join(CORPUS, file), { region: 'US', now: 1_700_000_000_000 });
    const contacts = listContacts(db, cardId, { limit: 5000 });
    const name = (c: (typeof contacts)[number]): string => `${c.firstName} ${c.lastName}`.trim();

    expect(report.format).toBe(e.format);
    expect(report.aborted, report.message).toBe(false);
    expect(contacts.length, report.message).toBe(e.persons);
    expect(report.merged).toBe(e.merged);
    if (e.header_line !== undefined) expect(report.headerLine).toBe(e.header_line);
    expect(contacts.reduce((n, c) => n + c.emails.length, 0)).toBe(e.emails_total);
    for (const spot of spotsOf(file, e)) {
      const candidates = contacts.filter((c) => spot.names.includes(name(c)));
      expect(candidates.length, `nobody named ${JSON.stringify(spot.name)} among ${contacts.slice(0, 5).map(name).join(', ')}`).toBeGreaterThan(0);
      if (spot.email !== null) {
        expect(candidates.some((c) => c.emails.some((m) => m.value === spot.email)), `${spot.name} <${spot.email}>`).toBe(true);
      }
    }
    // Whatever was set aside is explained in words, never in a parser's terms.
    for (const text of [...report.rejected.map((r) => r.reason), ...report.warnings.map((w) => w.message)]) {
      expect(text).not.toMatch(/token|Invalid parameters|jCard|undefined|\[object/);
    }
  });
});
