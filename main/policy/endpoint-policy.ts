import { destination, type DestinationId } from '../../destinations/index';
/**
 * Where Ferry may send a credential, in one place. Every address a token, a
 * client secret, a refresh token or a signed contact travels to goes through
 * `checkEndpoint`: CRM base URLs, Salesforce's `instance_url` from a token
 * response, OAuth authorize/token/revoke endpoints (oauth-clients.json, the
 * environment, the CLI) and delivery URLs.
 *
 * The rule:
 * 1. https, with no user name or password in the URL — except
 * 2. loopback (`localhost`, `127.0.0.1`, `[::1]`), which may also be plain http:
 *    the bytes never leave this computer (Ferry's sandboxes, a developer's
 *    local test receiver); and
 * 3. for a CRM with known hosts (HubSpot, Salesforce) a non-loopback address
 *    must be one of that vendor's hosts, so a pasted or imported address can
 *    never turn a HubSpot token into a request to someone else's server.
 */

export type EndpointCheck = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * The destinations whose API hosts Ferry knows (a descriptor's `hosts.api`,
 * destinations/); others (webhooks) may be any https host.
 */
type EndpointVendor = DestinationId;

const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLoopbackHostname(hostname: string): boolean {
  return LOOPBACK_HOSTNAMES.has(hostname.toLowerCase());
}

/** Whether the URL points to this computer (any scheme); false for text that is not a URL. */
export function isLoopbackUrl(text: string | undefined): boolean {
  if (!text) return false;
  try {
    return isLoopbackHostname(new URL(text).hostname);
  } catch {
    return false;
  }
}

function vendorHosts(vendor: EndpointVendor): { test: (host: string) => boolean; name: string; example: string } {
  const d = destination(vendor);
  const patterns = d.hosts.api.map((p) => new RegExp(p, 'u'));
  const example = d.defaultApiBase ?? d.credentials.find((f) => f.configField === 'baseUrl')?.placeholder ?? `https://${d.id}.example`;
  // no known hosts (a webhook): any https host may receive its credentials
  return { test: (host) => patterns.length === 0 || patterns.some((p) => p.test(host)), name: d.name, example };
}

/** Whether the host is one of the destination's own API hosts (destinations/<id>.ts, `hosts.api`, with their sources). */
export function isVendorHost(vendor: EndpointVendor, hostname: string): boolean {
  return vendorHosts(vendor).test(hostname.toLowerCase());
}

export interface EndpointRule {
  /** what the address is, for the sentence ("HubSpot API address", "webhook URL") */
  what: string;
  /** a CRM whose hosts are known: its addresses must be on them (or on loopback) */
  vendor?: EndpointVendor;
}

/**
 * Checks one address against the policy. The sentence never repeats the whole
 * URL (a hook URL is its own credential), only its scheme or host.
 */
export function checkEndpoint(text: string, rule: EndpointRule): EndpointCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: `The ${rule.what} is empty. Enter the full address, starting with https://.` };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, reason: `The ${rule.what} is not a valid address. Enter the full address, starting with https://.` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: `The ${rule.what} must not contain a user name or password.` };
  }
  const loopback = isLoopbackHostname(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    if (url.protocol === 'http:') return { ok: false, reason: `The ${rule.what} must start with https:// so credentials and contacts travel encrypted (plain http is only allowed to this computer: localhost, 127.0.0.1 or [::1]).` };
    return { ok: false, reason: `The ${rule.what} must start with https:// (it starts with ${url.protocol}//).` };
  }
  if (rule.vendor && !loopback && !isVendorHost(rule.vendor, url.hostname)) {
    const vendor = vendorHosts(rule.vendor);
    return { ok: false, reason: `The ${rule.what} must be one of ${vendor.name}'s own addresses (like ${vendor.example}); ${url.hostname} is not, so Ferry will not send ${vendor.name} credentials there.` };
  }
  return { ok: true, url };
}

/** The origin a stored credential is bound to: scheme, host and port, lower-cased by URL. */
export function originOf(text: string): string | null {
  try {
    const origin = new URL(text).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}
