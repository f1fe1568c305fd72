import { headerNumber, isIdempotentMethod, sendRequest, type RequestHooks } from '../shared/send';
import { parseBody } from '../shared/transport-parts';

/**
 * The one place Pipedrive HTTP happens. The official SDK (`pipedrive`) builds
 * each request (path, query, method, JSON body; see api.ts); this sends it, so
 * that for EVERY request:
 * - the rate limiter is asked first and told exactly once after, with the
 *   burst-window headers Pipedrive sends (`x-ratelimit-limit`, `-remaining`,
 *   `-reset`: pipedrive.readme.io/docs/core-api-concepts-rate-limiting) and
 *   status 0 when no answer arrived;
 * - the credential is read fresh and travels only in a header: an API token as
 *   `x-api-token` (never `?api_token=` in the URL, where proxies log it), an
 *   OAuth access token as `Authorization: Bearer`;
 * - a timeout and the engine's abort signal end the request;
 * - a non-2xx answer becomes a PipedriveHttpError with Pipedrive's body
 *   (`{ success: false, error, error_info, code? }`), which errors.ts reads.
 */


export type PipedriveAuth = 'api-token' | 'oauth';

export interface TransportOptions {
  /** the API base: https://api.pipedrive.com, the company's api_domain, or a sandbox */
  baseUrl: string;
  credential: () => Promise<string>;
  auth: PipedriveAuth;
  timeoutMs: number;
  hooks: RequestHooks;
  fetch?: typeof fetch;
}

/** A request as the SDK's param creators build it: a path (with query) under /api/v1 or /api/v2. */
export interface WireRequest {
  version: 'v1' | 'v2';
  url: string;
  method: string;
  /** the JSON text the SDK serialised, if any */
  data?: string;
}

/** An answer Pipedrive sent with a non-2xx status, or a 2xx body Ferry could not read. */
export class PipedriveHttpError extends Error {
  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    /** parsed JSON when the body was JSON, else the (redacted) text */
    readonly body: unknown,
    readonly path: string,
  ) {
    super(`Pipedrive answered ${status} to ${path}`);
    this.name = 'PipedriveHttpError';
  }
}

/** The burst window of the rolling 2 seconds, in the limiter's terms. */
const BURST_WINDOW_MS = 2_000;

/** Pipedrive's burst-limit headers (any may be absent) for the limiter. */
export function limitInfo(status: number, headers: Record<string, string>): Parameters<RequestHooks['afterResponse']>[0] {
  return {
    status,
    remaining: headerNumber(headers, 'x-ratelimit-remaining'),
    limit: headerNumber(headers, 'x-ratelimit-limit'),
    intervalMs: BURST_WINDOW_MS,
  };
}

/**
 * Sends one request; resolves with the parsed JSON body of a 2xx answer. Throws
 * PipedriveHttpError, SyncError ('network' | 'timeout' | 'auth' | 'config') or,
 * when the engine aborted, the abort reason.
 */
export async function send(request: WireRequest, options: TransportOptions): Promise<unknown> {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/api/${request.version}${request.url}`;
  const path = new URL(url).pathname;
  const { status, headers, text } = await sendRequest({
    method: request.method,
    url,
    headers: { Accept: 'application/json', ...(request.data === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(request.data === undefined ? {} : { body: request.data }),
    // a list page, a lookup or a delete met on a kept-alive socket the server closed is sent once more
    resendOnStaleSocket: isIdempotentMethod(request.method),
  }, {
    crm: 'Pipedrive',
    credentialName: 'API token',
    credential: options.credential,
    authorize: (credential): Record<string, string> => (options.auth === 'oauth' ? { Authorization: `Bearer ${credential}` } : { 'x-api-token': credential }),
    timeoutMs: options.timeoutMs,
    hooks: options.hooks,
    redirect: 'manual',
    observe: limitInfo,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const body = parseBody(text, headers['content-type']);
  if (status < 200 || status > 299) throw new PipedriveHttpError(status, headers, body, path);
  if (typeof body !== 'object' || body === null) throw new PipedriveHttpError(status, headers, body, path);
  return body;
}
