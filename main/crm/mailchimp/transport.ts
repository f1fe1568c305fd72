import { sendRequest, type RequestHooks } from '../shared/send';
import { parseBody } from '../shared/transport-parts';

/**
 * The one place Mailchimp HTTP happens, so that for EVERY request the rate
 * limiter is asked first and told exactly once after (status 0 when no answer
 * arrived), the credential is read fresh and lives only in the Authorization
 * header, the engine's abort and Mailchimp's own 120-second timeout end it, and
 * a non-2xx answer becomes a MailchimpHttpError carrying Mailchimp's problem body.
 * Mailchimp sends no rate-limit headers (it limits concurrency), so only the
 * status is reported.
 */


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

/**
 * Sends one request; resolves with the parsed 2xx body. A request that meets a reused
 * socket the server had closed (a kept-alive connection whose idle timer ran late, e.g.
 * while a large import blocked the process) is sent once more on a fresh one: every
 * Mailchimp write Ferry makes is an upsert, a move to the same address, a tag state, a
 * field creation that is re-listed on refusal, or an archive or erase whose repeat finds the
 * member already gone (record-actions.ts), so a resend never duplicates anything.
 */
export async function mailchimpRequest(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body: unknown, o: TransportOptions): Promise<unknown> {
  const url = `${o.root}${path}`;
  const answer = await sendRequest({
    method,
    url,
    headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    resendOnStaleSocket: true,
  }, {
    crm: 'Mailchimp',
    credentialName: 'credentials',
    credential: () => o.credential.secret(),
    authorize: (secret) => ({ Authorization: authorization(o.credential, secret) }),
    timeoutMs: o.timeoutMs,
    hooks: o.hooks,
    ...(o.fetch ? { fetch: o.fetch } : {}),
  });
  const { status, headers, text } = answer;
  const parsed = parseBody(text, headers['content-type']);
  const route = new URL(url).pathname;
  if (status < 200 || status > 299) throw new MailchimpHttpError(status, headers, parsed, route);
  if (text && /json/i.test(headers['content-type'] ?? '') && typeof parsed === 'string') throw new MailchimpHttpError(status, headers, text, route);
  return parsed;
}
