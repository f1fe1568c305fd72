/**
 * Decodes a quoted-printable value (RFC 2045) whose soft line breaks have
 * already been joined, to bytes: "=XX" is one byte; anything else is taken as
 * the characters it is (encoded as UTF-8, the text it came from).
 */
export function decodeQuotedPrintableBytes(value: string): Buffer {
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
  return Buffer.from(bytes);
}

/** A soft line break: the encoded line ends with "=" and continues on the next line. */
export function endsWithSoftBreak(line: string): boolean {
  return line.endsWith('=');
}
