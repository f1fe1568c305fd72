import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContactInput } from '../../preload/schemas/contact';
import { parseCsv, readCsv } from '../../main/import/csv';
import type { ImportRecord } from '../../main/import/types';
import type { CsvLayout } from '../../main/import/csv';
import type { ImportField } from '../../preload/schemas/contacts-api';

const fixture = (name: string): string => fs.readFileSync(path.join(__dirname, '../fixtures/import', name), 'utf8');

function contacts(records: ImportRecord[]): (ContactInput & { line: number })[] {
  return records.map((r) => {
    if ('error' in r) throw new Error(`line ${r.line}: ${r.error}`);
    return { ...r.input, line: r.line };
  });
}

describe('CSV import: Google Contacts exports', () => {
  it('reads names, several e-mails and phones with their labels, organisation, address, website, groups and notes', () => {
    const [ada, grace] = contacts(parseCsv(fixture('google-contacts.csv')));
    expect(ada).toMatchObject({
      line: 2,
      firstName: 'Ada',
      lastName: 'Lovelace',
      company: 'Analytical Engines Ltd',
      title: 'Founder',
      website: 'https://engines.example',
      notes: 'Met at the Analytical Engine demo.\nFollow up in May.',
      tags: ['Investors'],
      emails: [{ value: 'ada@engines.example', label: 'Work' }, { value: 'ada.home@example.org', label: 'Home' }],
      phones: [
        { raw: '+44 20 7946 0958', label: 'Mobile' },
        { raw: '+44 20 7946 0000', label: 'Work' },
        { raw: '+44 20 7946 0001', label: 'Work' },
      ],
      addresses: [{ label: 'Work', street: "12 St James's Square", city: 'London', postalCode: 'SW1Y 4JH', country: 'United Kingdom' }],
      customFields: { 'Organization 1 - Department': 'Research' },
    });
    // The row spans two lines (a multi-line note); the next contact's line number counts both.
    expect(grace).toMatchObject({ line: 5, firstName: 'Grace', lastName: 'Hopper', company: 'US Navy', title: 'Rear Admiral', tags: [] });
  });

  it('reads the newer layout with First Name, Organization Name and Labels', () => {
    const [linus] = contacts(parseCsv(fixture('google-contacts-new.csv')));
    expect(linus).toMatchObject({
      firstName: 'Linus', lastName: 'Torvalds', company: 'Linux Foundation', title: 'Fellow', tags: ['Speakers'],
      emails: [{ value: 'linus@kernel.example', label: 'Work' }], phones: [{ raw: '+1 503 555 0101', label: 'Mobile' }],
      addresses: [{ label: 'Work', street: '1 Penguin Way', city: 'Portland', region: 'OR', postalCode: '97201', country: 'USA' }],
      website: 'https://kernel.example', notes: 'Kernel maintainer',
    });
  });
});

