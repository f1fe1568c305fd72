import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeText } from '../../main/import/decode';

const sample = 'First Name,Last Name\r\nJürgen,Müller\r\nZoë,Brontë\r\nمحمد,😀 כהן\r\n';
const expected = 'First Name,Last Name\nJürgen,Müller\nZoë,Brontë\nمحمد,😀 כהן\n';

describe('decodeText', () => {
  it('reads UTF-8 without a BOM and turns CRLF into LF', () => {
    expect(decodeText(Buffer.from(sample, 'utf8'))).toEqual({ text: expected, encoding: 'utf-8', bom: false });
  });

  it('drops a UTF-8 byte-order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample, 'utf8')]);
    expect(decodeText(bytes)).toEqual({ text: expected, encoding: 'utf-8', bom: true });
  });

  it('reads UTF-16 little-endian and big-endian with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sample, 'utf16le')]);
    expect(decodeText(le)).toMatchObject({ text: expected, encoding: 'utf-16le' });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(sample, 'utf-16be')]);
    expect(decodeText(be)).toMatchObject({ text: expected, encoding: 'utf-16be' });
  });

  it('recognises UTF-16 LE that has no BOM', () => {
    const latin = 'Name,E-mail\nJürgen Müller,j@example.de\n';
    expect(decodeText(Buffer.from(latin, 'utf16le')).text).toBe(latin);
  });

  it('reads Latin-1 bytes (as Excel writes them) as the characters they mean', () => {
    const latin = 'First Name,Last Name\r\nJürgen,Müller\r\nZoë,Brontë\r\nFrançois,Señor\r\n';
    const decoded = decodeText(iconv.encode(latin, 'latin1'));
    expect(decoded.text).toBe(latin.replace(/\r\n/g, '\n'));
    expect(decoded.encoding).not.toBe('utf-8');
  });

  it('reads Windows-1252 curly quotes and the euro sign', () => {
    const text = 'Notes\n“Budget” 5 € – approved\n';
    expect(decodeText(iconv.encode(text, 'windows-1252')).text).toBe(text);
  });

  it('turns old Mac CR line endings into LF and returns empty text for an empty file', () => {
    expect(decodeText(Buffer.from('a\rb\r')).text).toBe('a\nb\n');
    expect(decodeText(Buffer.alloc(0))).toEqual({ text: '', encoding: 'utf-8', bom: false });
  });

  it('reads CR CR LF (a CRLF file converted to CRLF again) as one line break, and every ending the same way', () => {
    const lines = ['BEGIN:VCARD', 'FN:Ngozi', ' Okonkwo', 'END:VCARD'];
    for (const ending of ['\n', '\r\n', '\r', '\r\r\n']) {
      expect(decodeText(Buffer.from(lines.join(ending) + ending)).text, JSON.stringify(ending)).toBe(`${lines.join('\n')}\n`);
    }
  });
});
