/**
 * The first gate of every server Ferry opens on loopback (the web mode, the
 * OAuth sign-in listener, the sandbox CRMs): the request target must be in
 * origin-form — RFC 9112 §3.2.1, `origin-form = absolute-path [ "?" query ]`,
 * with RFC 3986 §3.3/§3.4 characters (pchar, "/" and "?") and well-formed
 * percent-escapes — before anything parses it. Absolute-form
 * (`http://host/`), authority-form (`host:443`), asterisk-form (`*`), a target
 * starting with `//` (which a URL parser reads as another host) and any other
 * character are refused, so no parser below ever sees text it could throw on
 * or misread.
 */

/** unreserved / sub-delims / ":" / "@" / "/" / "?" (the query also allows "/" and "?"), or a %XX escape */
const ORIGIN_FORM = /^\/(?!\/)(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*(?:\?(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?$/;

/** Longer targets are refused; Ferry's own are a few hundred characters at most. */
const MAX_TARGET_LENGTH = 8192;

export interface RequestTarget {
  pathname: string;
  searchParams: URLSearchParams;
}

/** The parsed path and query, or null when the target is not a plain origin-form path. */
export function parseOriginForm(target: string | undefined, maxLength = MAX_TARGET_LENGTH): RequestTarget | null {
  if (target === undefined || target.length > maxLength || !ORIGIN_FORM.test(target)) return null;
  try {
    // Safe after the check above: a single leading "/" and only URL-safe characters.
    const url = new URL(target, 'http://ferry.invalid');
    return { pathname: url.pathname, searchParams: url.searchParams };
  } catch {
    return null;
  }
}

/** Whether a Host header names one of `allowed` exactly (lower-cased; "127.0.0.1:PORT", "localhost:PORT", "[::1]:PORT"). */
export function hostAllowed(host: string | undefined, allowed: readonly string[]): boolean {
  return host !== undefined && allowed.includes(host.toLowerCase());
}

/** The Host values a loopback server on `port` answers to: DNS rebinding sends another name and is refused. */
export function loopbackHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}
