import iconv from 'iconv-lite';

/**
 * Decodes a quoted-printable value (RFC 2045) whose soft line breaks have
 * already been joined. "=XX" is one byte; anything else is taken as the
 * characters it is. The bytes are then read in the given charset (UTF-8 when
 * the card does not say), so "=C3=BC" and CHARSET=UTF-8 give "ü".
 */
export function decodeQuotedPrintable(value: string, charset = 'utf-8'): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const ch = value.charCodeAt(i);
    if (ch === 0x3d /* = */ && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (ch < 0x80) {
      bytes.push(ch);
    } else {
      const char = String.fromCodePoint(value.codePointAt(i) ?? 0xfffd);
      for (const b of Buffer.from(char, 'utf8')) bytes.push(b);
      i += char.length - 1;
    }
  }
  const encoding = iconv.encodingExists(charset) ? charset : 'utf-8';
  return iconv.decode(Buffer.from(bytes), encoding);
}

/** A soft line break: the encoded line ends with "=" and continues on the next line. */
export function endsWithSoftBreak(line: string): boolean {
  return line.endsWith('=');
}
