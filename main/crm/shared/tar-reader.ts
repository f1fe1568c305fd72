/**
 * A small, bounded reader of tar archives (ustar and the GNU/pax variants tar
 * writes), for archives a CRM hands back (Mailchimp's batch results, a .tar.gz of
 * JSON files). It reads what it is given and nothing more: every header's checksum
 * is verified, an entry larger than `maxEntryBytes`, more than `maxEntries` entries,
 * a size in tar's base-256 form or an entry running past the end are refused with a
 * TarError (the archive is then not trusted at all). Only regular files are returned;
 * directories, links and pax or GNU extension records are passed over, so a long
 * name in a pax record is not honoured (the header's own name is kept).
 */

export interface TarLimits {
  maxEntryBytes: number;
  maxEntries: number;
}

export interface TarFile {
  /** the header's name, with its ustar prefix */
  name: string;
  data: Buffer;
}

export class TarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarError';
  }
}

const BLOCK = 512;

function field(h: Buffer, start: number, length: number): string {
  const raw = h.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? raw.length : end).toString('utf8');
}

function octalField(h: Buffer, start: number, length: number, what: string): number {
  if ((h[start] ?? 0) & 0x80) throw new TarError(`tar ${what} in base-256 form is not read`);
  const text = field(h, start, length).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/u.test(text)) throw new TarError(`tar ${what} is not an octal number`);
  return Number.parseInt(text, 8);
}

function checksumOk(h: Buffer): boolean {
  const stored = octalField(h, 148, 8, 'checksum');
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (h[i] ?? 0);
  return sum === stored;
}

const isZeroBlock = (h: Buffer): boolean => h.every((b) => b === 0);

/** The regular files of an (uncompressed) tar archive, in archive order. */
export function readTar(archive: Buffer, limits: TarLimits): TarFile[] {
  const files: TarFile[] = [];
  let entries = 0;
  for (let at = 0; at + BLOCK <= archive.length;) {
    const h = archive.subarray(at, at + BLOCK);
    // two zero blocks end an archive; one is enough to stop reading
    if (isZeroBlock(h)) break;
    if (!checksumOk(h)) throw new TarError('tar header checksum does not match');
    if (++entries > limits.maxEntries) throw new TarError(`tar archive has more than ${limits.maxEntries} entries`);
    const size = octalField(h, 124, 12, 'size');
    if (size > limits.maxEntryBytes) throw new TarError(`tar entry of ${size} bytes is over the ${limits.maxEntryBytes}-byte limit`);
    const dataStart = at + BLOCK;
    if (dataStart + size > archive.length) throw new TarError('tar entry runs past the end of the archive');
    const type = String.fromCharCode(h[156] ?? 0);
    // '0' and NUL are regular files (old tars write NUL); everything else is passed over
    if (type === '0' || type === '\0') {
      const prefix = field(h, 257, 6) === 'ustar' ? field(h, 345, 155) : '';
      const name = field(h, 0, 100);
      files.push({ name: prefix ? `${prefix}/${name}` : name, data: Buffer.from(archive.subarray(dataStart, dataStart + size)) });
    }
    at = dataStart + Math.ceil(size / BLOCK) * BLOCK;
  }
  return files;
}
