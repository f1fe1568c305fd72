import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { checkEndpoint } from '../../policy/endpoint-policy';
import { SyncError } from '../../sync/connector';
import { readTar, TarError } from '../shared/tar-reader';

/**
 * Reads a finished batch's results from `response_body_url` (docs/vendor-facts.md,
 * "Mailchimp: reading stamp batches back"). The address is on Mailchimp's storage host
 * (a pre-signed Amazon S3 address), not the API host, so:
 * - Ferry sends it no credential: the signature in the address is the whole permission
 *   (singer-io/tap-mailchimp and mailchimp/mc-magento2 fetch it bare), and S3 refuses a
 *   request that carries an Authorization header as well (400 InvalidArgument);
 * - the address must pass the endpoint policy like every other (https, or plain http to
 *   loopback only: the sandbox), and redirects are not followed;
 * - everything in it is untrusted: the download, the unpacked archive, each file and the
 *   number of files are bounded, and each file must be a JSON array of results.
 * What it answers: the results; 'gone' when the storage no longer has them (403 for an
 * address that expired, 404 NoSuchKey: Mailchimp deletes results after a while); or
 * 'unreadable'. A failure to reach the storage, or its 5xx, throws SyncError so the
 * batch is asked about again on the next pull.
 */

/** An archive larger than this is not downloaded (a batch of 500 stamps is tens of kilobytes compressed). */
export const MAX_ARCHIVE_BYTES = 32 * 1024 * 1024;
/** gunzip stops past this many bytes (RangeError), so a small archive cannot unpack into gigabytes */
export const MAX_UNPACKED_BYTES = 128 * 1024 * 1024;
const TAR_LIMITS = { maxEntryBytes: 32 * 1024 * 1024, maxEntries: 10_000 };

/** One operation's result: its answer's status, the id Ferry gave it, the answer's JSON as a string. */
const resultSchema = z.object({
  status_code: z.number().int(),
  operation_id: z.string().nullish(),
  response: z.unknown().transform((r) => (typeof r === 'string' ? r : JSON.stringify(r ?? null))),
}).passthrough();
const resultFileSchema = z.array(resultSchema);
export type OperationResult = z.infer<typeof resultSchema>;

export type ArchiveRead = { kind: 'results'; results: OperationResult[] } | { kind: 'gone' } | { kind: 'unreadable'; why: string };

export interface ArchiveOptions {
  signal: AbortSignal;
  timeoutMs: number;
  fetch?: typeof fetch;
}

async function download(response: Response): Promise<Buffer | null> {
  const declared = Number(response.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > MAX_ARCHIVE_BYTES) return null;
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_ARCHIVE_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/** Unpacks a downloaded archive into its results, or says why it cannot be read. */
export function unpackResults(archive: Buffer): ArchiveRead {
  let tar: Buffer;
  try {
    tar = gunzipSync(archive, { maxOutputLength: MAX_UNPACKED_BYTES });
  } catch (error) {
    return { kind: 'unreadable', why: error instanceof RangeError ? `it unpacks to more than ${MAX_UNPACKED_BYTES} bytes` : 'it is not a gzip file' };
  }
  let files;
  try {
    files = readTar(tar, TAR_LIMITS);
  } catch (error) {
    if (error instanceof TarError) return { kind: 'unreadable', why: error.message };
    throw error;
  }
  const results: OperationResult[] = [];
  // every JSON file, wherever it sits: Mailchimp does not document how many or their names
  for (const file of files.filter((f) => f.name.toLowerCase().endsWith('.json'))) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(file.data.toString('utf8'));
    } catch {
      return { kind: 'unreadable', why: `${file.name} is not JSON` };
    }
    const checked = resultFileSchema.safeParse(parsed);
    if (!checked.success) return { kind: 'unreadable', why: `${file.name} is not a list of operation results` };
    results.push(...checked.data);
  }
  return { kind: 'results', results };
}

/** Downloads and unpacks the results at `url` (see above). */
export async function readBatchArchive(url: string, o: ArchiveOptions): Promise<ArchiveRead> {
  const check = checkEndpoint(url, { what: 'Mailchimp batch results address' });
  if (!check.ok) return { kind: 'unreadable', why: check.reason };
  const signal = AbortSignal.any([o.signal, AbortSignal.timeout(o.timeoutMs)]);
  let response: Response;
  let archive: Buffer | null;
  try {
    // no Authorization, no cookies: the address is its own permission
    response = await (o.fetch ?? fetch)(check.url, { method: 'GET', redirect: 'error', signal, credentials: 'omit' });
    if (response.status === 403 || response.status === 404) return { kind: 'gone' };
    if (response.status >= 500) throw new SyncError('server', 'Mailchimp\'s storage did not answer for the results of a batch of stamps. Ferry will ask again on the next pull.', { status: response.status });
    if (response.status !== 200) return { kind: 'unreadable', why: `its storage answered ${response.status}` };
    archive = await download(response);
  } catch (error) {
    if (o.signal.aborted) throw o.signal.reason;
    if (error instanceof SyncError) throw error;
    throw new SyncError('network', 'Ferry could not reach Mailchimp\'s storage for the results of a batch of stamps. Ferry will ask again on the next pull.');
  }
  if (archive === null) return { kind: 'unreadable', why: `it is larger than ${MAX_ARCHIVE_BYTES} bytes` };
  return unpackResults(archive);
}
