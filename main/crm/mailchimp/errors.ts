import { z } from 'zod';
import { SyncError } from '../../sync/connector';
import { parseRetryAfter } from '../shared/network-errors';
import { MailchimpHttpError } from './transport';

/**
 * Mailchimp's error bodies (RFC 7807 problem details: type, title, status,
 * detail, instance, and for validation an `errors` array of { field, message };
 * mailchimp.com/developer/marketing/docs/errors/) → SyncError for a whole
 * request, or Mailchimp's own words for one member. Every field is optional.
 * Decisions key on the HTTP status only, never on a sentence.
 */

const lenient = z.string().optional().catch(undefined);
const problemSchema = z.object({
  title: lenient,
  detail: lenient,
  instance: lenient,
  errors: z.array(z.object({ field: lenient, message: lenient })).optional().catch(undefined),
});

export interface MailchimpProblem {
  title?: string;
  detail?: string;
  instance?: string;
  errors: { field?: string; message?: string }[];
}

export function parseProblem(body: unknown): MailchimpProblem {
  if (typeof body === 'string') return { detail: body.slice(0, 2000), errors: [] };
  const parsed = problemSchema.safeParse(body);
  return parsed.success ? { ...parsed.data, errors: parsed.data.errors ?? [] } : { errors: [] };
}

/** Mailchimp's own words for the log: status, title, detail and any field messages. */
export function crmErrorText(error: MailchimpHttpError): string {
  const p = parseProblem(error.body);
  const fields = p.errors.map((e) => [e.field, e.message].filter(Boolean).join(': ')).filter(Boolean);
  return [`HTTP ${error.status}`, p.title, p.detail, ...fields].filter(Boolean).join(' ').slice(0, 4000);
}

/** The words a rep reads when Mailchimp refused one member: its detail and field messages. */
export function memberRefusal(error: MailchimpHttpError): string {
  const p = parseProblem(error.body);
  const fields = p.errors.map((e) => (e.field ? `${e.field}: ${e.message ?? ''}` : e.message ?? '')).filter(Boolean);
  return [p.detail ?? p.title ?? `HTTP ${error.status}`, ...fields].join(' ');
}

/**
 * No Retry-After comes with Mailchimp's 429 (it limits simultaneous connections,
 * Fundamentals → API limits): a connection frees as soon as one of the account's
 * requests ends, so a short wait is enough.
 */
const TOO_MANY_CONNECTIONS_WAIT_MS = 2_000;

/** A whole-request failure in the user's words. */
export function toSyncError(error: MailchimpHttpError, now: number): SyncError {
  const status = error.status;
  const crmError = crmErrorText(error);
  if (status >= 200 && status < 300) return new SyncError('server', 'Mailchimp sent an answer Ferry could not read. Ferry will try again.', { status, crmError });
  // 401 "API Key Invalid" / "API Key Missing": a key deleted or disabled in Mailchimp, or an OAuth grant revoked
  if (status === 401) return new SyncError('auth', 'Mailchimp no longer accepts this API key or sign-in (it was deleted, disabled or revoked). Reconnect Mailchimp with a new key.', { status, crmError });
  // 403 Forbidden / User Disabled / Wrong Datacenter
  if (status === 403) return new SyncError('permission', 'Mailchimp does not let this key do that (the account may be disabled, or the key belongs to another data centre). Check the key, then reconnect Mailchimp.', { status, crmError });
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(error.headers['retry-after'], now) ?? TOO_MANY_CONNECTIONS_WAIT_MS;
    return new SyncError('rate_limited', 'Mailchimp is busy with this account\'s other connections (it allows 10 at once). Ferry will continue in a moment.', { status, crmError, retryAfterMs });
  }
  if (status >= 500) return new SyncError('server', 'Mailchimp is having trouble right now. Ferry will try again.', { status, crmError });
  if (status === 404) return new SyncError('config', 'Mailchimp has no such audience or address any more. Check the audience ID of this connection, or reconnect Mailchimp.', { status, crmError });
  return new SyncError('invalid_request', 'Mailchimp refused Ferry\'s request. The details are in the sync log.', { status, crmError });
}
