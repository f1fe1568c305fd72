import { sendRequest, type RequestHooks } from '../shared/send';
import { dataverseError, whole429, wholeRequestFailure } from './errors';

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

export interface TransportOptions {
  /** the organisation URL, no trailing slash */
  orgUrl: string;
  accessToken: () => Promise<string>;
  timeoutMs: number;
  hooks: RequestHooks;
}

export interface DataverseRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** path and query under the organisation URL, e.g. /api/data/v9.2/WhoAmI */
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /**
   * Sending it twice does what sending it once does (reads, upserts by key): a
   * request whose connection was reset before any answer came is sent once more
   * at once (shared/send.ts). An idle keep-alive connection the server closed just
   * as Ferry reused it is the usual cause.
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
  const { status, headers, text } = await sendRequest({
    method: request.method,
    url: `${options.orgUrl}${request.path}`,
    headers: {
      Accept: 'application/json',
      'OData-MaxVersion': '4.0',
      'OData-Version': '4.0',
      ...(request.body !== undefined && !request.headers?.['Content-Type'] ? { 'Content-Type': 'application/json' } : {}),
      ...request.headers,
    },
    ...(request.body === undefined ? {} : { body: request.body }),
    resendOnStaleSocket: request.idempotent ?? request.method === 'GET',
  }, {
    crm: 'Dynamics 365',
    credentialName: 'access token',
    credential: options.accessToken,
    authorize: (token) => ({ Authorization: `Bearer ${token}` }),
    timeoutMs: options.timeoutMs,
    hooks: options.hooks,
    redirect: 'manual',
    // Only the status: Microsoft says the x-ms-ratelimit-* headers are for debugging,
    // counted per connection and reset on another web server (api-limits, "HTTP Response
    // headers"), so they must not steer the pacer (its fleet share reads `remaining` as
    // what other laptops use). Ferry paces at the documented 6,000 / 5 min and obeys 429s.
  });
  if (status >= 200 && status <= 299) return { status, headers, text };
  const { code, message } = dataverseError(text);
  if (status === 429) throw whole429(code, message, headers['retry-after']);
  const failure = wholeRequestFailure(status, code, message);
  if (failure) throw failure;
  throw new DataverseHttpError(status, code, message, request.path.split('?')[0] ?? request.path);
}
