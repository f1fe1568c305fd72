import { REDACTED, redact } from '../../secrets/redact';
import { SyncError, type PushContext } from '../../sync/connector';
import { classifyTransportError, transportErrorCode } from '../shared/network-errors';
import { readCredential } from '../shared/transport-parts';

/**
 * The one place Zoho CRM HTTP happens (a small typed client over fetch; Zoho's
 * official Node/TypeScript SDKs keep tokens in files or MySQL, log through
 * winston, ship TypeScript 4.5 and MySQL as runtime dependencies and send
 * through their own HTTP client, so Ferry's pacing and secrets rules could not
 * hold). For EVERY request:
 * - the rate limiter is asked first and told exactly once after, with what Zoho
 *   said about the org's credits (X-API-CREDITS-REMAINING, when sent);
 * - the access token is read fresh from its getter and exists only in the
 *   `Authorization: Zoho-oauthtoken …` header, never in an error or a log line;
 * - a timeout and the engine's abort signal end the request.
 * Every answer, 2xx or not, comes back parsed: Zoho reports per-record failures
 * inside a 207 or 400 body, so only the caller knows what a status means.
 */
export type RequestHooks = Pick<PushContext, 'beforeRequest' | 'afterResponse' | 'signal'>;

export interface TransportOptions {
  accessToken: () => Promise<string>;
  hooks: RequestHooks;
  timeoutMs: number;
  /** the org's credits per 24 h once known (prepare reads its edition), for the allocation view */
  dailyCredits: () => number | undefined;
  /** remembers the last credits count Zoho stated */
  onCredits: (remaining: number) => void;
  fetch?: typeof fetch;
}

export interface ZohoAnswer {
  status: number;
  headers: Record<string, string>;
  /** parsed JSON, or undefined for an empty or non-JSON body (then `text` says what came) */
  json: unknown;
  text: string;
}

function credits(headers: Record<string, string>): number | undefined {
  const raw = headers['x-api-credits-remaining'];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

export async function send(method: 'GET' | 'POST', url: string, body: unknown, options: TransportOptions): Promise<ZohoAnswer> {
  const { hooks } = options;
  const accessToken = await readCredential(options.accessToken, 'Zoho CRM', 'access token');
  hooks.signal.throwIfAborted();
  await hooks.beforeRequest();
  let response: Response | undefined;
  let text: string;
  try {
    response = await (options.fetch ?? fetch)(url, {
      method,
      headers: { Authorization: `Zoho-oauthtoken ${accessToken}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
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
      ? new SyncError('timeout', `Zoho CRM did not answer within ${Math.round(options.timeoutMs / 1000)} seconds. Ferry will try again.`, { crmError: code })
      : new SyncError('network', 'Ferry could not reach Zoho CRM. Check the internet connection; Ferry will try again.', {
          crmError: redact(code ?? (error instanceof Error ? error.message : String(error)), [accessToken]),
        });
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => { headers[name.toLowerCase()] = value; });
  const remaining = credits(headers);
  if (remaining !== undefined) options.onCredits(remaining);
  const limit = options.dailyCredits();
  hooks.afterResponse({
    status: response.status,
    // the org's allocation, for the headroom Ferry leaves its other integrations (sync/allocation.ts)
    ...(remaining !== undefined && limit !== undefined && Number.isFinite(limit) ? { quota: { used: Math.max(0, limit - remaining), limit } } : {}),
  });
  const safe = accessToken.length >= 6 ? text.split(accessToken).join(REDACTED) : text;
  let json: unknown;
  if (safe && /json/i.test(headers['content-type'] ?? '')) {
    try {
      json = JSON.parse(safe);
    } catch {
      // a JSON content type with a body that is not JSON: the caller sees `text`
      json = undefined;
    }
  }
  return { status: response.status, headers, json, text: safe.slice(0, 2_000) };
}
