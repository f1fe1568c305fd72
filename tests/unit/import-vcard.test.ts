import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeText } from '../../main/import/decode';
import { parseVcards } from '../../main/import/vcard';
import type { ImportRecord, ParsedRecord } from '../../main/import/types';

const fixture = (name: string): string => decodeText(fs.readFileSync(path.join(__dirname, '../fixtures/import', name))).text;
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

function cards(records: ImportRecord[]): ParsedRecord[] {
  return records.map((r) => {
    if ('error' in r) throw new Error(`line ${r.line}: ${r.error}`);
    return r;
  });
}

describe('vCard import', () => {
  it('reads every card of a vCard 3.0 file: several EMAIL and TEL with labels, ORG, TITLE, ADR, URL, NOTE, CATEGORIES, PHOTO', () => {
    const [marie, rosalind] = cards(parseVcards(fixture('contacts-v3.vcf')));
    expect(marie!.line).toBe(1);
    expect(marie!.input).toMatchObject({
      firstName: 'Marie', lastName: 'Curie', company: 'Institut du Radium', title: 'Director', website: 'https://radium.example',
      emails: [{ value: 'marie@radium.example', label: 'work' }, { value: 'marie.home@example.fr', label: 'home' }],
      phones: [{ raw: '+33 6 12 34 56 78', label: 'cell' }, { raw: '+33 1 42 34 56 78', label: 'work' }],
      addresses: [{ label: 'work', street: '1 Rue Pierre et Marie Curie', city: 'Paris', postalCode: '75005', country: 'France' }],
      notes: 'Two Nobel prizes.\nPhysics and chemistry, 1903 and 1911.',
      tags: ['Scientists', 'VIP'],
      customFields: { Department: 'Physics' },
    });
    expect(marie!.avatar).toEqual(Buffer.from(PNG_1PX, 'base64'));
    expect(rosalind!.line).toBe(18);
    expect(rosalind!.input.notes).toBe('This note is long enough that the exporting phone folded it over two lines, and the fold must disappear when read.');
  });

  it('reads vCard 4.0 with CRLF endings, a tel: URI and a data: URI photo', () => {
    const [alan] = cards(parseVcards(fixture('contacts-v4.vcf')));
    expect(alan!.input).toMatchObject({
      firstName: 'Alan', lastName: 'Turing', emails: [{ value: 'alan@bletchley.example', label: 'work' }],
      phones: [{ raw: '+44-20-7946-0123', label: 'cell' }], tags: ['Cryptography'],
    });
    expect(alan!.avatar).toEqual(Buffer.from(PNG_1PX, 'base64'));
  });

  it('decodes quoted-printable values with soft line breaks and their CHARSET, and vCard 2.1 bare TYPE parameters', () => {
    const [juergen, zoe] = cards(parseVcards(fixture('quoted-printable.vcf')));
    expect(juergen!.input).toMatchObject({
      firstName: 'Jürgen', lastName: 'Müller',
      phones: [{ raw: '+49 170 1234567', label: 'cell' }, { raw: '+49 30 123456', label: 'work' }],
      emails: [{ value: 'juergen@example.de' }],
      notes: 'Erste Zeile\nZweite Zeile mit einem sehr langen Text, der umbrochen wurde — Straße',
    });
    expect(zoe!.input).toMatchObject({ firstName: 'Zoë', lastName: 'Brontë' });
  });

  it('reads a vCard file saved as UTF-16 or Latin-1', () => {
    const card = 'BEGIN:VCARD\r\nVERSION:3.0\r\nN:Brontë;Zoë;;;\r\nEMAIL:zoe@example.org\r\nEND:VCARD\r\n';
    for (const bytes of [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(card, 'utf16le')]), iconv.encode(card, 'latin1')]) {
      const [zoe] = cards(parseVcards(decodeText(bytes).text));
      expect(zoe!.input).toMatchObject({ firstName: 'Zoë', lastName: 'Brontë' });
    }
  });

  it('leaves out a line it cannot read, naming it in words, keeps the person, and reports a card with no readable line', () => {
    const text = 'BEGIN:VCARD\nVERSION:3.0\nFN:Good One\nEND:VCARD\n\nBEGIN:VCARD\nVERSION:3.0\nFN:Half Broken\nTEL;TYPE="cell:123\n' +
      'EMAIL:half@example.com\nEND:VCARD\nBEGIN:VCARD\nTHIS LINE IS NOT A PROPERTY\nEND:VCARD\nBEGIN:VCARD\nFN:Cut short\n';
    const records = parseVcards(text);
    expect(records).toEqual([
      expect.objectContaining({ line: 1, input: expect.objectContaining({ firstName: 'Good', lastName: 'One' }) }),
      expect.objectContaining({
        line: 6,
        input: expect.objectContaining({ firstName: 'Half', lastName: 'Broken', emails: [{ value: 'half@example.com' }] }),
        warnings: ['Line 9 could not be read, so it was left out: "TEL;TYPE="cell:123".'],
      }),
      { line: 12, error: 'The card starting on line 12 could not be read: none of its lines are written the way vCards are.' },
      { line: 15, error: expect.stringMatching(/line 15.*END:VCARD/) },
    ]);
    // Never the parser's own words ("invalid line (no token ...)").
    expect(JSON.stringify(records)).not.toMatch(/token|Invalid parameters/);
  });

  it('says clearly when the file is empty or holds no cards', () => {
    expect(parseVcards('')).toEqual([{ line: 1, fatal: true, error: expect.stringMatching(/empty/) }]);
    expect(parseVcards('hello\n')).toEqual([{ line: 1, fatal: true, error: expect.stringMatching(/no vCards/) }]);
  });
});

