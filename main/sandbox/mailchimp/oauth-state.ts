import { AuthorizationCodes, type PendingCode } from '../shared/authorization-codes';
import type { ConsentDecision } from '../shared/consent';

/**
 * Mailchimp's OAuth server (login.mailchimp.com) as the sandbox keeps it: the
 * apps registered under Profile → Extras → Registered apps and outstanding
 * codes. The access tokens it issues are accepted by the API like API keys
 * (keys.ts), never expire, and stop working only when revoked.
 */
export interface MailchimpAppSpec {
  clientId: string;
  clientSecret: string;
  /** the app's redirect URI; a request may name another path on the same origin */
  redirectUri: string;
}

export const CODE_TTL_MS = 10 * 60_000;

export class MailchimpOAuthState {
  readonly apps = new Map<string, MailchimpAppSpec>();
  readonly codes = new AuthorizationCodes<PendingCode>('');
  /** access tokens issued here (for the metadata endpoint) */
  readonly issued = new Set<string>();
  consent: ConsentDecision = 'approve';
  /** what the metadata answers as `api_endpoint`; the sandbox's own address unless a test says otherwise */
  apiEndpoint: string | undefined;
  /** the data centre the metadata names */
  dc = 'us21';

  registerApp(spec: MailchimpAppSpec): void {
    this.apps.set(spec.clientId, spec);
  }
}
