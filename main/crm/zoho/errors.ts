import { SyncError } from '../../sync/connector';
import type { ZohoAnswer } from './transport';

/**
 * Whole-request failures in the engine's terms, keyed on Zoho's HTTP status and
 * its documented error `code` (zoho.com/crm/developer/docs/api/v8/status-codes.html),
 * never on its sentences:
 * - 401 INVALID_TOKEN (expired: access tokens last an hour; or revoked) and
 *   AUTHENTICATION_FAILURE → auth: the engine refreshes once, then pauses as
 *   "needs reauthorization";
 * - 401 OAUTH_SCOPE_MISMATCH, 403 NO_PERMISSION → permission;
 * - 429 TOO_MANY_REQUESTS → the org's credits for the rolling 24 h are used up
 *   (when Zoho's last X-API-CREDITS-REMAINING did not cover the call) or its
 *   concurrency is taken (otherwise): a daily wait, or a short one;
 * - 5xx → server; anything else fails the request as Ferry's fault.
 */
export interface ZohoErrorBody {
  code?: string;
  message?: string;
  details?: Record<string, unknown>;
  status?: string;
}

export function errorBody(json: unknown): ZohoErrorBody {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return {};
  const o = json as Record<string, unknown>;
  return {
    ...(typeof o.code === 'string' ? { code: o.code } : {}),
    ...(typeof o.message === 'string' ? { message: o.message } : {}),
    ...(typeof o.details === 'object' && o.details !== null ? { details: o.details as Record<string, unknown> } : {}),
    ...(typeof o.status === 'string' ? { status: o.status } : {}),
  };
}

export function crmErrorText(answer: ZohoAnswer): string {
  const b = errorBody(answer.json);
  return [`HTTP ${answer.status}`, b.code, b.message ?? (b.code ? undefined : answer.text.slice(0, 300))].filter(Boolean).join(' ');
}

/** Zoho sends no Retry-After; a taken concurrency slot frees when another call of the org ends. */
export const CONCURRENCY_WAIT_MS = 2_000;

export function toSyncError(answer: ZohoAnswer, context: { creditsCovered: boolean }): SyncError {
  const { status } = answer;
  const code = errorBody(answer.json).code;
  const crmError = crmErrorText(answer);
  if (status === 401 && code === 'OAUTH_SCOPE_MISMATCH') {
    return new SyncError('permission', "Zoho CRM refused Ferry's access: the sign-in lacks a permission Ferry needs.", { status, crmError, scope: 'ZohoCRM.modules.contacts.ALL' });
  }
  if (status === 401) return new SyncError('auth', "Zoho CRM no longer accepts Ferry's sign-in. Reconnect Zoho CRM in Integrations.", { status, crmError });
  if (status === 403) return new SyncError('permission', "Zoho CRM does not let Ferry's user write contacts. Ask your Zoho CRM admin for the permission to create and edit contacts.", { status, crmError });
  if (status === 429 && !context.creditsCovered) {
    return new SyncError('daily_limit', 'Your Zoho CRM org has used up its API credits for the last 24 hours. Syncing resumes as they free up; nothing is lost.', { status, crmError });
  }
  if (status === 429) return new SyncError('rate_limited', 'Zoho CRM asked Ferry to slow down (too many calls at once). Ferry will continue in a moment.', { status, crmError, retryAfterMs: CONCURRENCY_WAIT_MS });
  if (status >= 500) return new SyncError('server', 'Zoho CRM is having trouble right now. Ferry will try again.', { status, crmError });
  return new SyncError('invalid_request', `Zoho CRM refused Ferry's request (${crmError}). The details are in the sync log.`, { status, crmError });
}