describe('vCard import: the files phones and address books really write', () => {
  const one = (name: string): ParsedRecord[] => cards(parseVcards(fixture(name)));

  it('an Apple card with a junk second EMAIL ("email other") keeps the person and the real address, with a warning', () => {
    const [astrid] = one('apple-junk-email.vcf');
    expect(astrid!.input).toMatchObject({ firstName: 'Astrid', lastName: 'Lindqvist', company: 'Nordic Design AB' });
    expect(astrid!.input.emails).toEqual([{ value: 'astrid@nordic.example' }, { value: 'email other' }]);
    // The junk value is set aside when the record is checked (validate.ts), not by the reader.
  });

  it('TEL;:number (an empty parameter, as OPPO/ColorOS phones write) is read, not the reason to lose the card', () => {
    const [li, mei] = one('oppo-empty-parameter.vcf');
    expect(li!.input).toMatchObject({ firstName: 'Li', lastName: 'Wang', emails: [{ value: 'li.wang@example.cn', label: 'home' }] });
    expect(li!.input.phones).toEqual([{ raw: '+86 138 0013 8000' }, { raw: '+86 139 0013 9000', label: 'cell' }]);
    expect(mei!.input).toMatchObject({ firstName: 'Mei', phones: [{ raw: '+86 137 0013 7000', label: 'cell' }] });
  });

  it('a raw line break inside LABEL, a broken property name and a lone CR inside a value cost nothing else on the card', () => {
    const [lena] = one('raw-line-breaks.vcf');
    expect(lena!.input).toMatchObject({
      firstName: 'Lena', lastName: 'Becker', emails: [{ value: 'lena@hafen.example' }], phones: [{ raw: '+49 40 123456', label: 'work' }],
      addresses: [{ label: 'work', street: 'Hafenstr. 4', city: 'Hamburg', postalCode: '20457', country: 'Deutschland' }],
      notes: 'first line\nsecond line',
    });
    expect(lena!.warnings ?? []).toEqual([]);
  });

  it('an iPhone card whose lines end CR CR LF keeps its folded photo and every field', () => {
    const [ngozi] = one('iphone-cr-cr-lf.vcf');
    expect(ngozi!.input).toMatchObject({
      firstName: 'Ngozi', lastName: 'Okonkwo', company: 'Lagos Textiles', emails: [{ value: 'ngozi@textiles.example', label: 'work' }],
      phones: [{ raw: '+234 803 555 0101', label: 'cell' }],
    });
    expect(ngozi!.input.notes).toMatch(/^Met at the Lagos trade fair; prefers WhatsApp/);
    expect(ngozi!.avatar).toEqual(Buffer.from(PNG_1PX, 'base64'));
  });

  it('vCard 2.1 quoted-printable with no CHARSET: UTF-8 bytes read as UTF-8, others in Windows-1252, never U+FFFD', () => {
    const [renee, piotr] = one('qp-no-charset.vcf');
    expect(renee!.input).toMatchObject({ firstName: 'Renée', lastName: 'Lefèvre', notes: "Café au lait, s'il vous plaît" });
    expect(piotr!.input).toMatchObject({ firstName: 'Piotr', lastName: 'Iksiński' });
    expect(JSON.stringify([renee, piotr])).not.toContain('\ufffd');
  });

  it('a QP value with no CHARSET in a file read as another code page is read in that code page', () => {
    const card = 'BEGIN:VCARD\r\nVERSION:2.1\r\nN;ENCODING=QUOTED-PRINTABLE:Iksi=F1ski;Piotr\r\nEND:VCARD\r\n';
    const [piotr] = cards(parseVcards(card, { fallbackCharset: 'iso-8859-2' }));
    expect(piotr!.input.lastName).toBe('Iksiński');
  });

  it('tries every PHOTO and keeps the first that is a picture; says so when none is', () => {
    const [omar, ken] = one('several-photos.vcf');
    expect(omar!.avatar).toEqual(Buffer.from(PNG_1PX, 'base64'));
    expect(omar!.warnings ?? []).toEqual([]);
    expect(ken!.avatar).toBeUndefined();
    expect(ken!.warnings).toEqual(['The photo is a link to a web page; Ferry keeps only photos stored in the file, so it was left out.']);
  });

  it('a card with only FN keeps the name as written, never reordered at a comma', () => {
    const [card] = cards(parseVcards('BEGIN:VCARD\nVERSION:4.0\nFN:URI PNG, version 4.0\nEND:VCARD\n'));
    expect(`${card!.input.firstName} ${card!.input.lastName}`).toBe('URI PNG, version 4.0');
  });
});
