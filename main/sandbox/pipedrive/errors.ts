import type { Reply } from '../shared/http';

/**
 * Pipedrive's error body, one schema for every error
 * (pipedrive.readme.io/docs/core-api-concepts-responses):
 * `{ success: false, error, error_info, data: null, additional_data: null }`.
 */
const ERROR_INFO = 'Please check developers.pipedrive.com for more information about Pipedrive API.';

export class PipedriveError extends Error {
  constructor(readonly status: number, message: string, readonly headers: Record<string, string> = {}, readonly extra: Record<string, unknown> = {}) {
    super(message);
    this.name = 'PipedriveError';
  }

  toReply(): Reply {
    return { status: this.status, headers: this.headers, body: { success: false, error: this.message, error_info: ERROR_INFO, data: null, additional_data: null, ...this.extra } };
  }
}

/** 401 for a missing, wrong or revoked token: `errorCode: 401` as Pipedrive's API answers it. */
export const unauthorized = (): PipedriveError => new PipedriveError(401, 'unauthorized access', {}, { errorCode: 401 });
export const badRequest = (message: string): PipedriveError => new PipedriveError(400, message);
export const notFound = (message: string): PipedriveError => new PipedriveError(404, message);
export const serverError = (status: number): PipedriveError => new PipedriveError(status, status === 503 ? 'Service is temporarily unavailable' : 'Internal server error');
/** 429 "Too Many Requests" with the burst headers and, for the daily budget, a Retry-After until midnight. */
export const tooManyRequests = (retryAfterSeconds: number, headers: Record<string, string>): PipedriveError =>
  new PipedriveError(429, 'Request over limit', { ...headers, 'retry-after': String(retryAfterSeconds) });
