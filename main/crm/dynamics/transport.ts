import { REDACTED, redact } from '../../secrets/redact';
import { SyncError, type PushContext } from '../../sync/connector';
import { classifyTransportError, transportErrorCode } from '../shared/network-errors';
import { dataverseError, whole429, wholeRequestFailure } from './errors';
import { readCredential } from '../shared/transport-parts';

/**
 * The one place Dataverse HTTP happens. For EVERY request:
 * - the rate limiter is asked first (`beforeRequest`) and told exactly once after
 *   (`afterResponse`, status 0 when no answer arrived);
 * - the access token is read fresh from its getter and exists only in the
 *   Authorization header, never in an error or a log line;
 * - a timeout and the engine's abort signal end the request;
 * - a whole-request failure (401, 403, 429, 5xx) becomes a SyncError; any other
 *   non-2xx a DataverseHttpError carrying Dataverse's own `{ error: { code, message } }`.
 */
export type RequestHooks = Pick<PushContext, 'beforeRequest' | 'afterResponse' | 'signal'>;

export interface TransportOptions {
  /** the organisation URL, no trailing slash */
  orgUrl: string;
  accessToken: () => Promise<string>;
  timeoutMs: number;
  hooks: RequestHooks;
}

export interface DataverseRequest {
  method: 'GET' | 'POST' | 'PATCH';
  /** path and query under the organisation URL, e.g. /api/data/v9.2/WhoAmI */
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /**
   * Sending it twice does what sending it once does (reads, upserts by key): a
   * request whose connection was reset before any answer came is sent once more
   * at once. An idle keep-alive connection the server closed just as Ferry reused
   * it is the usual cause.
   */
  idempotent?: boolean;
}

export interface DataverseResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** A non-2xx answer that is not a whole-request failure: the caller decides. */
export class DataverseHttpError extends Error {
  constructor(readonly status: number, readonly code: string | undefined, readonly crmMessage: string, readonly path: string) {
    super(`Dynamics 365 answered ${status} to ${path}: ${code ?? ''} ${crmMessage}`.trim());
    this.name = 'DataverseHttpError';
  }
}

export async function send(request: DataverseRequest, options: TransportOptions): Promise<DataverseResponse> {
  try {
    return await sendOnce(request, options);
  } catch (error) {
    const resetBeforeAnswer = error instanceof SyncError && error.kind === 'network' && /ECONNRESET|UND_ERR_SOCKET/.test(error.details.crmError ?? '');
    if (!(request.idempotent ?? request.method === 'GET') || !resetBeforeAnswer) throw error;
    return sendOnce(request, options);
  }
}

async function sendOnce(request: DataverseRequest, options: TransportOptions): Promise<DataverseResponse> {
  const { hooks } = options;
  const token = await readCredential(options.accessToken, 'Dynamics 365', 'access token');
  hooks.signal.throwIfAborted();
  await hooks.beforeRequest();
  let response: Response | undefined;
  let text: string;
  try {
    response = await fetch(`${options.orgUrl}${request.path}`, {
      method: request.method,
      headers: {
        Accept: 'application/json',
        'OData-MaxVersion': '4.0',
        'OData-Version': '4.0',
        ...(request.body !== undefined && !request.headers?.['Content-Type'] ? { 'Content-Type': 'application/json' } : {}),
        ...request.headers,
        Authorization: `Bearer ${token}`,
      },
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.any([hooks.signal, AbortSignal.timeout(options.timeoutMs)]),
    });
    text = await response.text();
  } catch (error) {
    hooks.afterResponse({ status: response?.status ?? 0 });
    if (hooks.signal.aborted) throw hooks.signal.reason;
    const failure = classifyTransportError(error);
    if (!failure) throw error;
    const code = transportErrorCode(error);
    throw failure === 'timeout'
      ? new SyncError('timeout', `Dynamics 365 did not answer within ${Math.round(options.timeoutMs / 1000)} seconds. Ferry will try again.`, { crmError: code })
      : new SyncError('network', 'Ferry could not reach Dynamics 365. Check the internet connection; Ferry will try again.', {
          crmError: redact(code ?? (error instanceof Error ? error.message : String(error)), [token]),
        });
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => { headers[name.toLowerCase()] = value; });
  // Only the status: Microsoft says the x-ms-ratelimit-* headers are for debugging,
  // counted per connection and reset on another web server (api-limits, "HTTP Response
  // headers"), so they must not steer the pacer (its fleet share reads `remaining` as
  // what other laptops use). Ferry paces at the documented 6,000 / 5 min and obeys 429s.
  hooks.afterResponse({ status: response.status });
  const safeText = token.length >= 6 ? text.split(token).join(REDACTED) : text;
  if (response.status >= 200 && response.status <= 299) return { status: response.status, headers, text: safeText };
  const { code, message } = dataverseError(safeText);
  if (response.status === 429) throw whole429(code, message, headers['retry-after']);
  const failure = wholeRequestFailure(response.status, code, message);
  if (failure) throw failure;
  throw new DataverseHttpError(response.status, code, message, request.path.split('?')[0] ?? request.path);
}
