import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { openDatabase, type Db } from '../../main/store/db';
import { createCard } from '../../main/store/cards';
import { countContacts, getContactBlobs, listContacts, searchContacts } from '../../main/store/contacts';
import { exportContactsCsv, exportContactsCsvString, importContactsBuffer, importContactsFile, importContactsText } from '../../main/import/index';

const FIXTURES = path.join(__dirname, '../fixtures/import');
let dir: string;
let db: Db;
let cardId: number;
const opts = { region: 'US', now: 1_700_000_000_000 };

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-import-'));
  db = openDatabase(dir);
  cardId = createCard(db, 'Test card').id;
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function connectAutomatic(): void {
  db.prepare(`INSERT INTO connections(card_id, kind, label, mode, created_at, updated_at) VALUES (?, 'hubspot', 'HubSpot', 'automatic', 0, 0)`).run(cardId);
}
const outboxCount = (): number => (db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;

describe('importing files into the store', () => {
  it('imports a Google export, makes it searchable, and queues every new contact for automatic connections', () => {
    connectAutomatic();
    const report = importContactsFile(db, cardId, path.join(FIXTURES, 'google-contacts.csv'), opts);
    expect(report).toMatchObject({ format: 'csv', encoding: 'utf-8', total: 2, added: 2, updated: 0, rejected: [], aborted: false });
    expect(report.message).toBe('Imported 2 contacts: 2 new, 0 updated, 0 unchanged.');
    expect(searchContacts(db, cardId, 'lovelace').map((c) => c.emails[0]?.value)).toEqual(['ada@engines.example']);
    expect(searchContacts(db, cardId, 'Analytical').length).toBe(1);
    expect(outboxCount()).toBe(2);
    const ada = listContacts(db, cardId).find((c) => c.firstName === 'Ada')!;
    expect(ada.phones[0]).toMatchObject({ raw: '+44 20 7946 0958', e164: '+442079460958' });
  });

  it('re-importing the same file updates instead of duplicating, and changes nothing when nothing changed', () => {
    const file = path.join(FIXTURES, 'outlook.csv');
    expect(importContactsFile(db, cardId, file, opts)).toMatchObject({ added: 1, updated: 0 });
    connectAutomatic();
    expect(importContactsFile(db, cardId, file, opts)).toMatchObject({ added: 0, updated: 0, unchanged: 1 });
    expect(countContacts(db, cardId)).toBe(1);
    expect(outboxCount()).toBe(0); // an unchanged contact is not sent again

    const changed = fs.readFileSync(file, 'utf8').replace('Director', 'VP Engineering');
    expect(importContactsText(db, cardId, changed, opts)).toMatchObject({ added: 0, updated: 1 });
    expect(listContacts(db, cardId)[0]).toMatchObject({ title: 'VP Engineering', version: 2 });
    expect(outboxCount()).toBe(1);
  });

  it('matches by e-mail regardless of case, else by name + company + phone, also within one file', () => {
    const text = [
      'First Name,Last Name,Email,Phone,Company,Notes',
      'Ada,Lovelace,Ada@Engines.example,,Engines,first',
      'Ada,Lovelace,ada@engines.example,+1 415 555 0100,Engines,',
      'Bob,Builder,,415-555-0199,Builder Co,',
      'bob,builder,,(415) 555 0199,builder co,has no e-mail',
    ].join('\n');
    const report = importContactsText(db, cardId, text, opts);
    expect(report).toMatchObject({ total: 4, added: 2, updated: 0, merged: 2 });
    expect(report.mergedRows).toEqual([
      { line: 3, into: 2, reason: 'Same person as line 2 (the same e-mail address, ada@engines.example): the two were merged into one contact.' },
      { line: 5, into: 4, reason: 'Same person as line 4 (the same name, company and phone): the two were merged into one contact.' },
    ]);
    expect(report.message).toBe('Imported 2 contacts: 2 new, 0 updated, 0 unchanged; 2 rows were the same person as an earlier row and were merged.');
    const [ada, bob] = listContacts(db, cardId).sort((a, b) => a.firstName.localeCompare(b.firstName));
    expect(ada).toMatchObject({ notes: 'first', phones: [expect.objectContaining({ e164: '+14155550100' })] });
    expect(bob!.notes).toBe('has no e-mail');
  });

  it('keeps what the rep added in Ferry when an older file is imported again', () => {
    importContactsText(db, cardId, 'First Name,Email,Tags\nAda,ada@example.com,vip\n', opts);
    importContactsText(db, cardId, 'First Name,Email,Phone,Tags\nAda,ada@example.com,+1 415 555 0100,lead\n', opts);
    expect(listContacts(db, cardId)[0]).toMatchObject({ tags: ['lead', 'vip'], phones: [expect.objectContaining({ raw: '+1 415 555 0100' })] });
  });

  it('by default imports every person, sets bad values aside with a warning per line, and rejects only rows with no one in them', () => {
    connectAutomatic();
    const text = 'First Name,Email,Meeting Date\nAda,ada@example.com,2024-05-31\nBob,bob(at)example.com,\nCarl,carl@example.com,sometime\n' +
      ',,\n,not-an-address,\n"Dana,dana@example.com,\n';
    const report = importContactsText(db, cardId, text, opts);
    expect(report).toMatchObject({ aborted: false, strict: false, added: 3, total: 5 });
    expect(report.warnings).toEqual([
      { line: 3, message: '"bob(at)example.com" is not an e-mail address, so it was left out.' },
      { line: 4, message: 'The meeting date "sometime" is not a date Ferry can read (write it as YYYY-MM-DD, for example 2024-05-31), so it was left out.' },
    ]);
    expect(report.rejected).toEqual([
      { line: 6, reason: expect.stringMatching(/^This row has no name, e-mail, phone or company once the values that could not be used were left out/) },
      { line: 7, reason: expect.stringContaining('never closed') },
    ]);
    expect(report.message).toBe('Imported 3 contacts: 3 new, 0 updated, 0 unchanged; skipped 2 invalid rows; 2 values could not be used and were left out.');
    expect(listContacts(db, cardId).map((c) => [c.firstName, c.emails.map((e) => e.value)]).sort()).toEqual([
      ['Ada', ['ada@example.com']], ['Bob', []], ['Carl', ['carl@example.com']],
    ]);
    expect(outboxCount()).toBe(3);
  });

  it('with strict (all or nothing) writes nothing when a row is invalid, and lists every invalid row with its line and reason', () => {
    connectAutomatic();
    const text = 'First Name,Email\nAda,ada@example.com\n,,\n,nobody\n"Dana,dana@example.com\n';
    const report = importContactsText(db, cardId, text, { ...opts, strict: true });
    expect(report).toMatchObject({ aborted: true, strict: true, added: 0, total: 3 });
    expect(report.rejected.map((r) => r.line)).toEqual([4, 5]);
    expect(report.message).toMatch(/^Nothing was imported because 2 rows are invalid and all-or-nothing is on/);
    expect(countContacts(db, cardId)).toBe(0);
    expect(outboxCount()).toBe(0);
  });

  it('skipInvalid, the old spelling of the default, changes nothing', () => {
    const text = 'First Name,Email\nAda,ada@example.com\n,nobody\n';
    expect(importContactsText(db, cardId, text, { ...opts, skipInvalid: true })).toMatchObject({ added: 1, rejected: [{ line: 3 }], aborted: false });
    expect(importContactsText(db, cardId, text, { ...opts, skipInvalid: false })).toMatchObject({ unchanged: 1, rejected: [{ line: 3 }], aborted: false });
  });

  it('reports an empty file clearly and writes nothing, even when skipping invalid rows', () => {
    fs.writeFileSync(path.join(dir, 'empty.csv'), '');
    const report = importContactsFile(db, cardId, path.join(dir, 'empty.csv'), opts);
    expect(report).toMatchObject({ aborted: true, added: 0, total: 0, rejected: [{ line: 1, reason: expect.stringMatching(/empty/) }] });
    expect(report.message).toMatch(/^Nothing was imported\. The file is empty/);
    expect(() => importContactsFile(db, cardId, path.join(dir, 'missing.csv'), opts)).toThrow(/There is no file at/);
  });

  it('stores UTF-16, Latin-1, emoji and right-to-left names exactly', () => {
    const rows = 'First Name,Last Name,Email\r\nJürgen,Müller,j@example.de\r\nZoë,Brontë,z@example.org\r\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rows, 'utf16le')]);
    expect(importContactsBuffer(db, cardId, utf16, opts)).toMatchObject({ added: 2, encoding: 'utf-16le' });
    // The same people in Latin-1 bytes are the same contacts: nothing new.
    expect(importContactsBuffer(db, cardId, iconv.encode(rows, 'latin1'), opts)).toMatchObject({ added: 0, unchanged: 2 });
    importContactsText(db, cardId, 'First Name,Last Name,Email\nمحمد,العلي 🚀,m@example.sa\nשרה,כהן,s@example.il\n', opts);
    expect(listContacts(db, cardId).map((c) => `${c.firstName} ${c.lastName}`).sort()).toEqual(['Jürgen Müller', 'Zoë Brontë', 'محمد العلي 🚀', 'שרה כהן'].sort());
    expect(searchContacts(db, cardId, 'muller').length).toBe(1);
  });

  it('stores a 10 MB notes field intact', () => {
    const notes = `${'Ünïcödé notes, with "quotes" and\nline breaks. '.repeat(230_000)}end`;
    expect(notes.length).toBeGreaterThan(10_000_000);
    const text = `First Name,Email,Notes\nAda,ada@example.com,"${notes.replace(/"/g, '""')}"\n`;
    expect(importContactsBuffer(db, cardId, Buffer.from(text), opts)).toMatchObject({ added: 1 });
    expect(listContacts(db, cardId)[0]!.notes).toBe(notes);
  });

  it('imports vCards with their photo as the avatar, and a re-import leaves them unchanged', () => {
    for (const name of ['contacts-v3.vcf', 'contacts-v4.vcf', 'quoted-printable.vcf']) {
      expect(importContactsFile(db, cardId, path.join(FIXTURES, name), opts)).toMatchObject({ format: 'vcard', aborted: false, rejected: [] });
    }
    expect(countContacts(db, cardId)).toBe(5);
    const alan = searchContacts(db, cardId, 'turing')[0]!;
    expect(alan.hasAvatar).toBe(true);
    expect(getContactBlobs(db, alan.id).avatar?.subarray(1, 4).toString()).toBe('PNG');
    expect(importContactsFile(db, cardId, path.join(FIXTURES, 'contacts-v3.vcf'), opts)).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
  });
});

describe('exporting to CSV', () => {
  it('round-trips: the exported file re-imports to the same contacts with nothing changed', () => {
    for (const name of ['google-contacts.csv', 'outlook.csv', 'generic.csv', 'contacts-v3.vcf', 'quoted-printable.vcf']) {
      importContactsFile(db, cardId, path.join(FIXTURES, name), opts);
    }
    importContactsText(db, cardId, 'First Name,Email,Tags,Company\nEve,eve@example.com,"Smith, Jones :::",=HYPERLINK("x")\n', opts);
    const before = listContacts(db, cardId);
    const file = path.join(dir, 'export.csv');
    expect(exportContactsCsv(db, cardId, file)).toBe(before.length);
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain(`'=HYPERLINK`);

    // Into the same card: every contact is recognised and unchanged.
    expect(importContactsFile(db, cardId, file, opts)).toMatchObject({ added: 0, updated: 0, unchanged: before.length, rejected: [] });

    // Into a fresh card: the same people, field for field.
    const other = createCard(db, 'Other').id;
    expect(importContactsFile(db, other, file, opts)).toMatchObject({ added: before.length, rejected: [] });
    const strip = (c: (typeof before)[number]): object => {
      const { id: _id, uid: _uid, cardId: _card, hasAvatar: _a, source: _s, createdAt: _c, updatedAt: _u, version: _v, ...fields } = c;
      return fields;
    };
    const key = (c: { firstName: string; lastName: string }): string => `${c.firstName} ${c.lastName}`;
    const sorted = (list: typeof before): object[] => [...list].sort((a, b) => key(a).localeCompare(key(b))).map(strip);
    expect(sorted(listContacts(db, other))).toEqual(sorted(before));
    expect(exportContactsCsvString(db, other)).toBe(exportContactsCsvString(db, cardId));
  });
});
