import { z } from 'zod';
import { SyncError, type StampOutcome } from '../../sync/connector';
import type { ArchiveRead } from './batch-archive';
import type { MailchimpCall } from './members';
import { MailchimpHttpError } from './transport';

/**
 * What became of one FERRYID stamp batch (pull.ts `stampFerryIds`), asked once per pull
 * (docs/vendor-facts.md, "Mailchimp: reading stamp batches back"):
 *
 *   GET /batches/{batch_id}?fields=id,status,total_operations,finished_operations,errored_operations,response_body_url
 *
 * `status` is pending, preprocessing, started, finalizing or finished (the official SDKs'
 * BatchStatus); only a finished batch has results. `errored_operations` 0: every stamp
 * was taken, nothing else is read. Otherwise the results archive (batch-archive.ts) says
 * which: each operation's `operation_id` is the contact's uid Ferry gave it, its
 * `status_code` the PATCH's answer, its `response` Mailchimp's problem document
 * (`title`, `detail`, `errors[]` of `{ field, message }`). A 404 for the batch means
 * Mailchimp no longer has it (singer-io/tap-mailchimp reads it as "Batch … expired").
 */

const BATCH_FIELDS = 'id,status,total_operations,finished_operations,errored_operations,response_body_url';
const batchSchema = z.object({
  status: z.string(),
  errored_operations: z.number().int().min(0).catch(0).default(0),
  response_body_url: z.string().catch('').default(''),
}).passthrough();
const problemSchema = z.object({
  title: z.string().optional().catch(undefined),
  detail: z.string().optional().catch(undefined),
  errors: z.array(z.object({ field: z.string().optional().catch(undefined), message: z.string().optional().catch(undefined) }).passthrough()).optional().catch(undefined),
}).passthrough();

/** Mailchimp's words for a refused operation: its detail, else its field errors, else its title. */
export function refusalDetail(statusCode: number, response: string): string {
  let problem: z.infer<typeof problemSchema> = {};
  try {
    const parsed = problemSchema.safeParse(JSON.parse(response));
    if (parsed.success) problem = parsed.data;
  } catch {
    // not JSON: the status alone
  }
  const fields = (problem.errors ?? []).map((e) => [e.field, e.message].filter(Boolean).join(': ')).filter(Boolean).join('; ');
  const words = (problem.detail?.trim() || fields || problem.title?.trim() || `Mailchimp answered ${statusCode}`).slice(0, 300);
  return /[.!?]$/u.test(words) ? words : `${words}.`;
}

export async function stampBatchOutcome(call: MailchimpCall, batchId: string, readArchive: (url: string) => Promise<ArchiveRead>): Promise<StampOutcome> {
  let raw: unknown;
  try {
    raw = await call('GET', `/batches/${encodeURIComponent(batchId)}?fields=${BATCH_FIELDS}`);
  } catch (error) {
    if (error instanceof MailchimpHttpError && error.status === 404) return { state: 'gone', why: 'forgotten' };
    throw error;
  }
  const batch = batchSchema.safeParse(raw);
  if (!batch.success) throw new SyncError('server', 'Mailchimp sent a batch status Ferry could not read. Ferry will ask again on the next pull.', { crmError: JSON.stringify(raw).slice(0, 300) });
  if (batch.data.status !== 'finished') return { state: 'waiting' };
  if (batch.data.errored_operations === 0) return { state: 'done', refused: [] };
  if (batch.data.response_body_url === '') return { state: 'gone', why: 'unreadable' };
  const archive = await readArchive(batch.data.response_body_url);
  if (archive.kind === 'gone') return { state: 'gone', why: 'results-gone' };
  if (archive.kind === 'unreadable') return { state: 'gone', why: 'unreadable' };
  const refused = archive.results
    .filter((r) => r.status_code < 200 || r.status_code > 299)
    .flatMap((r) => (r.operation_id ? [{ uid: r.operation_id, detail: refusalDetail(r.status_code, r.response), crmError: `${r.status_code} ${r.response}`.slice(0, 1000) }] : []));
  return { state: 'done', refused };
}
