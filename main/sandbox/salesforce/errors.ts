import type { Reply } from '../shared/http';

/**
 * Salesforce's REST error shapes. A whole request that fails answers an ARRAY of
 * `{ message, errorCode, fields? }` (jsforce reads `errorCode` from it); one record
 * of an sObject Collection that fails carries `{ statusCode, message, fields }`
 * in its result's `errors` instead.
 */
interface ApiErrorEntry {
  message: string;
  errorCode: string;
  fields?: string[];
}

export class SalesforceError extends Error {
  constructor(readonly status: number, readonly errorCode: string, message: string, readonly fields?: string[], readonly headers: Record<string, string> = {}) {
    super(message);
    this.name = 'SalesforceError';
  }

  toReply(): Reply {
    const entry: ApiErrorEntry = { message: this.message, errorCode: this.errorCode };
    if (this.fields) entry.fields = this.fields;
    return { status: this.status, body: [entry], headers: this.headers };
  }
}

/** One record's error inside a collection result (and the basis of single-record errors). */
export interface RecordError {
  statusCode: string;
  message: string;
  fields: string[];
  /**
   * present on DUPLICATES_DETECTED when the request asked for record details. The
   * REST API spells it `duplicateResut` (sic), as captured responses show
   * (docs/vendor-facts.md); the sandbox does the same.
   */
  duplicateResut?: DuplicateResult;
}

export interface DuplicateResult {
  allowSave: boolean;
  duplicateRule: string;
  duplicateRuleEntityType: string;
  errorMessage: string;
  matchResults: Array<{
    entityType: string;
    errors: unknown[];
    matchEngine: string;
    matchRecords: Array<{ additionalInformation: unknown[]; fieldDiffs: unknown[]; matchConfidence: number; record: Record<string, unknown> }>;
    rule: string;
    size: number;
    success: boolean;
  }>;
}

/** A record-level problem as a thrown value, so validation can stop at the first one. */
export class RecordRejection extends Error {
  constructor(readonly error: RecordError) {
    super(error.message);
    this.name = 'RecordRejection';
  }
}

export const rejectRecord = (statusCode: string, message: string, fields: string[] = []): RecordRejection =>
  new RecordRejection({ statusCode, message, fields });

export const invalidSession = (): SalesforceError => new SalesforceError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
export const requestLimitExceeded = (used: number, limit: number): SalesforceError =>
  new SalesforceError(403, 'REQUEST_LIMIT_EXCEEDED', `TotalRequests Limit exceeded. (used ${used} of ${limit})`);
export const notFoundResource = (path: string): SalesforceError =>
  new SalesforceError(404, 'NOT_FOUND', `The requested resource does not exist: ${path}`);
export const methodNotAllowed = (method: string): SalesforceError =>
  new SalesforceError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are GET,PATCH,POST,DELETE`);
export const jsonParserError = (detail: string): SalesforceError => new SalesforceError(400, 'JSON_PARSER_ERROR', detail);
export const invalidField = (message: string): SalesforceError => new SalesforceError(400, 'INVALID_FIELD', message);
export const malformedQuery = (message: string): SalesforceError => new SalesforceError(400, 'MALFORMED_QUERY', message);
export const invalidType = (type: string): SalesforceError =>
  new SalesforceError(404, 'NOT_FOUND', `The requested resource does not exist (sObject type '${type}' is not supported.)`);
export const serverError = (status: number): SalesforceError =>
  new SalesforceError(status, status === 503 ? 'SERVER_UNAVAILABLE' : 'UNKNOWN_EXCEPTION',
    status === 503 ? 'Server temporarily unavailable. Please try again later.' : 'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567-89 (-1)');
