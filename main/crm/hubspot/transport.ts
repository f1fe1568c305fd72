import { REDACTED, redact } from '../../secrets/redact';
import { SyncError, type PushContext } from '../../sync/connector';
import { classifyTransportError, transportErrorCode } from '../shared/network-errors';
import { parseBody, readCredential } from '../shared/transport-parts';

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

export type RequestHooks = Pick<PushContext, 'beforeRequest' | 'afterResponse' | 'signal'>;

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

function headerNumber(headers: Record<string, string>, name: string): number | undefined {
  const raw = headers[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
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
  const { hooks } = options;
  const url = request.getUrl();
  const path = new URL(url).pathname;
  const accessToken = await readCredential(options.accessToken, 'HubSpot', 'access token');
  const body = request.getBody();
  if (body !== undefined && typeof body !== 'string') throw new TypeError('HubSpot requests from Ferry carry JSON text bodies only');
  hooks.signal.throwIfAborted();
  await hooks.beforeRequest();

  let response: Response | undefined;
  let text: string;
  try {
    response = await (options.fetch ?? fetch)(url, {
      method: request.getHttpMethod(),
      headers: { ...request.getHeaders(), Authorization: `Bearer ${accessToken}` },
      body,
      signal: AbortSignal.any([hooks.signal, AbortSignal.timeout(options.timeoutMs)]),
    });
    text = await response.text();
  } catch (error) {
    // every beforeRequest is paired with one afterResponse (the limiter holds a
    // slot until then); status 0 means no complete answer arrived
    hooks.afterResponse({ status: response?.status ?? 0 });
    if (hooks.signal.aborted) throw hooks.signal.reason;
    const failure = classifyTransportError(error);
    if (!failure) throw error;
    const code = transportErrorCode(error);
    throw failure === 'timeout'
      ? new SyncError('timeout', `HubSpot did not answer within ${Math.round(options.timeoutMs / 1000)} seconds. Ferry will try again.`, { crmError: code })
      : new SyncError('network', 'Ferry could not reach HubSpot. Check the internet connection; Ferry will try again.', {
          crmError: redact(code ?? (error instanceof Error ? error.message : String(error)), [accessToken]),
        });
  }

  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  hooks.afterResponse(limitInfo(response.status, headers));
  // only the exact token is scrubbed: redact()'s field patterns would also blank
  // HubSpot's own `"code": "INVALID_EMAIL"` fields, which errors.ts needs
  const safeText = accessToken.length >= 6 ? text.split(accessToken).join(REDACTED) : text;
  if (response.status < 200 || response.status > 299) {
    throw new HubSpotHttpError(response.status, headers, parseBody(safeText, headers['content-type']), path);
  }
  if (safeText && /json/i.test(headers['content-type'] ?? '')) {
    try {
      JSON.parse(safeText);
    } catch {
      throw new HubSpotHttpError(response.status, headers, safeText, path);
    }
  }
  return { status: response.status, headers, body: { text: async () => safeText, binary: async () => Buffer.from(safeText) } };
}
