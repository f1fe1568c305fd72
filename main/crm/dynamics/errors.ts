import { SyncError } from '../../sync/connector';
import { limitNamed } from './wire';

/**
 * Dataverse's errors in the engine's terms. Dataverse answers an error as
 * `{ "error": { "code": "0x…", "message": "…" } }` (learn.microsoft.com/power-apps/
 * developer/data-platform/webapi/compose-http-requests-handle-errors); every field
 * is read as optional, and bodies that are not JSON (a gateway's HTML page) keep
 * their first words.
 */
export function dataverseError(text: string): { code: string | undefined; message: string } {
  try {
    const parsed: unknown = JSON.parse(text);
    const error = typeof parsed === 'object' && parsed !== null ? (parsed as { error?: unknown }).error : undefined;
    if (typeof error === 'object' && error !== null) {
      const { code, message } = error as { code?: unknown; message?: unknown };
      return { code: typeof code === 'string' ? code : undefined, message: typeof message === 'string' ? message : '' };
    }
  } catch {
    // not JSON: keep the text
  }
  return { code: undefined, message: text.replace(/\s+/g, ' ').trim().slice(0, 300) };
}

const crmText = (status: number, code: string | undefined, message: string): string =>
  [`HTTP ${status}`, code, message].filter((s) => s !== undefined && s !== '').join(' ').slice(0, 4_000);

/** Retry-After in seconds (api-limits: "Retry-After with number of seconds"), or an HTTP date; undefined when absent. */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * A 429: a service protection limit. The sentence names which one, from the
 * documented codes (api-limits, "Service Protection API Limit Errors returned");
 * the wait is what Retry-After asks, since Dataverse lengthens it for a client
 * that keeps sending.
 */
export function whole429(code: string | undefined, message: string, retryAfter: string | undefined): SyncError {
  const limit = limitNamed(code);
  const sentence = limit === 'executionTime'
    ? 'Dynamics 365 says Ferry\'s requests used up their share of server time for the last 5 minutes. Ferry waits as asked, then continues.'
    : limit === 'concurrency'
      ? 'Dynamics 365 says Ferry sent too many requests at once. Ferry waits as asked, then continues.'
      : 'Dynamics 365 asked Ferry to slow down (service protection limits). Ferry waits as asked, then continues.';
  const wait = retryAfterMs(retryAfter);
  return new SyncError('rate_limited', sentence, { status: 429, crmError: crmText(429, code, message), ...(wait === undefined ? {} : { retryAfterMs: wait }) });
}

/** The SyncError for a failed whole request, or undefined when the caller decides (other 4xx). */
export function wholeRequestFailure(status: number, code: string | undefined, message: string): SyncError | undefined {
  const crmError = crmText(status, code, message);
  if (status === 401) {
    return new SyncError('auth', 'Dynamics 365 no longer accepts Ferry\'s access token (it expired or was revoked). Reconnect Dynamics 365 to resume syncing.', { status, crmError });
  }
  if (status === 403) {
    return new SyncError('permission', 'Dynamics 365 does not let Ferry\'s user do this. Ask your Dynamics 365 admin to give the user a security role that can create and update contacts.', { status, crmError });
  }
  if (status >= 500) return new SyncError('server', 'Dynamics 365 is having trouble right now. Ferry will try again.', { status, crmError });
  return undefined;
}

/** What a rep reads when Dataverse refused one contact, with Dataverse's own words. */
export function rejectionSentence(message: string): string {
  const m = /The length of the '([^']+)' attribute of the 'contact' entity exceeded the maximum allowed length of '(\d+)'/.exec(message);
  if (m) return `Dynamics 365 allows at most ${m[2]} characters in ${m[1]}: shorten it in Ferry. (Dynamics 365 said: ${message})`;
  return `Dynamics 365 did not accept this contact: ${message}`;
}

export { crmText };
