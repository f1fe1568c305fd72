import { z } from 'zod';
import { SyncError } from '../../sync/connector';
import { parseRetryAfter } from '../shared/network-errors';
import { PipedriveHttpError } from './transport';

/**
 * Pipedrive's answers → what the engine and the rep need. Error bodies follow
 * one schema, `{ success: false, error, error_info, data, additional_data }`,
 * some with a `code` (pipedrive.readme.io/docs/core-api-concepts-responses);
 * every field is read as optional. Decisions use the status and documented
 * headers only; `error` is kept as Pipedrive's own words for the rep.
 */
const bodySchema = z.object({
  error: z.string().optional().catch(undefined),
  error_info: z.string().optional().catch(undefined),
  code: z.union([z.string(), z.number()]).optional().catch(undefined),
  errorCode: z.union([z.string(), z.number()]).optional().catch(undefined),
}).passthrough();

export function pipedriveWords(error: PipedriveHttpError): string {
  if (typeof error.body === 'string') return error.body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300);
  const parsed = bodySchema.safeParse(error.body);
  return parsed.success ? (parsed.data.error ?? '').trim() : '';
}

export function crmErrorText(error: PipedriveHttpError): string {
  const parsed = bodySchema.safeParse(error.body);
  const code = parsed.success ? (parsed.data.code ?? parsed.data.errorCode) : undefined;
  return [`HTTP ${error.status}`, code === undefined ? undefined : String(code), pipedriveWords(error) || undefined].filter(Boolean).join(' ').slice(0, 4000);
}

/** The burst window is 2 seconds; a wait longer than this can only be the day's token budget. */
const BURST_WAIT_CEILING_MS = 60_000;

/** A 400 on a person's create or update is about that person's values (a bad request is Ferry's bug, and shows as such in the log). */
export function isRecordError(error: unknown): error is PipedriveHttpError {
  return error instanceof PipedriveHttpError && error.status === 400;
}

/** A whole request that failed, in the engine's terms. */
export function toSyncError(error: PipedriveHttpError, now: number): SyncError {
  const crmError = crmErrorText(error);
  const words = pipedriveWords(error);
  const status = error.status;
  if (status >= 200 && status < 300) return new SyncError('server', 'Pipedrive sent an answer Ferry could not read. Ferry will try again.', { status, crmError });
  if (status === 401) {
    return new SyncError('auth', 'Pipedrive no longer accepts Ferry\'s token (it was changed or revoked, or the sign-in expired). Reconnect Pipedrive in Integrations.', { status, crmError });
  }
  if (status === 402) {
    return new SyncError('permission', `Pipedrive says this company account is not open (a trial ended, or payment details are missing)${words ? `: "${words}"` : ''}. A Pipedrive admin can reopen it; syncing resumes then.`, { status, crmError });
  }
  if (status === 403) {
    // the limit-high-volume block is an HTML page from Cloudflare (core-api-concepts-rate-limiting)
    if (typeof error.body === 'string') {
      return new SyncError('rate_limited', 'Pipedrive is blocking requests for a while after too many were refused. Ferry will continue later.', { status, crmError, retryAfterMs: 60_000 });
    }
    return new SyncError('permission', `Pipedrive does not let Ferry do this${words ? `: "${words}"` : ''}. Ask your Pipedrive admin to let this user add and edit people and person fields.`, { status, crmError });
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(error.headers['retry-after'], now);
    if (retryAfterMs !== undefined && retryAfterMs > BURST_WAIT_CEILING_MS) {
      return new SyncError('daily_limit', 'Your Pipedrive company has used up its daily API budget (shared by every app and user). Syncing resumes when Pipedrive resets it at midnight, server time.', { status, crmError, retryAfterMs });
    }
    const resetMs = parseRetryAfter(error.headers['x-ratelimit-reset'], now);
    return new SyncError('rate_limited', 'Pipedrive asked Ferry to slow down. Ferry will continue in a moment.', { status, crmError, retryAfterMs: retryAfterMs ?? resetMs ?? 2_000 });
  }
  if (status >= 500) return new SyncError('server', 'Pipedrive is having trouble right now. Ferry will try again.', { status, crmError });
  if (status === 404 || status === 410) return new SyncError('config', 'Pipedrive did not recognise Ferry\'s request. Check the Pipedrive address of this connection.', { status, crmError });
  return new SyncError('invalid_request', `Pipedrive refused Ferry's request${words ? `: "${words}"` : ''}. The details are in the sync log.`, { status, crmError });
}

/** The sentence a rep reads when Pipedrive refused one person. */
export function rejectionSentence(error: PipedriveHttpError): string {
  const words = pipedriveWords(error);
  return words ? `Pipedrive did not accept this person: "${words}". Change the contact in Ferry.` : `Pipedrive did not accept this person (HTTP ${error.status}). Change the contact in Ferry.`;
}