describe('CSV import: generic spreadsheets', () => {
  it('matches column names whatever their case and spacing, reads meeting columns, and keeps unknown columns as custom fields', () => {
    const [ana] = contacts(parseCsv(fixture('generic.csv')));
    expect(ana).toMatchObject({
      firstName: 'Ana', lastName: 'García', company: 'Tapas SL', title: 'CEO', website: 'https://tapas.example',
      emails: [{ value: 'ana@example.es' }], phones: [{ raw: '612 345 678', label: 'mobile' }], tags: ['spain', 'food'],
      meeting: { at: '2024-03-15', place: 'Booth 12', event: 'Web Summit' },
      customFields: { 'Shoe Size': '38' },
    });
  });

  it('splits a single full-name column and reads semicolon-separated files', () => {
    const [a, b] = contacts(parseCsv('Name;Email\nAnna Maria Schmidt;anna@example.de\n"Müller, Jürgen";j@example.de\n'));
    expect(a).toMatchObject({ firstName: 'Anna Maria', lastName: 'Schmidt', emails: [{ value: 'anna@example.de' }] });
    expect(b).toMatchObject({ firstName: 'Jürgen', lastName: 'Müller' });
  });

  it('keeps emoji and right-to-left names exactly', () => {
    const [a, b] = contacts(parseCsv('First Name,Last Name,Company\nمحمد,العلي,شركة 🚀\nשרה,כהן 😀,\n'));
    expect(a).toMatchObject({ firstName: 'محمد', lastName: 'العلي', company: 'شركة 🚀' });
    expect(b).toMatchObject({ firstName: 'שרה', lastName: 'כהן 😀' });
  });

  it('reads a file with 1,000 columns, every unknown one as a custom field', () => {
    const extra = Array.from({ length: 997 }, (_, i) => `Extra ${i + 1}`);
    const text = `First Name,Last Name,Email,${extra.join(',')}\nAda,Lovelace,ada@example.com,${extra.map((_, i) => `v${i + 1}`).join(',')}\n`;
    const [ada] = contacts(parseCsv(text));
    expect(Object.keys(ada!.customFields ?? {})).toHaveLength(997);
    expect(ada!.customFields?.['Extra 997']).toBe('v997');
  });

  it('keeps a 10 MB notes field intact', () => {
    const notes = 'Lorem ipsum, "quoted" and\nmulti-line. '.repeat(10 * 1024 * 1024 / 38);
    const text = `First Name,Notes,Email\nAda,"${notes.replace(/"/g, '""')}",ada@example.com\nBob,short,bob@example.com\n`;
    const [ada, bob] = contacts(parseCsv(text));
    expect(ada!.notes).toBe(notes);
    expect(bob).toMatchObject({ firstName: 'Bob', line: 3 + notes.split('\n').length - 1 });
  });

  it('skips rows that are entirely empty, as spreadsheets write them', () => {
    expect(contacts(parseCsv('First Name,Email\nAda,ada@example.com\n,,\n , \n\n'))).toHaveLength(1);
  });
});

describe('CSV import: broken files', () => {
  it('reports a quote that is never closed by its line and still reads the rows around it', () => {
    const records = parseCsv('First Name,Email\nAda,ada@example.com\n"Bob,bob@example.com\nCarl,carl@example.com\n');
    expect(records).toEqual([
      expect.objectContaining({ line: 2, input: expect.objectContaining({ firstName: 'Ada' }) }),
      { line: 3, error: expect.stringContaining('line 3') },
      expect.objectContaining({ line: 4, input: expect.objectContaining({ firstName: 'Carl' }) }),
    ]);
  });

  it('keeps a stray quote inside a value as text', () => {
    const [a] = contacts(parseCsv('First Name,Company\nAda,The "Engine" Co\n'));
    expect(a!.company).toBe('The "Engine" Co');
  });

  it('says clearly when the file is empty, has no rows, or has no recognisable header', () => {
    expect(parseCsv('')).toEqual([{ line: 1, error: expect.stringMatching(/empty/), fatal: true }]);
    expect(parseCsv('\n\n')).toEqual([{ line: 1, error: expect.stringMatching(/empty/), fatal: true }]);
    expect(parseCsv('First Name,Email\n')).toEqual([{ line: 1, error: expect.stringMatching(/no contacts/), fatal: true }]);
    expect(parseCsv('ada@example.com,Ada\n')).toEqual([{ line: 1, error: expect.stringMatching(/column names/), fatal: true }]);
  });
});

function layoutOf(text: string, choices?: Map<number, ImportField>): { layout: CsvLayout; records: ImportRecord[] } {
  const records: ImportRecord[] = [];
  const layout = readCsv(text, (r) => records.push(r), choices ? { choices } : {});
  return { layout, records };
}

