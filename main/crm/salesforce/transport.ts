import { PassThrough } from 'node:stream';
import type { HttpRequest, HttpRequestOptions, HttpResponse } from 'jsforce';
import { StreamPromise } from 'jsforce/lib/util/promise.js';
// (the .js suffix: the CLI bundle loads jsforce from node_modules as an ES import, which needs the file name)
import { Transport } from 'jsforce/lib/transport.js';
import { redact } from '../../secrets/redact';
import { SyncError, type PushContext } from '../../sync/connector';
import { classifyTransportError, transportErrorCode } from '../shared/network-errors';
import { isIdempotentMethod, metStaleSocket } from '../shared/send';

/**
 * The one place Salesforce HTTP happens. jsforce builds every request and parses
 * every answer; this transport, installed as the connection's `_transport`,
 * sends them so that for EVERY request (queries, collections, describe, retried
 * requests after a refresh):
 * - the rate limiter is asked first (`beforeRequest`) and told the
 *   `Sforce-Limit-Info` usage after (`afterResponse`);
 * - nothing is retried: jsforce's own transport silently retries 5xx and network
 *   errors up to 5 times with sleeps; retries belong to the engine. The one
 *   exception is the shared rule of main/crm/shared/send.ts: a request with an
 *   idempotent method (the methods jsforce 3's lib/request.js retries too: GET,
 *   PUT, HEAD, OPTIONS, DELETE) that met a kept-alive socket the server had closed
 *   is sent once more at once; a POST or PATCH (a collection create or update, a
 *   SOAP merge) never is;
 * - every `beforeRequest` is paired with one `afterResponse` (status 0 when no
 *   complete answer arrived), so a failed request gives back its limiter slot;
 * - a timeout and the engine's abort signal end the request;
 * - whole-request failures the engine must classify (5xx, the daily limit,
 *   permissions, 429) become a SyncError here. A 401 is handed back to jsforce
 *   so its session refresh runs, which session.ts caps.
 */
export type RequestHooks = Pick<PushContext, 'beforeRequest' | 'afterResponse' | 'signal'>;

export const DAY_MS = 86_400_000;

/** `api-usage=USED/LIMIT` → remaining and limit of the org's daily allocation. */
function parseLimitInfo(header: string | undefined): { remaining?: number; limit?: number } {
  const m = /api-usage=(\d+)\/(\d+)/.exec(header ?? '');
  if (!m) return {};
  const used = Number(m[1]);
  const limit = Number(m[2]);
  return { remaining: Math.max(0, limit - used), limit };
}

/** Salesforce's `[{ errorCode, message }]` body, read leniently (HTML and text bodies happen). */
function errorEntry(body: string): { errorCode?: string; message?: string } {
  try {
    const parsed: unknown = JSON.parse(body);
    const first: unknown = Array.isArray(parsed) ? parsed[0] : parsed;
    if (typeof first !== 'object' || first === null) return {};
    const { errorCode, message } = first as { errorCode?: unknown; message?: unknown };
    return { errorCode: typeof errorCode === 'string' ? errorCode : undefined, message: typeof message === 'string' ? message : undefined };
  } catch {
    // not JSON (an HTML error page from a proxy or an outage): the caller uses the status
    return {};
  }
}

function crmText(status: number, body: string): string {
  const e = errorEntry(body);
  return [`HTTP ${status}`, e.errorCode, e.message ?? (e.errorCode ? undefined : body.slice(0, 300))].filter(Boolean).join(' ');
}

/**
 * A SOAP fault: the SOAP API answers every fault with HTTP 500 and a
 * `<soapenv:Fault><faultcode>sf:CODE</faultcode>` body (SOAP API Developer Guide,
 * "Error Handling"); jsforce reads it (and refreshes on sf:INVALID_SESSION_ID).
 */
const isSoapFault = (status: number, body: string): boolean => status === 500 && /<(?:\w+:)?Fault>[\s\S]*<faultcode>/.test(body);

