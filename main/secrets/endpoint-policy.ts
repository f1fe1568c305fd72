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

/** The vendors whose hosts Ferry knows; others (webhooks) may be any https host. */
export type EndpointVendor = 'hubspot' | 'salesforce';

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

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';

/**
 * HubSpot's hosts. API calls go to api.hubapi.com (the SDK's default basePath,
 * github.com/HubSpot/hubspot-api-nodejs (its generated `servers.ts` files)), OAuth's token
 * endpoint too (crm-facts.md: `https://api.hubapi.com/oauth/v1/token`), the
 * authorize page to app.hubspot.com; portals in other data centres use the
 * regional twins (`app-eu1.hubspot.com`, `api-eu1.hubapi.com`; crm-facts.md,
 * "uiDomain … EU portals: app-eu1.hubspot.com").
 */
const HUBSPOT_HOST = /^(?:api|app)(?:-[a-z]{2,4}\d{1,2})?\.(?:hubapi|hubspot)\.com$/;

/**
 * Salesforce's hosts: login.salesforce.com and test.salesforce.com, My Domain
 * logins and instances (`<name>.my.salesforce.com`, sandboxes and scratch orgs
 * at `<name>--<sandbox>.sandbox.my.salesforce.com`, `….scratch.my.salesforce.com`,
 * `….develop.my.salesforce.com`; Salesforce Help "My Domain URL Formats",
 * quoted in forcedotcom/postman-salesforce-apis install-with-app.md), classic
 * instances (`na1.salesforce.com`, `cs91.salesforce.com`, as the Salesforce CLI
 * reports for scratch orgs, forcedotcom/cli#583) and the force.com domains
 * (`<name>.lightning.force.com`, legacy `<name>.my.force.com`). All of them are
 * under salesforce.com or force.com, which only Salesforce controls.
 */
const SALESFORCE_HOST = new RegExp(`^(?:${LABEL}\\.)+(?:salesforce|force)\\.com$`);

const VENDOR_HOSTS: Record<EndpointVendor, { test: (host: string) => boolean; name: string; example: string }> = {
  hubspot: { test: (h) => HUBSPOT_HOST.test(h), name: 'HubSpot', example: 'https://api.hubapi.com' },
  salesforce: { test: (h) => SALESFORCE_HOST.test(h), name: 'Salesforce', example: 'https://yourcompany.my.salesforce.com' },
};

export function isVendorHost(vendor: EndpointVendor, hostname: string): boolean {
  return VENDOR_HOSTS[vendor].test(hostname.toLowerCase());
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
    const vendor = VENDOR_HOSTS[rule.vendor];
    return { ok: false, reason: `The ${rule.what} must be one of ${vendor.name}'s own addresses (like ${vendor.example}); ${url.hostname} is not, so Ferry will not send ${vendor.name} credentials there.` };
  }
  return { ok: true, url };
}

/** `checkEndpoint`, throwing `makeError(reason)` when the address is refused; returns the parsed URL. */
export function requireEndpoint(text: string, rule: EndpointRule, makeError: (reason: string) => Error): URL {
  const check = checkEndpoint(text, rule);
  if (!check.ok) throw makeError(check.reason);
  return check.url;
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
