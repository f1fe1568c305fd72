/**
 * Dataverse Web API facts the driver relies on, each with its source.
 */

/** The Web API root under the organisation URL (learn.microsoft.com/power-apps/developer/data-platform/webapi/overview). */
export const API_PATH = '/api/data/v9.2';

/**
 * "Batch requests can contain up to 1,000 individual requests"
 * (learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api).
 */
export const MAX_BATCH_REQUESTS = 1_000;

/**
 * Service protection API limits, per user per web server, over a 5-minute sliding
 * window (learn.microsoft.com/power-apps/developer/data-platform/api-limits):
 * 6,000 requests; 20 minutes (1,200,000 ms) of combined execution time; 52
 * concurrent requests. A 429 carries Retry-After in seconds. The Web API sends the
 * hex code, the SDK the decimal one.
 */
export const SERVICE_PROTECTION = {
  windowMs: 300_000,
  requests: 6_000,
  executionMs: 1_200_000,
  concurrent: 52,
} as const;

export const LIMIT_CODES = {
  requests: { decimal: '-2147015902', hex: '0x80072322' },
  executionTime: { decimal: '-2147015903', hex: '0x80072321' },
  concurrency: { decimal: '-2147015898', hex: '0x80072326' },
} as const;

/** Which service protection limit an error code names, if any. */
export function limitNamed(code: string | undefined): keyof typeof LIMIT_CODES | undefined {
  if (code === undefined) return undefined;
  const c = code.toLowerCase();
  for (const [name, codes] of Object.entries(LIMIT_CODES) as Array<[keyof typeof LIMIT_CODES, { decimal: string; hex: string }]>) {
    if (c === codes.decimal || c === codes.hex) return name;
  }
  return undefined;
}

/** EntityKeyMetadata.EntityKeyIndexStatus values (learn.microsoft.com/…/reference/entitykeyindexstatus). */
export type KeyIndexStatus = 'Pending' | 'InProgress' | 'Active' | 'Failed';

/** The single-quoted literal of an alternate key value in a URL: quotes doubled (OData ABNF, string literals). */
export function keyLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
