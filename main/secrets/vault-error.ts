/**
 * The ways the OS keychain can fail, each with a sentence that tells the user what
 * to do. A VaultError never carries a secret: the raw platform message is kept for
 * the log, already scrubbed by the caller.
 */
export type VaultErrorKind =
  | 'unavailable' // no keychain reachable (no D-Bus session bus, no platform storage)
  | 'no-provider' // a session bus, but nothing provides the Secret Service
  | 'no-keyring' // Secret Service running but it has no default keyring yet
  | 'locked' // keyring locked and the unlock prompt was dismissed or impossible
  | 'timeout' // the keychain did not answer in time (often an unseen unlock prompt)
  | 'failed'; // anything else the platform reported

const HEADLESS_HINT =
  'For headless runs (servers, CI), pass the token in an environment variable instead (for example FERRY_HUBSPOT_TOKEN, or the name given with --token-env).';

const SENTENCES: Record<VaultErrorKind, string> = {
  unavailable: `Ferry could not reach your system keychain (Secret Service). Install and unlock GNOME Keyring or KWallet and make sure you are in a desktop session. ${HEADLESS_HINT}`,
  'no-provider': `Ferry found no system keychain: nothing provides the Secret Service on this desktop. Install GNOME Keyring (gnome-keyring) or KWallet, log out and back in, then try again. ${HEADLESS_HINT}`,
  'no-keyring': `Your system keychain has no default keyring yet. Open "Passwords and Keys" (Seahorse) or KWallet, create a keyring named Login and set it as default, then try again. ${HEADLESS_HINT}`,
  locked: `Your system keychain is locked and Ferry could not ask you to unlock it. Unlock your keyring (log in to the desktop, or open "Passwords and Keys" and unlock Login), then try again. ${HEADLESS_HINT}`,
  timeout: `Your system keychain did not answer in time. It may be waiting for you to unlock it in a window behind Ferry; unlock it and try again. ${HEADLESS_HINT}`,
  failed: 'Ferry could not use your system keychain. Check that it is unlocked and try again.',
};

export class VaultError extends Error {
  override readonly name = 'VaultError';
  /** The platform's own message, secret-free; for logs and bug reports. */
  readonly detail: string | undefined;

  constructor(
    readonly kind: VaultErrorKind,
    detail?: string,
  ) {
    super(SENTENCES[kind]);
    this.detail = detail;
  }
}

/**
 * Maps a raw @napi-rs/keyring error message to a kind. Order matters: the
 * specific shapes are all wrapped in "Couldn't access platform storage".
 * Shapes measured on Linux are listed in TOOLCHAIN.md ("OS keychain tests").
 */
export function classifyKeychainMessage(message: string): VaultErrorKind {
  if (/was not provided by any \.service files|org\.freedesktop\.secrets was not provided|ServiceUnknown/i.test(message)) {
    return 'no-provider';
  }
  if (/prompt was dismissed|is locked|locked collection|unlock/i.test(message)) return 'locked';
  if (/no result found|no such object|default collection/i.test(message)) return 'no-keyring';
  if (/failed to connect|DBUS_SESSION_BUS_ADDRESS|dbus|couldn't access platform storage|platform failure|no storage access/i.test(message)) {
    return 'unavailable';
  }
  return 'failed';
}
