import { REDACTED, redact } from '../../secrets/redact';
import { SyncError, type PushContext } from '../../sync/connector';
import { classifyTransportError, transportErrorCode } from '../shared/network-errors';
import { parseBody, readCredential } from '../shared/transport-parts';

/**
 * The one place Mailchimp HTTP happens, so that for EVERY request the rate
 * limiter is asked first and told exactly once after (status 0 when no answer
 * arrived), the credential is read fresh and lives only in the Authorization
 * header, the engine's abort and Mailchimp's own 120-second timeout end it, and
 * a non-2xx answer becomes a MailchimpHttpError carrying Mailchimp's problem body.
 * Mailchimp sends no rate-limit headers (it limits concurrency), so only the
 * status is reported.
 */

export type RequestHooks = Pick<PushContext, 'beforeRequest' | 'afterResponse' | 'signal'>;

export interface MailchimpCredential {
  /** 'api-key': HTTP Basic with any user name; 'oauth': a Bearer token (Mailchimp's OAuth guide) */
  style: 'api-key' | 'oauth';
  secret: () => Promise<string>;
}

export interface TransportOptions {
  root: string;
  credential: MailchimpCredential;
  timeoutMs: number;
  hooks: RequestHooks;
  fetch?: typeof fetch;
}

/** An answer Mailchimp sent with a non-2xx status (or a 2xx body Ferry could not read). */
export class MailchimpHttpError extends Error {
  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    /** parsed JSON when it was JSON, else the (redacted) text */
    readonly body: unknown,
    readonly path: string,
  ) {
    super(`Mailchimp answered ${status} to ${path}`);
    this.name = 'MailchimpHttpError';
  }
}

function authorization(credential: MailchimpCredential, secret: string): string {
  return credential.style === 'oauth' ? `Bearer ${secret}` : `Basic ${Buffer.from(`ferry:${secret}`).toString('base64')}`;
}

/** A kept-alive socket the server had already closed: the request never reached Mailchimp's API. */
const STALE_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/**
 * Sends one request; resolves with the parsed 2xx body. A request that meets a reused
 * socket the server had closed (a kept-alive connection whose idle timer ran late, e.g.
 * while a large import blocked the process) is sent once more on a fresh one: every
 * Mailchimp write Ferry makes is an upsert, a move to the same address, a tag state or a
 * field creation that is re-listed on refusal, so a resend never duplicates anything.
 */
export function mailchimpRequest(method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, body: unknown, o: TransportOptions): Promise<unknown> {
  return sendOnce(method, path, body, o, true);
}

async function sendOnce(method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, body: unknown, o: TransportOptions, mayResend: boolean): Promise<unknown> {
  const { hooks } = o;
  const secret = await readCredential(() => o.credential.secret(), 'Mailchimp', 'credentials');
  const url = `${o.root}${path}`;
  hooks.signal.throwIfAborted();
  await hooks.beforeRequest();
  let response: Response | undefined;
  let text: string;
  try {
    response = await (o.fetch ?? fetch)(url, {
      method,
      headers: { Authorization: authorization(o.credential, secret), Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.any([hooks.signal, AbortSignal.timeout(o.timeoutMs)]),
    });
    text = await response.text();
  } catch (error) {
    hooks.afterResponse({ status: response?.status ?? 0 });
    if (hooks.signal.aborted) throw hooks.signal.reason;
    const failure = classifyTransportError(error);
    if (!failure) throw error;
    const code = transportErrorCode(error);
    if (failure === 'network' && mayResend && code !== undefined && STALE_SOCKET_CODES.has(code)) return sendOnce(method, path, body, o, false);
    throw failure === 'timeout'
      ? new SyncError('timeout', `Mailchimp did not answer within ${Math.round(o.timeoutMs / 1000)} seconds. Ferry will try again.`, { crmError: code })
      : new SyncError('network', 'Ferry could not reach Mailchimp. Check the internet connection; Ferry will try again.', { crmError: redact(code ?? (error instanceof Error ? error.message : String(error)), [secret]) });
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => { headers[name.toLowerCase()] = value; });
  hooks.afterResponse({ status: response.status });
  const safe = secret.length >= 6 ? text.split(secret).join(REDACTED) : text;
  const parsed = parseBody(safe, headers['content-type']);
  const route = new URL(url).pathname;
  if (response.status < 200 || response.status > 299) throw new MailchimpHttpError(response.status, headers, parsed, route);
  if (safe && /json/i.test(headers['content-type'] ?? '') && typeof parsed === 'string') throw new MailchimpHttpError(response.status, headers, safe, route);
  return parsed;
}
