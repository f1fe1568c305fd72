import { checkEndpoint } from '../../policy/endpoint-policy';
import { SyncError } from '../../sync/connector';

/**
 * Where a Mailchimp account's API lives. An API key ends in its account's data
 * centre ("…-us21"), and that account's API is https://us21.api.mailchimp.com/3.0
 * (mailchimp.com/developer/marketing/docs/fundamentals/, "Authentication": "the
 * value after the dash in your API key … is your data center"). An OAuth sign-in
 * learns it from the metadata endpoint's `api_endpoint` instead, and a sandbox
 * connection names its loopback root (…/3.0) in the connection's `baseUrl`.
 */

/** The data centre an API key names ('us21'), or null when the key has no such ending. */
export function dataCentreOf(apiKey: string): string | null {
  return /-([a-z]{2,4}\d{1,3})$/.exec(apiKey.trim())?.[1] ?? null;
}

/** The API root for this connection; every address passes the endpoint policy before a key is sent to it. */
export function mailchimpApiRoot(apiKey: string, configured: string | undefined): string {
  const root = configured ?? (() => {
    const dc = dataCentreOf(apiKey);
    if (dc === null) {
      throw new SyncError('config', 'That is not a Mailchimp API key: a key ends in its data centre, such as -us21. Copy the whole key from Mailchimp (Profile → Extras → API keys) and connect again.');
    }
    return `https://${dc}.api.mailchimp.com/3.0`;
  })();
  const check = checkEndpoint(root, { what: 'Mailchimp API address', vendor: 'mailchimp' });
  if (!check.ok) throw new SyncError('config', check.reason);
  return root.replace(/\/+$/u, '');
}
