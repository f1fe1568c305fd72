import type { Reply } from '../shared/http';

/**
 * Dataverse's answers, as Microsoft documents them. An error is
 * `{ "error": { "code": "0x…", "message": "…" } }` (Web API "Compose HTTP requests
 * and handle errors"); the codes below are Dataverse's own.
 */

export const API_VERSION = 'v9.2';

/**
 * A system time (createdon, modifiedon) as Dataverse keeps and returns it: UTC, whole
 * seconds (`2026-11-02T09:00:00Z`, as every Web API example shows them, e.g. "Use change
 * tracking to synchronize data with external systems"). Many rows written within one
 * second therefore share one modifiedon.
 */
export function dataverseTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export class DataverseError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
    this.name = 'DataverseError';
  }

  toReply(): Reply {
    return { status: this.status, body: { error: { code: this.code, message: this.message } }, headers: { 'OData-Version': '4.0', ...this.headers } };
  }
}

/**
 * Service protection errors (learn.microsoft.com/power-apps/developer/data-platform/api-limits,
 * "Service Protection API Limit Errors returned"): the Web API answers 429 with the hex
 * code, the message the table gives, and Retry-After in seconds.
 */
export const tooManyRequests = (retryAfterSeconds: number): DataverseError =>
  new DataverseError(429, '0x80072322', 'Number of requests exceeded the limit of 6000 over time window of 300 seconds.', { 'Retry-After': String(retryAfterSeconds) });
export const tooMuchExecutionTime = (retryAfterSeconds: number): DataverseError =>
  new DataverseError(429, '0x80072321', 'Combined execution time of incoming requests exceeded limit of 1,200,000 milliseconds over time window of 300 seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later.', { 'Retry-After': String(retryAfterSeconds) });
export const tooManyConcurrent = (retryAfterSeconds: number): DataverseError =>
  new DataverseError(429, '0x80072326', 'Number of concurrent requests exceeded the limit of 52.', { 'Retry-After': String(retryAfterSeconds) });

/**
 * An expired or revoked token: 401 with an empty body and a Bearer challenge naming
 * the authority and the resource (Web API "Authenticate": the WWW-Authenticate header
 * of an unauthenticated request).
 */
export function unauthorized(orgUrl: string): Reply {
  return { status: 401, text: '', headers: { 'WWW-Authenticate': `Bearer authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize, resource_id=${orgUrl}/` } };
}

/** OData's answer for a property the type does not have. */
export const unknownProperty = (name: string): DataverseError =>
  new DataverseError(400, '0x80060888', `The property '${name}' does not exist on type 'Microsoft.Dynamics.CRM.contact'. Make sure to only use property names that are defined by the type.`);

/** A string longer than the column's MaxLength (platform validation, code 0x80044331). */
export const tooLong = (column: string, max: number): DataverseError =>
  new DataverseError(400, '0x80044331', `A validation error occurred. The length of the '${column}' attribute of the 'contact' entity exceeded the maximum allowed length of '${max}'.`);

/** Business logic (a plug-in's InvalidPluginExecutionException) refusing a record: its own message, code 0x80040265. */
export const pluginRefusal = (message: string): DataverseError => new DataverseError(400, '0x80040265', message);

/** A missing privilege: 403, code 0x80040220, naming the privilege (security roles). */
export const missingPrivilege = (userId: string, privilege: string): DataverseError =>
  new DataverseError(403, '0x80040220', `Principal user (Id=${userId}, type=8) is missing ${privilege} privilege (Id=00000000-0000-0000-0000-000000000000) on OTC=2 for entity 'contact'.`);

export const notFound = (path: string): DataverseError =>
  new DataverseError(404, '0x80060888', `Resource not found for the segment '${path.split('/').pop() ?? path}'.`);

export const serverError = (status: number): DataverseError =>
  new DataverseError(status, '0x80040216', status === 503 ? 'The service is temporarily unavailable.' : 'An unexpected error occurred.');
