/**
 * Who is calling. Electron gives the sending frame; the web mode gives the
 * socket's Origin header. Modelled as plain data so it is tested without Electron.
 */
export interface Sender {
  frameIsMain: boolean;
  /** the calling page's origin: 'file://' for the packaged app, 'http://127.0.0.1:PORT' in web mode */
  origin: string;
}

/** Only Ferry's own top-level page may call: never an iframe, never another origin. */
export function isAllowedSender(sender: Sender, allowedOrigins: readonly string[]): boolean {
  return sender.frameIsMain === true && typeof sender.origin === 'string' && allowedOrigins.includes(sender.origin);
}

/** The origin of a page URL as the policy compares it (file: URLs have the opaque origin 'file://'). */
export function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'file:') return 'file://';
    return parsed.origin;
  } catch {
    return 'invalid';
  }
}
