import { headerNumber, isIdempotentMethod, sendRequest, type RequestHooks } from '../shared/send';

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

/** `extraHeaders`: request headers a call needs beyond these (If-Modified-Since); never the credential */
/**
 * May the request be sent once more when it met a kept-alive socket the server had
 * closed (main/crm/shared/send.ts)? An idempotent method, or COQL, a read sent by POST
 * ("COQL ... to fetch records", Zoho CRM API v8 "Query API"). Any other POST (an
 * upsert, a merge) is not repeated here.
 */
const mayResend = (method: string, url: string): boolean => isIdempotentMethod(method) || new URL(url).pathname.endsWith('/coql');

export async function send(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body: unknown, options: TransportOptions, extraHeaders: Readonly<Record<string, string>> = {}): Promise<ZohoAnswer> {
  const { status, headers, text } = await sendRequest({
    method,
    url,
    headers: { ...extraHeaders, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    resendOnStaleSocket: mayResend(method, url),
  }, {
    crm: 'Zoho CRM',
    credentialName: 'access token',
    credential: options.accessToken,
    authorize: (token) => ({ Authorization: `Zoho-oauthtoken ${token}` }),
    timeoutMs: options.timeoutMs,
    hooks: options.hooks,
    redirect: 'manual',
    observe: (answered, answerHeaders) => {
      const remaining = headerNumber(answerHeaders, 'x-api-credits-remaining');
      if (remaining !== undefined) options.onCredits(remaining);
      const limit = options.dailyCredits();
      return {
        status: answered,
        // the org's allocation, for the headroom Ferry leaves its other integrations (sync/allocation.ts)
        ...(remaining !== undefined && limit !== undefined && Number.isFinite(limit) ? { quota: { used: Math.max(0, limit - remaining), limit } } : {}),
      };
    },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  let json: unknown;
  if (text && /json/i.test(headers['content-type'] ?? '')) {
    try {
      json = JSON.parse(text);
    } catch {
      // a JSON content type with a body that is not JSON: the caller sees `text`
      json = undefined;
    }
  }
  return { status, headers, json, text: text.slice(0, 2_000) };
}
