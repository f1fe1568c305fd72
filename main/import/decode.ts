import { isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';

export interface DecodedText {
  /** the file's text, without a byte-order mark, with every line ending as '\n' */
  text: string;
  /** how the bytes were read: 'utf-8', 'utf-16le', 'utf-16be', or a legacy code page such as 'windows-1252' */
  encoding: string;
  bom: boolean;
}

/** How many bytes chardet looks at: enough to tell code pages apart, cheap on a 100 MB file. */
const SNIFF_BYTES = 64 * 1024;

/**
 * Turns a file's bytes into text. Order matters: a byte-order mark is the
 * file's own statement and wins; then UTF-8 (valid UTF-8 is almost never an
 * accident); then BOM-less UTF-16 (NUL bytes in every other position); and
 * only then a guess among legacy code pages.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return done(new TextDecoder('utf-8').decode(buf.subarray(3)), 'utf-8', true);
  }
  if (buf[0] === 0xff && buf[1] === 0xfe) return done(iconv.decode(buf.subarray(2), 'utf-16le'), 'utf-16le', true);
  if (buf[0] === 0xfe && buf[1] === 0xff) return done(iconv.decode(buf.subarray(2), 'utf-16be'), 'utf-16be', true);

  const utf8 = strictUtf8(buf);
  if (utf8 !== null) return done(utf8, 'utf-8', false);

  const utf16 = sniffUtf16(buf);
  if (utf16) return done(iconv.decode(buf, utf16), utf16, false);

  const encoding = legacyEncoding(buf);
  return done(iconv.decode(buf, encoding), encoding, false);
}

/**
 * The bytes themselves when they are already what decodeText would return,
 * encoded as UTF-8: valid UTF-8, '\n' line endings only, at most one leading
 * byte-order mark (dropped). Then a CSV parser can read the file's bytes as
 * they are, without a decoded copy of the whole file in memory. Otherwise
 * null, and the caller decodes.
 */
export function utf8AsIs(bytes: Uint8Array): Buffer | null {
  let buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (hasUtf8Bom(buf)) buf = buf.subarray(3);
  // A second mark would be eaten by TextDecoder too; leave such rare files to decodeText.
  if (hasUtf8Bom(buf) || buf.includes(0x0d) || !isUtf8(buf)) return null;
  return buf;
}

function hasUtf8Bom(buf: Buffer): boolean {
  return buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
}

function done(text: string, encoding: string, bom: boolean): DecodedText {
  return { text: normalizeLineEndings(text), encoding, bom };
}

/**
 * CRLF (Windows), lone CR (classic Mac) and CR CR LF all become one '\n', also
 * inside quoted CSV fields. CR CR LF is what a CRLF file becomes when it is
 * converted to CRLF a second time (an iPhone export mailed from Windows;
 * Thunderbird keeps a test file, dos_vcard_addressbook.vcf, for exactly this):
 * read as two line breaks it would put a blank line inside every folded vCard
 * line and cut it.
 */
function normalizeLineEndings(text: string): string {
  return text.includes('\r') ? text.replace(/\r+\n|\r/g, '\n') : text;
}

function strictUtf8(buf: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
  } catch {
    return null; // not UTF-8: the caller tries the other encodings
  }
}

/** BOM-less UTF-16 of mostly Latin text has a NUL in every other byte. */
function sniffUtf16(buf: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(buf.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZero++;
    if (buf[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * ISO-8859-1 is read as windows-1252, its superset: the bytes 0x80-0x9F are
 * control characters in Latin-1 but '€', curly quotes and dashes in the files
 * Excel and Outlook actually write.
 */
function legacyEncoding(buf: Buffer): string {
  const guess = chardet.detect(buf.subarray(0, SNIFF_BYTES))?.toLowerCase() ?? 'windows-1252';
  if (guess === 'iso-8859-1' || guess === 'ascii' || guess.startsWith('utf')) return 'windows-1252';
  return iconv.encodingExists(guess) ? guess : 'windows-1252';
}
