import { DESTINATIONS } from '../../destinations/index';
/**
 * What the desktop window may load, navigate to and open. Pure, so it is
 * tested in Node; main/app applies it to Electron's hooks.
 */

/**
 * Hosts the window may send the user to in the system browser (connect screens,
 * sign-in pages, CRM records): each destination's `hosts.web` (destinations/).
 */
const EXTERNAL_HOSTS: readonly RegExp[] = DESTINATIONS.flatMap((d) => d.hosts.web.map((pattern) => new RegExp(pattern, 'u')));

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') return false;
  const host = url.hostname.toLowerCase();
  return EXTERNAL_HOSTS.some((pattern) => pattern.test(host));
}

/**
 * Whether a browser sign-in page may be opened: an allow-listed https address
 * (isAllowedExternalUrl), or — for Ferry's sandbox CRMs only ever on this
 * computer — a loopback http(s) address. Anything else (`javascript:`,
 * `file:`, `smb:`, another host) never reaches shell.openExternal.
 */
export function isAllowedSignInUrl(raw: string): boolean {
  if (isAllowedExternalUrl(raw)) return true;
  try {
    const url = new URL(raw);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === ''
      && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

type NavigationDecision = 'allow' | 'open-external' | 'deny';

/**
 * A navigation inside the window: only a reload or an in-page (hash) change of
 * the app's own document is allowed; an allow-listed link goes to the system
 * browser; everything else is refused.
 */
export function decideNavigation(target: string, appUrl: string): NavigationDecision {
  if (sameDocument(target, appUrl)) return 'allow';
  return isAllowedExternalUrl(target) ? 'open-external' : 'deny';
}

/** window.open and target=_blank never create a Ferry window. */
export function decideWindowOpen(target: string): Exclude<NavigationDecision, 'allow'> {
  return isAllowedExternalUrl(target) ? 'open-external' : 'deny';
}

function sameDocument(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.protocol === y.protocol && x.host === y.host && x.pathname === y.pathname;
  } catch {
    return false;
  }
}

/**
 * The Content-Security-Policy of every Ferry page: only its own scripts and
 * styles, no plugins, no frames, no form posts; `connectSrc` adds the web
 * mode's WebSocket. No inline script or style: React's style props go through
 * the CSSOM, which CSP does not block, and Vite emits styles as files.
 */
export function contentSecurityPolicy(opts: { connectSrc?: readonly string[] } = {}): string {
  const connect = ["'self'", ...(opts.connectSrc ?? [])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
  ].join('; ');
}

/**
 * The policy in renderer/index.html's meta tag, which is the one in force in
 * the desktop app: Electron loads the page from file://, where no response
 * header carries a CSP (onHeadersReceived never sees file:// loads), so the
 * meta tag must be the strict policy itself. It is contentSecurityPolicy()
 * without `frame-ancestors`, which browsers ignore in a meta tag (CSP3 §6.1.2).
 * `connect-src 'self'` also admits the web mode's own ws:// origin (CSP3
 * "'self' matches ws: and wss:"), and nothing else. tests/unit/window-policy.test.ts
 * checks that index.html says exactly this; tests/e2e/csp.spec.ts that Chromium enforces it.
 */
export function metaContentSecurityPolicy(): string {
  return contentSecurityPolicy().split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ');
}

/**
 * DevTools in the desktop window: on while developing, off in a packaged build
 * (where they would hand anyone at the keyboard a console inside the page that
 * holds the contract), unless FERRY_DEBUG=1 is set for a support session.
 */
export function devToolsEnabled(o: { packaged: boolean; env: NodeJS.ProcessEnv }): boolean {
  return !o.packaged || o.env.FERRY_DEBUG === '1';
}