describe('CSV import: finding the header row', () => {
  it('skips a preamble (LinkedIn\'s "Notes:" block, a report title) and reads the rows below the column names', () => {
    const text = 'Notes:\n"When exporting your connection data, you may notice that some e-mail addresses are missing, see https://x.example"\n\n' +
      'First Name,Last Name,Email Address,Company\nAda,Lovelace,ada@example.com,Engines\n';
    const { layout, records } = layoutOf(text);
    expect(layout).toMatchObject({ headerLine: 4, skippedRows: 2, delimiter: ',' });
    expect(contacts(records)).toEqual([expect.objectContaining({ line: 5, firstName: 'Ada', emails: [{ value: 'ada@example.com' }] })]);

    const report = 'Contacts report — generated 2024-05-01;;\nFirst Name;Last Name;E-Mail\nPeter;Pan;peter@example.eu\n';
    expect(layoutOf(report).layout).toMatchObject({ headerLine: 2, skippedRows: 1, delimiter: ';' });
  });

  it('reads a file whose only column is "Primary Email" (Thunderbird), which used to be refused outright', () => {
    const records = parseCsv('Primary Email\ntest1@domain.tld\ntest2@domain.tld\n');
    expect(contacts(records).map((c) => c.emails)).toEqual([[{ value: 'test1@domain.tld' }], [{ value: 'test2@domain.tld' }]]);
  });

  it('finds the delimiter on the lines below a preamble, not on the first line alone', () => {
    const text = 'Exported by CRM\nName\tEmail\tPhone\nAda Lovelace\tada@example.com\t+44 20 7946 0958\n';
    const { layout, records } = layoutOf(text);
    expect(layout.delimiter).toBe('\t');
    expect(contacts(records)[0]).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', phones: [{ raw: '+44 20 7946 0958' }] });
  });
});

describe('CSV import: columns guessed from what they hold', () => {
  it('a column of e-mail addresses or of phone numbers under an unknown header is read as such, and marked "guessed"', () => {
    const text = 'Name,Kontakt,Handy,Notes\nAda Lovelace,ada@example.com,+44 7700 900123,met at the booth\n' +
      'Grace Hopper,grace@navy.example,(415) 555-0199,ask about ada@example.com\nAlan Turing,alan@bletchley.example,0161 496 0000,\n';
    const { layout, records } = layoutOf(text);
    expect(layout.plan!.columns.map((c) => [c.header, c.status, c.target.kind])).toEqual([
      ['Name', 'recognised', 'fullName'], ['Kontakt', 'guessed', 'email'], ['Handy', 'guessed', 'phone'], ['Notes', 'recognised', 'notes'],
    ]);
    expect(contacts(records)[1]).toMatchObject({ emails: [{ value: 'grace@navy.example' }], phones: [{ raw: '(415) 555-0199' }] });
  });

  it('does not take a column of notes that mention an address now and then, or of dates and postcodes, for e-mails or phones', () => {
    const text = 'Name,Remarks,Since,Code\nA,write to a@example.com,2024-01-15,75001\nB,likes tea,2023-11-02,10115\nC,call back,2022-07-30,20457\n';
    expect(layoutOf(text).layout.plan!.columns.slice(1).map((c) => c.status)).toEqual(['custom', 'custom', 'custom']);
  });

  it('a column with no header at all is guessed too', () => {
    const { layout, records } = layoutOf('First Name,,Company\nAda,ada@example.com,Engines\n');
    expect(layout.plan!.columns[1]).toMatchObject({ status: 'guessed', target: { kind: 'email' } });
    expect(contacts(records)[0]!.emails).toEqual([{ value: 'ada@example.com' }]);
  });
});

describe('CSV import: the user\'s mapping', () => {
  it('a column mapped by hand gets that field, and takes it from a column Ferry recognised', () => {
    const text = 'First Name,Company,Firm,Cell\nAda,Old Co,Analytical Engines,+44 7700 900123\n';
    const choices = new Map<number, ImportField>([[1, 'ignore'], [2, 'company'], [3, 'phone']]);
    const { layout, records } = layoutOf(text, choices);
    expect(layout.plan!.columns.map((c) => c.status)).toEqual(['recognised', 'chosen', 'chosen', 'chosen']);
    expect(contacts(records)[0]).toMatchObject({ company: 'Analytical Engines', phones: [{ raw: '+44 7700 900123' }] });
    expect(contacts(records)[0]!.customFields).toEqual({});
  });
});
