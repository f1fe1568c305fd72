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

  it('reports a card it cannot parse by the line it starts on, and still reads the others', () => {
    const text = 'BEGIN:VCARD\nVERSION:3.0\nFN:Good One\nEND:VCARD\n\nBEGIN:VCARD\nVERSION:3.0\nFN:Broken\nTHIS LINE IS NOT A PROPERTY\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Also Good\nEND:VCARD\nBEGIN:VCARD\nFN:Cut short\n';
    const records = parseVcards(text);
    expect(records).toEqual([
      expect.objectContaining({ line: 1, input: expect.objectContaining({ firstName: 'Good', lastName: 'One' }) }),
      { line: 6, error: expect.stringContaining('line 6') },
      expect.objectContaining({ line: 11, input: expect.objectContaining({ firstName: 'Also', lastName: 'Good' }) }),
      { line: 15, error: expect.stringMatching(/line 15.*END:VCARD/) },
    ]);
  });

  it('says clearly when the file is empty or holds no cards', () => {
    expect(parseVcards('')).toEqual([{ line: 1, fatal: true, error: expect.stringMatching(/empty/) }]);
    expect(parseVcards('hello\n')).toEqual([{ line: 1, fatal: true, error: expect.stringMatching(/no vCards/) }]);
  });
});
