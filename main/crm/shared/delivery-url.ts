/**
 * Checks shared by the URLs delivery-only connectors post to. Messages never
 * repeat the URL: a hook URL is its own credential.
 */
export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/** Parses the URL; a URL with a user name or password is refused (it would be sent to the receiver in clear). */
export function parseDeliveryUrl(text: string, what: string): UrlCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: `The ${what} is empty. Paste the full URL, starting with https://.` };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, reason: `The ${what} is not a valid URL. Paste the full URL, starting with https://.` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: `The ${what} must not contain a user name or password.` };
  }
  return { ok: true, url };
}

/**
 * https anywhere; plain http only to this machine's loopback and only when
 * `allowLoopback` (the built-in sandboxes), because contacts must not travel
 * unencrypted.
 */
export function checkScheme(url: URL, what: string, allowLoopback: boolean): string | null {
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:') {
    if (!isLoopbackHost(url.hostname)) return `The ${what} must start with https:// so contacts travel encrypted.`;
    if (!allowLoopback) return `The ${what} points to this computer (http://${url.hostname}), which only Ferry's sandbox connections may use.`;
    return null;
  }
  return `The ${what} must start with https:// (it starts with ${url.protocol}//).`;
}
