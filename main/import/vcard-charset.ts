import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/**
 * The text of a vCard value's bytes. A CHARSET parameter is the card's own
 * word and wins. Without one, vCard 2.1 says the text is ASCII (vCard 2.1
 * section 2.1.5, "the default character set is ASCII"), so any byte above 0x7F
 * is the writer's platform code page: UTF-8 when the bytes are valid UTF-8
 * (almost never an accident), else the code page the rest of the file was
 * read in, else Windows-1252 (Latin-1 with the characters Windows puts at
 * 0x80-0x9F). Never U+FFFD: "Iksi=F1ski" becomes "Iksiñski" in Windows-1252;
 * the writer may have meant ISO-8859-2 "Iksiński", which nothing in the card
 * tells apart.
 */
export function decodeGuessingCharset(bytes: Buffer, charset: string | undefined, fallback = 'windows-1252'): string {
  if (charset && iconv.encodingExists(charset)) return iconv.decode(bytes, charset);
  if (isUtf8(bytes)) return bytes.toString('utf8');
  const legacy = iconv.encodingExists(fallback) && !/^utf-?(8|16)/i.test(fallback) ? fallback : 'windows-1252';
  return iconv.decode(bytes, legacy);
}
