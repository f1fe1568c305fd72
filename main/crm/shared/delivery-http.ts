import { redact } from '../../secrets/redact';
import { SyncError, type PushContext } from '../../sync/connector';
import { classifyTransportError, parseRetryAfter, transportErrorCode } from './network-errors';

/**
 * One POST of a delivery-only connector (Zapier catch hook, signed webhook),
 * and what its answer means. Connectors never retry: anything that is not 2xx
 * becomes a whole-request SyncError and the engine decides.
 *
 * Invariants:
 * - `ctx.beforeRequest()` is awaited before the request and
 *   `ctx.afterResponse({ status })` called once an answer arrived;
 * - the URL (a secret: a catch hook URL is its own credential) and every
 *   string in `secrets` are scrubbed from every message and CRM error text;
 * - messages never claim more than delivery.
 */

export interface DeliveryTarget {
  /** "Zapier", "your webhook" */
  crmName: string;
  /** the sentence for 404/410: the endpoint no longer exists */
  goneMessage: string;
  /** the sentence for 401/403, when the target has one (signed webhooks) */
  refusedMessage?: string;
}

interface DeliveryRequest {
  url: string;
  body: string;
  /** a function is called after the rate limiter let the request go (signatures carry a timestamp) */
  headers: Record<string, string> | (() => Record<string, string>);
  ctx: Pick<PushContext, 'beforeRequest' | 'afterResponse' | 'signal'>;
  timeoutMs: number;
  target: DeliveryTarget;
  /** strings to scrub besides the URL */
  secrets?: string[];
  now: () => number;
  fetch?: typeof fetch;
}

interface DeliveryAnswer {
  status: number;
  headers: Record<string, string>;
  /** the response body, scrubbed */
  text: string;
}

/** Longest piece of a receiver's answer kept as `crmError`. */
const MAX_CRM_ERROR_CHARS = 500;

export async function postDelivery(request: DeliveryRequest): Promise<DeliveryAnswer> {
  const { ctx, target } = request;
  const secrets = [request.url, ...(request.secrets ?? [])];
  ctx.signal.throwIfAborted();
  await ctx.beforeRequest();
  const headers = typeof request.headers === 'function' ? request.headers() : request.headers;
  let response: Response;
  let text: string;
  try {
    response = await (request.fetch ?? fetch)(request.url, {
      method: 'POST',
      headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(request.timeoutMs)]),
    });
    text = await response.text();
  } catch (error) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    const failure = classifyTransportError(error);
    if (!failure) throw error;
    const detail = redact(transportErrorCode(error) ?? (error instanceof Error ? error.message : String(error)), secrets);
    throw failure === 'timeout'
      ? new SyncError('timeout', `${target.crmName} did not answer within ${Math.round(request.timeoutMs / 1000)} seconds. Ferry will try again.`, { crmError: detail })
      : new SyncError('network', `Ferry could not reach ${target.crmName}. Check the internet connection; Ferry will try again.`, { crmError: detail });
  }
  const answerHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    answerHeaders[name.toLowerCase()] = value;
  });
  ctx.afterResponse({ status: response.status });
  const safeText = redact(text, secrets);
  if (response.status >= 200 && response.status <= 299) return { status: response.status, headers: answerHeaders, text: safeText };
  throw deliveryError(response.status, answerHeaders, safeText, target, request.now());
}

/** A non-2xx answer → the SyncError the engine acts on. */
export function deliveryError(status: number, headers: Record<string, string>, text: string, target: DeliveryTarget, now: number): SyncError {
  const crmError = text.trim() ? text.trim().slice(0, MAX_CRM_ERROR_CHARS) : `HTTP ${status}`;
  const name = target.crmName;
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers['retry-after'], now);
    return new SyncError('rate_limited', `${name} asked Ferry to slow down (HTTP 429). Ferry will send again at a lower pace.`, {
      status, crmError, ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (status === 404 || status === 410) return new SyncError('config', target.goneMessage, { status, crmError });
  if ((status === 401 || status === 403) && target.refusedMessage) return new SyncError('config', target.refusedMessage, { status, crmError });
  if (status === 408) return new SyncError('timeout', `${name} timed out receiving the request (HTTP 408). Ferry will try again.`, { status, crmError });
  if (status >= 500) return new SyncError('server', `${name} had a problem receiving the contacts (HTTP ${status}). Ferry will try again.`, { status, crmError });
  if (status === 413) {
    return new SyncError('invalid_request', `${name} refused the request as too large (HTTP 413). Send fewer contacts per request.`, { status, crmError });
  }
  if (status >= 300 && status <= 399) {
    return new SyncError('config', `${name} answered with a redirect (HTTP ${status}); Ferry does not follow redirects with contact data. Check the URL.`, { status, crmError });
  }
  return new SyncError('invalid_request', `${name} refused the request (HTTP ${status}). Check the URL and the receiving side; Ferry has paused sending.`, { status, crmError });
}
