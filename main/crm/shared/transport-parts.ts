import { redact } from '../../secrets/redact';
import { SyncError } from '../../sync/connector';

/**
 * What every fetch-based driver's transport does the same way: read the
 * connection's credential just before a request (never cached, so a refreshed
 * token is used at once) and read an answer's body.
 */

/**
 * The credential for one request. A failure to read it asks the rep to
 * reconnect (the message is scrubbed of anything secret); an empty one is a
 * connection without its credential. `what`: "access token", "API token", …
 */
export async function readCredential(getter: () => Promise<string>, crm: string, what: string): Promise<string> {
  let value: string;
  try {
    value = await getter();
  } catch (error) {
    if (error instanceof SyncError) throw error;
    throw new SyncError('auth', `Ferry could not read the ${crm} ${what}. Reconnect ${crm} in Integrations.`, {
      crmError: redact(error instanceof Error ? error.message : String(error)),
    });
  }
  if (!value) throw new SyncError('config', `Ferry has no ${crm} ${what} for this connection. Reconnect ${crm} in Integrations.`);
  return value;
}

/** JSON when the answer says so and is, else its text (kept for the log); nothing for an empty body. */
export function parseBody(text: string, contentType: string | undefined): unknown {
  if (!text) return undefined;
  if (!/json/i.test(contentType ?? '')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // a JSON content type with a body that is not JSON: keep the text for the log
    return text;
  }
}
