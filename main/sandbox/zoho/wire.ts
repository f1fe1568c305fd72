import type { Reply } from '../shared/http';

/**
 * Zoho CRM's error answers, in its own shape (every v2+ API): a whole request
 * fails with `{ code, details, message, status: "error" }`, one record of a
 * multi-record write with the same object inside `data`. The codes, statuses and
 * messages below are the ones Zoho documents:
 * - zoho.com/crm/developer/docs/api/v8/status-codes.html (401 INVALID_TOKEN "invalid oauth token",
 *   OAUTH_SCOPE_MISMATCH, 429 TOO_MANY_REQUESTS, 500 INTERNAL_ERROR, 404 INVALID_URL_PATTERN);
 * - zoho.com/crm/developer/docs/api/v8/upsert-records.html ("Possible Errors": INVALID_DATA,
 *   DUPLICATE_DATA, MANDATORY_NOT_FOUND, NO_PERMISSION, INVALID_MODULE; sample response with
 *   `code: SUCCESS`, `action: insert|update`, `duplicate_field`).
 */
export interface ZohoErrorBody {
  code: string;
  details: Record<string, unknown>;
  message: string;
  status: 'error';
}

export class ZohoError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details: Record<string, unknown> = {}, readonly headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ZohoError';
  }

  body(): ZohoErrorBody {
    return { code: this.code, details: this.details, message: this.message, status: 'error' };
  }

  toReply(): Reply {
    return { status: this.status, body: this.body(), headers: this.headers };
  }
}

/** An access token Zoho does not know, or one past its hour (status-codes.html: INVALID_TOKEN). */
export const invalidToken = (): ZohoError => new ZohoError(401, 'INVALID_TOKEN', 'invalid oauth token');
/** No `Authorization: Zoho-oauthtoken …` header at all. */
export const authenticationFailure = (): ZohoError => new ZohoError(401, 'AUTHENTICATION_FAILURE', 'Authentication failed');
/** The token lacks the scope the API needs (upsert-records.html: OAUTH_SCOPE_MISMATCH 401 "Unauthorized"). */
export const scopeMismatch = (): ZohoError => new ZohoError(401, 'OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL');
/**
 * 429 "Number of API requests for the 24 hour period is exceeded or the concurrency
 * limit of the user for the app is exceeded" (status-codes.html): the same code for
 * both; Zoho sends no Retry-After.
 */
export const tooManyRequests = (headers: Record<string, string> = {}): ZohoError =>
  new ZohoError(429, 'TOO_MANY_REQUESTS', 'The number of API requests for the 24 hour period or the concurrency limit is exceeded', {}, headers);
export const internalError = (status = 500): ZohoError => new ZohoError(status, 'INTERNAL_ERROR', 'Internal Server Error');
export const invalidUrl = (): ZohoError => new ZohoError(404, 'INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one');
export const invalidMethod = (): ZohoError => new ZohoError(400, 'INVALID_REQUEST_METHOD', 'The http request method type is not a valid one');
export const invalidModule = (): ZohoError => new ZohoError(400, 'INVALID_MODULE', 'the module name given seems to be invalid');
export const invalidData = (details: Record<string, unknown>, message = 'invalid data'): ZohoError => new ZohoError(400, 'INVALID_DATA', message, details);
/** more than 100 records in one write ("A maximum of 100 records can be inserted/updated per API call") */
export const limitExceeded = (): ZohoError => new ZohoError(400, 'LIMIT_EXCEEDED', 'the number of records to be upserted exceeds the maximum limit of 100', { limit: 100 });

/** Records per insert, update or upsert call (upsert-records.html). */
export const MAX_RECORDS_PER_CALL = 100;