/** The SyncError for a response that fails the whole request, or undefined to let jsforce handle it. */
function responseFailure(status: number, body: string): SyncError | undefined {
  const crmError = crmText(status, body);
  const code = errorEntry(body).errorCode;
  // a fault names its cause; an unexpected one (sf:UNKNOWN_EXCEPTION) is still the server's trouble
  if (isSoapFault(status, body) && !/<faultcode>\w+:UNKNOWN_EXCEPTION<\/faultcode>/.test(body)) return undefined;
  if (status >= 500) return new SyncError('server', 'Salesforce is having trouble right now. Ferry will try again.', { status, crmError });
  if (status === 429) return new SyncError('rate_limited', 'Salesforce asked Ferry to slow down. Ferry will continue in a moment.', { status, crmError, retryAfterMs: 2_000 });
  if (status === 403 && code === 'REQUEST_LIMIT_EXCEEDED') {
    return new SyncError('daily_limit', "Your Salesforce org has used up its daily API allowance. Syncing resumes when Salesforce frees it (it is counted over the last 24 hours).", { status, crmError });
  }
  if (status === 403) return new SyncError('permission', "Salesforce does not let Ferry do this. Ask your Salesforce admin to give Ferry's user API access and edit rights on contacts or leads.", { status, crmError });
  if (status === 414 || status === 431) return new SyncError('invalid_request', 'Ferry sent Salesforce a request that was too long. The details are in the sync log.', { status, crmError });
  return undefined;
}

export class HookedTransport extends Transport {
  constructor(private readonly hooks: RequestHooks, private readonly timeoutMs: number, private readonly secrets: () => string[]) {
    super();
  }

  override httpRequest(req: HttpRequest, _options?: HttpRequestOptions): StreamPromise<HttpResponse> {
    return StreamPromise.create(() => ({ stream: new PassThrough(), promise: this.send(req) }));
  }

  private async send(req: HttpRequest, mayResend = isIdempotentMethod(req.method)): Promise<HttpResponse> {
    const { hooks } = this;
    if (req.body !== undefined && typeof req.body !== 'string') throw new TypeError('Salesforce requests from Ferry carry text bodies only');
    hooks.signal.throwIfAborted();
    await hooks.beforeRequest();
    const headers = Object.fromEntries(Object.entries(req.headers ?? {}).filter(([k]) => k.toLowerCase() !== 'content-length'));
    let response: Response;
    let body: string;
    try {
      response = await fetch(req.url, {
        method: req.method, headers, body: req.body, redirect: 'manual',
        signal: AbortSignal.any([hooks.signal, AbortSignal.timeout(this.timeoutMs)]),
      });
      body = await response.text();
    } catch (error) {
      hooks.afterResponse({ status: 0 });
      if (hooks.signal.aborted) throw hooks.signal.reason;
      const failure = classifyTransportError(error);
      if (!failure) throw error;
      if (mayResend && metStaleSocket(error)) return this.send(req, false);
      const code = transportErrorCode(error);
      throw failure === 'timeout'
        ? new SyncError('timeout', `Salesforce did not answer within ${Math.round(this.timeoutMs / 1000)} seconds. Ferry will try again.`, { crmError: code })
        : new SyncError('network', 'Ferry could not reach Salesforce. Check the internet connection; Ferry will try again.', {
            crmError: redact(code ?? (error instanceof Error ? error.message : String(error)), this.secrets()),
          });
    }
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => { out[name.toLowerCase()] = value; });
    const usage = parseLimitInfo(out['sforce-limit-info']);
    hooks.afterResponse({
      status: response.status, ...usage, intervalMs: DAY_MS,
      // the org's daily allocation, for the headroom Ferry leaves its other integrations (sync/allocation.ts)
      ...(usage.limit !== undefined && usage.remaining !== undefined ? { quota: { used: usage.limit - usage.remaining, limit: usage.limit } } : {}),
    });
    const failure = responseFailure(response.status, body);
    if (failure) throw failure;
    return { statusCode: response.status, headers: out, body };
  }
}
