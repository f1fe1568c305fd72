import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/store/db';
import { createCard } from '../../main/store/cards';
import { countContacts, listContacts } from '../../main/store/contacts';
import { importContactsText, previewContactsBuffer, previewContactsFile, previewContactsText, rememberMapping, toChoiceMap } from '../../main/import/index';
import { importContactFiles } from '../../main/runtime/adapters';

const FIXTURES = path.join(__dirname, '../fixtures/import');
let dir: string;
let db: Db;
let cardId: number;
const opts = { region: 'US', now: 1_700_000_000_000 };
const rows = (): number => (db.prepare('SELECT (SELECT COUNT(*) FROM contacts) + (SELECT COUNT(*) FROM outbox) AS n').get() as { n: number }).n;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-preview-'));
  db = openDatabase(dir);
  cardId = createCard(db, 'Test card').id;
  db.prepare(`INSERT INTO connections(card_id, kind, label, mode, created_at, updated_at) VALUES (?, 'hubspot', 'HubSpot', 'automatic', 0, 0)`).run(cardId);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('import preview', () => {
  it('says how the file is read (format, encoding, header line, each column with samples) and writes nothing', () => {
    const preview = previewContactsFile(db, cardId, path.join(FIXTURES, 'linkedin-connections.csv'), opts);
    expect(preview).toMatchObject({
      format: 'csv', encoding: 'utf-8', layout: 'LinkedIn connections', headerLine: 4, skippedRows: 2, delimiter: ',',
      total: 2, added: 2, updated: 0, unchanged: 0, merged: 0, rejected: [], aborted: false,
      message: 'Would import 2 contacts: 2 new, 0 updated, 0 unchanged.',
    });
    expect(preview.columns).toEqual([
      { index: 0, header: 'First Name', status: 'recognised', field: 'firstName', description: 'First name', samples: ['Grace', 'Alan'] },
      { index: 1, header: 'Last Name', status: 'recognised', field: 'lastName', description: 'Last name', samples: ['Hopper', 'Turing'] },
      { index: 2, header: 'URL', status: 'custom', field: 'custom', description: 'Custom field “LinkedIn profile”', samples: expect.any(Array) },
      { index: 3, header: 'Email Address', status: 'recognised', field: 'email', description: 'E-mail', samples: ['grace@navy.example'] },
      { index: 4, header: 'Company', status: 'recognised', field: 'company', description: 'Company', samples: ['US Navy', 'Bletchley Park'] },
      { index: 5, header: 'Position', status: 'recognised', field: 'title', description: 'Job title', samples: ['Rear Admiral', 'Cryptanalyst'] },
      { index: 6, header: 'Connected On', status: 'custom', field: 'custom', description: 'Custom field “Connected on LinkedIn”', samples: ['09 Dec 2023', '23 Jun 2024'] },
    ]);
    expect(rows()).toBe(0);
  });

  it('counts what an import would add, update, leave unchanged, merge and reject — and the import then does exactly that', () => {
    importContactsText(db, cardId, 'First Name,Email,Company\nAda,ada@example.com,Engines\nGrace,grace@navy.example,Navy\n', opts);
    const text = 'First Name,Email,Company\nAda,ada@example.com,Engines\nGrace,grace@navy.example,US Navy\nAlan,alan@example.com,\n' +
      'Alan,Alan@Example.com,Bletchley\n,,\n,not-an-address,\n';
    const before = rows();
    const preview = previewContactsText(db, cardId, text, opts);
    expect(preview).toMatchObject({ total: 5, added: 1, updated: 1, unchanged: 1, merged: 1, rejected: [{ line: 7 }] });
    expect(preview.mergedRows).toEqual([{ line: 5, into: 4, reason: expect.stringContaining('Same person as line 4') }]);
    expect(preview.message).toBe('Would import 3 contacts: 1 new, 1 updated, 1 unchanged; 1 row was the same person as an earlier row and would be merged; ' +
      'would skip 1 invalid row.');
    expect(rows()).toBe(before);
    const done = importContactsText(db, cardId, text, opts);
    expect(done).toMatchObject({ added: 1, updated: 1, unchanged: 1, merged: 1, rejected: [{ line: 7 }] });
  });

  it('in strict mode says nothing would be imported when a row is invalid', () => {
    const preview = previewContactsText(db, cardId, 'First Name,Email\nAda,ada@example.com\n,nobody\n', { ...opts, strict: true });
    expect(preview).toMatchObject({ aborted: true, strict: true, added: 1, rejected: [{ line: 3 }] });
    expect(preview.message).toMatch(/^Nothing would be imported because 1 row is invalid and all-or-nothing is on/);
  });

  it('previews vCards: the format and version, and what each card would become', () => {
    const preview = previewContactsBuffer(db, cardId, fs.readFileSync(path.join(FIXTURES, 'apple-junk-email.vcf')), { ...opts, fileName: 'astrid.vcf' });
    expect(preview).toMatchObject({ format: 'vcard', layout: 'vCard 3.0', added: 1 });
    expect(preview.warnings).toEqual([{ line: 1, message: '"email other" is not an e-mail address, so it was left out.' }]);
    expect(countContacts(db, cardId)).toBe(0);
  });

  it('a mapping chosen for a header is remembered for the next file with the same header, and a new mapping replaces it', async () => {
    const header = 'Vorname,Kontakt,Handy,Team\n';
    const first = `${header}Ada,ada@example.com,+44 7700 900123,Blue\n`;
    const report = await importContactFiles.importFile(db, {
      cardId, fileName: 'a.csv', content: { kind: 'text', data: first }, strict: false, region: 'US',
      mapping: [{ column: 2, field: 'ignore' }, { column: 3, field: 'company' }],
    });
    expect(report.columns.map((c) => c.status)).toEqual(['recognised', 'guessed', 'chosen', 'chosen']);
    expect(listContacts(db, cardId)[0]).toMatchObject({ company: 'Blue', phones: [] });

    // Next month's file from the same tool: the choices apply without asking, and the preview says so.
    const next = `${header}Grace,grace@navy.example,+1 415 555 0199,Red\n`;
    const preview = await importContactFiles.previewFile(db, { cardId, fileName: 'b.csv', content: { kind: 'text', data: next }, strict: false, region: 'US' });
    expect(preview.columns.map((c) => [c.header, c.status, c.field])).toEqual([
      ['Vorname', 'recognised', 'firstName'], ['Kontakt', 'guessed', 'email'], ['Handy', 'chosen', 'ignore'], ['Team', 'chosen', 'company'],
    ]);
    expect(preview.wouldWrite).toBe(true);
    // Another header is another file.
    const other = await importContactFiles.previewFile(db, { cardId, fileName: 'c.csv', content: { kind: 'text', data: 'Vorname,Team\nAda,Blue\n' }, strict: false, region: 'US' });
    expect(other.columns.map((c) => c.status)).toEqual(['recognised', 'custom']);
    // An empty mapping forgets the choices.
    rememberMapping(db, ['Vorname', 'Kontakt', 'Handy', 'Team'], []);
    const again = previewContactsText(db, cardId, next, opts);
    expect(again.columns!.map((c) => c.status)).toEqual(['recognised', 'guessed', 'guessed', 'custom']);
    expect(toChoiceMap([{ column: 1, field: 'email' }]).get(1)).toBe('email');
  });
});
