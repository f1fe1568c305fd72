/**
 * Mailchimp's batch results arrive as a .tar.gz of JSON arrays on its storage host
 * (main/crm/mailchimp/batch-archive.ts). Ferry reads that archive as untrusted input: the
 * tar reader verifies each header and refuses entries or archives past its bounds, gunzip
 * stops at its own bound, and every JSON file must be a list of operation results. The
 * archives here are built like the sandbox builds Mailchimp's (main/sandbox/shared/tar-writer.ts).
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_UNPACKED_BYTES, unpackResults } from '../../main/crm/mailchimp/batch-archive';
import { refusalDetail } from '../../main/crm/mailchimp/stamp-outcome';
import { readTar, TarError } from '../../main/crm/shared/tar-reader';
import { writeTar } from '../../main/sandbox/shared/tar-writer';

const LIMITS = { maxEntryBytes: 1024, maxEntries: 10 };
const file = (name: string, text: string) => ({ name, data: Buffer.from(text, 'utf8'), mtime: 1_700_000_000 });

describe('the tar reader', () => {
  it('returns the regular files with their bytes, and passes over directories', () => {
    const tar = writeTar([{ name: 'b1-response/', mtime: 1 }, file('b1-response/0.json', '[]'), file('b1-response/1.json', '[1]')]);
    expect(readTar(tar, LIMITS).map((f) => [f.name, f.data.toString()])).toEqual([['b1-response/0.json', '[]'], ['b1-response/1.json', '[1]']]);
  });

  it('refuses an entry larger than its limit, too many entries, a corrupt header and an entry cut short', () => {
    expect(() => readTar(writeTar([file('big.json', 'x'.repeat(2000))]), LIMITS)).toThrow(TarError);
    expect(() => readTar(writeTar(Array.from({ length: 11 }, (_, i) => file(`${i}.json`, '[]'))), LIMITS)).toThrow(/more than 10 entries/u);
    const corrupt = writeTar([file('a.json', '[]')]);
    corrupt[0] = 'z'.charCodeAt(0);
    expect(() => readTar(corrupt, LIMITS)).toThrow(/checksum/u);
    const cut = writeTar([file('a.json', 'y'.repeat(900))]).subarray(0, 700);
    expect(() => readTar(cut, LIMITS)).toThrow(/past the end/u);
  });
});

describe('Mailchimp batch results', () => {
  const archive = (files: { name: string; data?: Buffer; mtime: number }[]): Buffer => gzipSync(writeTar(files));

  it('reads every JSON file of results, whatever its directory, and nothing else', () => {
    const refused = { status_code: 400, operation_id: 'uid-7', response: JSON.stringify({ title: 'Invalid Resource', status: 400, detail: 'm7@example.com looks fake or invalid, please enter a real email address.' }) };
    const read = unpackResults(archive([
      file('x/0.json', JSON.stringify([{ status_code: 200, operation_id: 'uid-1', response: '{}' }])),
      file('x/1.json', JSON.stringify([refused])),
      file('x/README.txt', 'not results'),
    ]));
    expect(read).toEqual({ kind: 'results', results: [{ status_code: 200, operation_id: 'uid-1', response: '{}' }, refused] });
  });

  it('calls an archive it cannot trust unreadable: not gzip, a file that is not JSON or not results, one that unpacks past the bound', () => {
    expect(unpackResults(Buffer.from('not gzip'))).toMatchObject({ kind: 'unreadable' });
    expect(unpackResults(archive([file('0.json', '{oops')]))).toMatchObject({ kind: 'unreadable', why: '0.json is not JSON' });
    expect(unpackResults(archive([file('0.json', '{"status_code":200}')]))).toMatchObject({ kind: 'unreadable', why: '0.json is not a list of operation results' });
    // a gzip bomb: a few hundred kilobytes that would unpack past the bound
    const bomb = gzipSync(Buffer.alloc(MAX_UNPACKED_BYTES + 1024, 0));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(unpackResults(bomb)).toMatchObject({ kind: 'unreadable', why: `it unpacks to more than ${MAX_UNPACKED_BYTES} bytes` });
  });

  it('words a refusal with Mailchimp\'s detail, else its field errors, else its title or status', () => {
    expect(refusalDetail(400, JSON.stringify({ title: 'Invalid Resource', detail: 'Your merge fields were invalid.', errors: [{ field: 'FERRYID', message: 'Too long' }] }))).toBe('Your merge fields were invalid.');
    expect(refusalDetail(400, JSON.stringify({ title: 'Invalid Resource', errors: [{ field: 'FERRYID', message: 'Too long' }] }))).toBe('FERRYID: Too long.');
    expect(refusalDetail(404, JSON.stringify({ title: 'Resource Not Found' }))).toBe('Resource Not Found.');
    expect(refusalDetail(500, '<html>')).toBe('Mailchimp answered 500.');
  });
});
