import { REDACTED, redact } from '../../secrets/redact';
import { SyncError, type PushContext } from '../../sync/connector';
import { classifyTransportError, transportErrorCode } from './network-errors';
import { readCredential } from './transport-parts';

/**
 * The send loop every fetch-based transport (HubSpot, Pipedrive, Zoho CRM,
 * Dynamics 365, Mailchimp) shares. For EVERY request:
 * - the credential is read fresh (a refreshed token is used at once) and lives
 *   only in the headers `authorize` makes of it: never in the URL, an error or a
 *   log line, and it is cut out of the answer's text;
 * - the rate limiter is asked first (`beforeRequest`) and told exactly once after
 *   (`afterResponse`): what `observe` reads from a complete answer's headers, or
 *   status 0 when no complete answer arrived;
 * - the CRM's timeout and the engine's abort end it; an abort rethrows its reason;
 * - a failure before any answer becomes a SyncError 'network' or 'timeout' with a
 *   sentence naming the CRM; anything else (a bug) is rethrown as it is;
 * - a request marked `resendOnStaleSocket` that met a kept-alive socket the server
 *   had already closed (the request never reached the CRM's API) is sent once more.
 * What an answer means (statuses, error bodies) stays with each CRM's transport.
 */

export type RequestHooks = Pick<PushContext, 'beforeRequest' | 'afterResponse' | 'signal'>;
export type AnswerInfo = Parameters<RequestHooks['afterResponse']>[0];

/** How one CRM's requests are sent: the same for all of a connection's requests. */
export interface SendOptions {
  /** the CRM's name in sentences: "HubSpot", "Zoho CRM" */
  crm: string;
  /** what the credential is called in sentences: "access token", "API token" */
  credentialName: string;
  credential: () => Promise<string>;
  /** the headers that carry the credential */
  authorize: (secret: string) => Record<string, string>;
  timeoutMs: number;
  hooks: RequestHooks;
  /** 'manual' where a redirect would carry the credential to another host; default 'follow' */
  redirect?: RequestRedirect;
  /** what a complete answer's headers say about the limits; default the status alone */
  observe?: (status: number, headers: Record<string, string>) => AnswerInfo;
  fetch?: typeof fetch;
}

export interface OutgoingRequest {
  method: string;
  url: string;
  /** headers besides the credential's */
  headers?: Record<string, string>;
  body?: string;
  /**
   * Sending it twice does what sending it once does (a read, an upsert by key):
   * a socket found closed before any answer came is worth one more try at once.
   */
  resendOnStaleSocket?: boolean;
}

export interface RawAnswer {
  status: number;
  /** lower-cased names */
  headers: Record<string, string>;
  /** the body as text, with the credential cut out */
  text: string;
}

/**
 * Methods whose repeat has the effect of one request (RFC 9110 9.2.2): a transport may
 * mark such a request `resendOnStaleSocket` (a read sent by POST, such as a search, too).
 */
export const isIdempotentMethod = (method: string): boolean => ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'].includes(method.toUpperCase());

/** A kept-alive socket the server had already closed: the request never reached the API. */
const STALE_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/**
 * Did a request fail on a socket closed under it, before any answer? Such a request may be
 * sent once more when it is marked so (`resendOnStaleSocket`, e.g. `isIdempotentMethod`).
 * Also read by Salesforce's transport, which sends what jsforce builds.
 */
export function metStaleSocket(error: unknown): boolean {
  if (classifyTransportError(error) !== 'network') return false;
  const code = transportErrorCode(error);
  return code !== undefined && STALE_SOCKET_CODES.has(code);
}

export function sendRequest(request: OutgoingRequest, options: SendOptions): Promise<RawAnswer> {
  return attempt(request, options, request.resendOnStaleSocket ?? false);
}

async function attempt(request: OutgoingRequest, o: SendOptions, mayResend: boolean): Promise<RawAnswer> {
  const { hooks } = o;
  const secret = await readCredential(o.credential, o.crm, o.credentialName);
  hooks.signal.throwIfAborted();
  await hooks.beforeRequest();
  let response: Response | undefined;
  let text: string;
  try {
    response = await (o.fetch ?? fetch)(request.url, {
      method: request.method,
      headers: { ...request.headers, ...o.authorize(secret) },
      ...(request.body === undefined ? {} : { body: request.body }),
      ...(o.redirect ? { redirect: o.redirect } : {}),
      signal: AbortSignal.any([hooks.signal, AbortSignal.timeout(o.timeoutMs)]),
    });
    text = await response.text();
  } catch (error) {
    // every beforeRequest is paired with one afterResponse (the limiter holds a slot
    // until then); status 0 means no complete answer arrived
    hooks.afterResponse({ status: response?.status ?? 0 });
    if (hooks.signal.aborted) throw hooks.signal.reason;
    const failure = classifyTransportError(error);
    if (!failure) throw error;
    const code = transportErrorCode(error);
    if (mayResend && metStaleSocket(error)) return attempt(request, o, false);
    throw failure === 'timeout'
      ? new SyncError('timeout', `${o.crm} did not answer within ${Math.round(o.timeoutMs / 1000)} seconds. Ferry will try again.`, { crmError: code })
      : new SyncError('network', `Ferry could not reach ${o.crm}. Check the internet connection; Ferry will try again.`, {
          crmError: redact(code ?? (error instanceof Error ? error.message : String(error)), [secret]),
        });
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => { headers[name.toLowerCase()] = value; });
  hooks.afterResponse(o.observe ? o.observe(response.status, headers) : { status: response.status });
  // only the exact secret is cut: redact()'s field patterns would also blank the CRMs'
  // own `"code": "INVALID_EMAIL"` fields, which their error parsers need
  return { status: response.status, headers, text: secret.length >= 6 ? text.split(secret).join(REDACTED) : text };
}

/** A header's number, or undefined when it is absent, empty or not a number. */
export function headerNumber(headers: Record<string, string>, name: string): number | undefined {
  const raw = headers[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}
