import { apiKeyInvalid, apiKeyMissing } from './errors';

/**
 * The credentials the sandbox accepts: API keys, sent as HTTP Basic with any
 * user name (Mailchimp's Fundamentals → Authentication) or as a Bearer token,
 * the way OAuth access tokens are sent. A revoked key answers 401 API Key
 * Invalid, as a key deleted or disabled in Mailchimp does (Mailchimp's API keys
 * and OAuth tokens do not expire on their own).
 */
export class KeyRegistry {
  private readonly keys = new Set<string>();

  register(key: string): void {
    this.keys.add(key);
  }

  revoke(key: string): boolean {
    return this.keys.delete(key);
  }

  /** The key behind an Authorization header, or Mailchimp's 401. */
  authenticate(header: string | undefined): string {
    if (!header) throw apiKeyMissing();
    const basic = /^Basic\s+(\S+)\s*$/i.exec(header);
    const bearer = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(header);
    let key: string | undefined;
    if (basic?.[1]) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      key = decoded.slice(decoded.indexOf(':') + 1);
    } else if (bearer?.[1]) {
      key = bearer[1];
    }
    if (!key || !this.keys.has(key)) throw apiKeyInvalid();
    return key;
  }
}
