import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Clock } from '../shared/clock';
import type { Reply, SandboxRequest } from '../shared/http';
import { writeTar } from '../shared/tar-writer';

/**
 * Where a finished batch's results live: not the API host but Mailchimp's storage
 * (`response_body_url`, a pre-signed `https://mailchimp-api-batch.s3.amazonaws.com/
 * <id>-response.tar.gz?AWSAccessKeyId=…&Expires=…&Signature=…` in recorded answers:
 * keboola's Mailchimp writer tests, singer-io/tap-mailchimp). What this plays:
 * - the archive is "the gzipped archive of the results of all the operations" (the
 *   official SDKs' `Batch.response_body_url`): a tar.gz of JSON files, each an array of
 *   `{ status_code, operation_id, response }` with `response` the operation's answer as
 *   a string of JSON (read so by singer-io/tap-mailchimp `stream_email_activity`,
 *   thorning/node-mailchimp `_getAndUnpackBatchResults`, mailchimp/mc-magento2
 *   `Model/Api/Result.php`). How many files and their names are not documented (node-
 *   mailchimp#12 saw several for one batch); the sandbox writes RESULTS_PER_FILE
 *   results per file under a directory entry, so a reader must take every .json file;
 * - the address is signed for each `GET /batches/{id}` and expires ten minutes later
 *   (the recorded answer of a batch completed 11:08:22 carries Expires=11:18:28);
 * - it is Amazon S3's, so it answers as S3 does: a request that also carries an
 *   Authorization header is a 400 InvalidArgument "Only one auth mechanism allowed"
 *   (catalyst/moodle-tool_objectfs#303, request/request#860), so an API key sent there
 *   is refused, not ignored; an expired address a 403 AccessDenied "Request has expired"
 *   (aws/aws-sdk-js#3493); an archive Mailchimp no longer keeps a 404 NoSuchKey
 *   (Mailchimp deletes the results "after a certain period", mailchimp/mc-magento2#821;
 *   the period is not published).
 */
export const RESULTS_URL_TTL_MS = 10 * 60_000;
/** results per JSON file in a sandbox archive (Mailchimp's split is not documented) */
export const RESULTS_PER_FILE = 100;
const BUCKET_PATH = '/mailchimp-api-batch';

export interface ResultEntry {
  status_code: number;
  operation_id?: string;
  response: string;
}

const s3Error = (status: number, code: string, message: string, extra = ''): Reply => ({
  status,
  contentType: 'application/xml',
  text: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${extra}<RequestId>${randomBytes(8).toString('hex').toUpperCase()}</RequestId></Error>`,
});

/** The storage host's side of batch results: archives kept by file name, served to signed addresses only. */
export class BatchResultsStorage {
  private readonly archives = new Map<string, Buffer>();
  private readonly secret = randomBytes(16);

  constructor(private readonly baseUrl: () => string, private readonly now: Clock) {}

  /** the route this storage answers on the sandbox's host (path-style, for the bucket's own host) */
  static readonly route = `${BUCKET_PATH}/:file`;

  private static fileOf(batchId: string): string {
    return `${batchId}-response.tar.gz`;
  }

  private sign(file: string, expires: string): string {
    return createHmac('sha256', this.secret).update(`${file}\n${expires}`).digest('base64url');
  }

  /** Builds and keeps a finished batch's archive. */
  publish(batchId: string, results: readonly ResultEntry[], completedAtMs: number): void {
    const mtime = Math.floor(completedAtMs / 1000);
    const dir = `${batchId}-response/`;
    const files = [];
    for (let i = 0; i < results.length || i === 0; i += RESULTS_PER_FILE) {
      files.push({ name: `${dir}${i / RESULTS_PER_FILE}.json`, data: Buffer.from(JSON.stringify(results.slice(i, i + RESULTS_PER_FILE)), 'utf8'), mtime });
    }
    this.archives.set(BatchResultsStorage.fileOf(batchId), gzipSync(writeTar([{ name: dir, mtime }, ...files])));
  }

  /** A fresh pre-signed address for the batch's archive, good for RESULTS_URL_TTL_MS. */
  signedUrl(batchId: string): string {
    const file = BatchResultsStorage.fileOf(batchId);
    const expires = String(Math.floor((this.now() + RESULTS_URL_TTL_MS) / 1000));
    const q = new URLSearchParams({ AWSAccessKeyId: 'SANDBOXKEY', Expires: expires, Signature: this.sign(file, expires) });
    return `${this.baseUrl()}${BUCKET_PATH}/${file}?${q.toString()}`;
  }

  /** Mailchimp no longer keeps this batch's results; false when it had none. */
  drop(batchId: string): boolean {
    return this.archives.delete(BatchResultsStorage.fileOf(batchId));
  }

  clear(): void {
    this.archives.clear();
  }

  /** GET <bucket>/<file>?Expires&Signature: the archive, or S3's refusal. */
  serve(req: SandboxRequest): Reply {
    const file = req.params.file ?? '';
    const expires = req.query.get('Expires') ?? '';
    const signature = req.query.get('Signature') ?? '';
    if (req.headers.authorization !== undefined) {
      return s3Error(400, 'InvalidArgument', 'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified', '<ArgumentName>Authorization</ArgumentName>');
    }
    const expected = Buffer.from(this.sign(file, expires));
    const given = Buffer.from(signature);
    if (expires === '' || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return s3Error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
    }
    if (Number(expires) * 1000 < this.now()) return s3Error(403, 'AccessDenied', 'Request has expired', `<Expires>${new Date(Number(expires) * 1000).toISOString()}</Expires>`);
    const archive = this.archives.get(file);
    if (!archive) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.', `<Key>${file}</Key>`);
    return { status: 200, bytes: archive, contentType: 'binary/octet-stream' };
  }
}
