import { REDACTED, redact } from '../../secrets/redact';
import { SyncError, type PushContext } from '../../sync/connector';
import { classifyTransportError, transportErrorCode } from '../shared/network-errors';
import { parseBody, readCredential } from '../shared/transport-parts';

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

export type RequestHooks = Pick<PushContext, 'beforeRequest' | 'afterResponse' | 'signal'>;

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

function headerNumber(headers: Record<string, string>, name: string): number | undefined {
  const raw = headers[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

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
  const { hooks } = options;
  const url = `${options.baseUrl.replace(/\/+$/, '')}/api/${request.version}${request.url}`;
  const path = new URL(url).pathname;
  const credential = await readCredential(options.credential, 'Pipedrive', 'API token');
  hooks.signal.throwIfAborted();
  await hooks.beforeRequest();

  let response: Response | undefined;
  let text: string;
  try {
    response = await (options.fetch ?? fetch)(url, {
      method: request.method,
      headers: {
        Accept: 'application/json',
        ...(request.data === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(options.auth === 'oauth' ? { Authorization: `Bearer ${credential}` } : { 'x-api-token': credential }),
      },
      body: request.data,
      redirect: 'manual',
      signal: AbortSignal.any([hooks.signal, AbortSignal.timeout(options.timeoutMs)]),
    });
    text = await response.text();
  } catch (error) {
    // every beforeRequest is paired with one afterResponse; status 0: no complete answer
    hooks.afterResponse({ status: response?.status ?? 0 });
    if (hooks.signal.aborted) throw hooks.signal.reason;
    const failure = classifyTransportError(error);
    if (!failure) throw error;
    const code = transportErrorCode(error);
    throw failure === 'timeout'
      ? new SyncError('timeout', `Pipedrive did not answer within ${Math.round(options.timeoutMs / 1000)} seconds. Ferry will try again.`, { crmError: code })
      : new SyncError('network', 'Ferry could not reach Pipedrive. Check the internet connection; Ferry will try again.', {
          crmError: redact(code ?? (error instanceof Error ? error.message : String(error)), [credential]),
        });
  }

  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  hooks.afterResponse(limitInfo(response.status, headers));
  const safeText = credential.length >= 6 ? text.split(credential).join(REDACTED) : text;
  const body = parseBody(safeText, headers['content-type']);
  if (response.status < 200 || response.status > 299) throw new PipedriveHttpError(response.status, headers, body, path);
  if (typeof body !== 'object' || body === null) throw new PipedriveHttpError(response.status, headers, body, path);
  return body;
}
