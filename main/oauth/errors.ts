/**
 * OAuth failures, each with a sentence for the rep. Messages never contain tokens,
 * codes or client secrets (callers scrub provider text with redact()).
 */

/** The grant is gone (expired, revoked, app uninstalled): only a new sign-in helps. */
export class ReauthorizationRequiredError extends Error {
  override readonly name = 'ReauthorizationRequiredError';
  constructor(
    readonly providerName: string,
    /** The provider's error code and description, scrubbed. */
    readonly detail: string,
  ) {
    super(`${providerName} no longer accepts Ferry's sign-in (it was revoked or has expired). Reconnect ${providerName} in Integrations; Ferry keeps your unsent changes and sends them once you reconnect.`);
  }
}

export type OAuthErrorKind =
  | 'denied' // the user or an admin said no on the consent page
  | 'state-mismatch' // the callback did not belong to this sign-in
  | 'timeout' // the user did not finish in time
  | 'cancelled'
  | 'busy' // another sign-in is already running
  | 'port-in-use'
  | 'network' // could not reach the provider
  | 'provider' // the provider answered with an error
  | 'configuration'; // missing client id/secret and the like

export class OAuthError extends Error {
  override readonly name = 'OAuthError';
  constructor(
    readonly kind: OAuthErrorKind,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}
