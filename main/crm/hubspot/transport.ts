import { headerNumber, isIdempotentMethod, type RequestHooks, sendRequest } from '../shared/send';
import { parseBody } from '../shared/transport-parts';

/**
 * The one place HubSpot HTTP happens. The SDK's generated API classes build and
 * parse requests; this library sends them, so that for EVERY request:
 * - the rate limiter is asked first (`ctx.beforeRequest`) and told exactly once
 *   after (`ctx.afterResponse`), with the limit headers when HubSpot sent them and
 *   status 0 when no answer arrived (network failure, timeout, abort);
 * - the access token is read fresh from its getter (a refreshed token is used at
 *   once) and exists only in the Authorization header: never in the SDK's config,
 *   an error message or a log line;
 * - a timeout and the engine's abort signal end the request;
 * - a non-2xx response becomes a HubSpotHttpError with HubSpot's raw body, which
 *   errors.ts parses (the SDK's own error model drops fields such as `policyName`).
 */

/** What the generated request factories hand us (a structural subset of their RequestContext). */
export interface WireRequest {
  getUrl(): string;
  getHttpMethod(): string;
  getHeaders(): Record<string, string>;
  getBody(): unknown;
}

interface WireBody {
  text(): Promise<string>;
  binary(): Promise<Buffer>;
}


export interface TransportOptions {
  accessToken: () => Promise<string>;
  timeoutMs: number;
  hooks: RequestHooks;
  now: () => number;
  fetch?: typeof fetch;
}

/** A response HubSpot sent with a non-2xx status, or a 2xx body Ferry could not read. */
export class HubSpotHttpError extends Error {
  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    /** parsed JSON when the body was JSON, else the (redacted) text */
    readonly body: unknown,
    readonly path: string,
  ) {
    super(`HubSpot answered ${status} to ${path}`);
    this.name = 'HubSpotHttpError';
  }
}

/**
 * The limit headers HubSpot sends (any may be absent), in the limiter's terms:
 * the ten-second window, and the account's daily allowance when HubSpot states it
 * (`X-HubSpot-RateLimit-Daily` / `-Daily-Remaining`; absent for OAuth apps).
 */
export function limitInfo(status: number, headers: Record<string, string>): Parameters<RequestHooks['afterResponse']>[0] {
  const daily = headerNumber(headers, 'x-hubspot-ratelimit-daily');
  const dailyRemaining = headerNumber(headers, 'x-hubspot-ratelimit-daily-remaining');
  return {
    status,
    remaining: headerNumber(headers, 'x-hubspot-ratelimit-remaining'),
    limit: headerNumber(headers, 'x-hubspot-ratelimit-max'),
    intervalMs: headerNumber(headers, 'x-hubspot-ratelimit-interval-milliseconds'),
    ...(daily !== undefined && dailyRemaining !== undefined && daily > 0 ? { quota: { used: Math.max(0, daily - dailyRemaining), limit: daily } } : {}),
  };
}

/**
 * Sends one request. Resolves with status, headers and a re-readable body for a
 * 2xx response; throws HubSpotHttpError, SyncError ('network' | 'timeout' | 'auth'
 * | 'config') or, when the engine aborted, the abort reason.
 */
export async function send(request: WireRequest, options: TransportOptions): Promise<{ status: number; headers: Record<string, string>; body: WireBody }> {
  const url = request.getUrl();
  const path = new URL(url).pathname;
  const body = request.getBody();
  if (body !== undefined && typeof body !== 'string') throw new TypeError('HubSpot requests from Ferry carry JSON text bodies only');
  const method = request.getHttpMethod();
  // met on a kept-alive socket the server closed, a read is sent once more: an idempotent method,
  // or a CRM search, which reads by POST (developers.hubspot.com, "Search the CRM")
  const resendOnStaleSocket = isIdempotentMethod(method) || (method === 'POST' && path.endsWith('/search'));
  const { status, headers, text } = await sendRequest({ method, url, headers: request.getHeaders(), ...(body === undefined ? {} : { body }), resendOnStaleSocket }, {
    crm: 'HubSpot',
    credentialName: 'access token',
    credential: options.accessToken,
    authorize: (token) => ({ Authorization: `Bearer ${token}` }),
    timeoutMs: options.timeoutMs,
    hooks: options.hooks,
    observe: limitInfo,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  if (status < 200 || status > 299) throw new HubSpotHttpError(status, headers, parseBody(text, headers['content-type']), path);
  if (text && /json/i.test(headers['content-type'] ?? '')) {
    try {
      JSON.parse(text);
    } catch {
      throw new HubSpotHttpError(status, headers, text, path);
    }
  }
  return { status, headers, body: { text: async () => text, binary: async () => Buffer.from(text) } };
}
