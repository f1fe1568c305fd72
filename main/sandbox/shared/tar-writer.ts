/**
 * A small ustar writer (POSIX.1-1988 "ustar" interchange format, as GNU tar and
 * Python's tarfile read it): for sandboxes that serve an archive a vendor builds,
 * such as Mailchimp's batch results (a .tar.gz of JSON files). Each entry is one
 * 512-byte header (name, mode, size and mtime in octal, checksum, type, "ustar\0"
 * "00") followed by its bytes padded to 512; two zero blocks end the archive.
 * Names must fit the header's 100 bytes (the sandboxes' names do).
 */

export interface TarEntry {
  name: string;
  /** absent: a directory entry (type '5') */
  data?: Uint8Array;
  /** seconds since the epoch */
  mtime: number;
}

const BLOCK = 512;

function octal(value: number, width: number): string {
  // width - 1 digits and a NUL, as tar writes its numeric fields
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(entry: TarEntry): Buffer {
  const h = Buffer.alloc(BLOCK, 0);
  const name = Buffer.from(entry.name, 'utf8');
  if (name.length > 100) throw new RangeError(`tar entry name longer than 100 bytes: ${entry.name}`);
  name.copy(h, 0);
  const dir = entry.data === undefined;
  h.write(octal(dir ? 0o755 : 0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(entry.data?.length ?? 0, 12), 124, 'ascii');
  h.write(octal(entry.mtime, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write(dir ? '5' : '0', 156, 'ascii');
  h.write('ustar\u000000', 257, 'ascii');
  let sum = 0;
  for (const byte of h) sum += byte;
  // six octal digits, a NUL and a space (the field was counted as eight spaces)
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

/** The archive's bytes (not compressed). */
export function writeTar(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    parts.push(header(entry));
    if (entry.data && entry.data.length > 0) {
      parts.push(Buffer.from(entry.data));
      const pad = (BLOCK - (entry.data.length % BLOCK)) % BLOCK;
      if (pad > 0) parts.push(Buffer.alloc(pad, 0));
    }
  }
  parts.push(Buffer.alloc(BLOCK * 2, 0));
  return Buffer.concat(parts);
}
