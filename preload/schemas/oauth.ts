import { CREDENTIAL_KEYS, destination, oauthDestinations, type DestinationId } from '../../destinations/index';
import { z } from 'zod';
import { clean, idSchema } from './common';
import { SYNC_MODES, MIN_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES } from './connection';

/**
 * "Connect with HubSpot / Salesforce / …": a sign-in in the user's own browser
 * (authorization code + PKCE over Ferry's loopback redirect). Nothing here can
 * carry a secret: the renderer sends which CRM and how to sync, and learns only
 * the authorize address (client id, state and PKCE challenge are public by design).
 */
/** The destinations whose descriptor declares a browser sign-in (destinations/). */
export const OAUTH_KINDS = oauthDestinations().map((d) => d.id) as unknown as readonly [DestinationId, ...DestinationId[]];
export type OAuthKind = DestinationId;

/** Where the README explains registering the app and configuring its client id. */
export const OAUTH_README_SECTION = 'Connecting with OAuth';

export const startOAuthConnectInputSchema = z.object({
  cardId: idSchema.optional(),
  kind: z.enum(OAUTH_KINDS),
  label: clean().trim().min(1).max(200).optional(),
  mode: z.enum(SYNC_MODES).optional(),
  intervalMinutes: z.number().int().min(MIN_INTERVAL_MINUTES).max(MAX_INTERVAL_MINUTES).optional(),
  /** Salesforce: write Contacts or Leads */
  object: z.enum(['Contact', 'Lead']).optional(),
  /**
   * The non-secret settings the destination asks with its sign-in (its
   * descriptor's oauth.askWithSignIn): Dynamics 365's organisation address,
   * Mailchimp's audience. Never a secret: only config fields are accepted.
   */
  settings: z.partialRecord(z.enum(CREDENTIAL_KEYS), clean().trim().max(2048)).optional(),
}).strict().refine((v) => Object.keys(v.settings ?? {}).every((key) => (destination(v.kind).oauth?.askWithSignIn ?? []).some((asked) => asked === key)), {
  message: 'That destination\'s sign-in does not take this setting.',
  path: ['settings'],
}).refine((v) => v.mode !== 'scheduled' || v.intervalMinutes !== undefined, {
  message: 'Scheduled mode needs an interval in minutes.',
  path: ['intervalMinutes'],
}).refine((v) => v.object === undefined || destination(v.kind).credentials.some((f) => f.key === 'object'), {
  message: 'Only a destination that can write Contacts or Leads (Salesforce) takes an object.',
  path: ['object'],
});

/** Sign in again for an OAuth connection that needs reauthorization; its outbox resumes. */
export const startOAuthReconnectInputSchema = z.object({ connectionId: idSchema }).strict();

export interface OAuthProviderView {
  kind: OAuthKind;
  /** whether a client id is configured (oauth-clients.json or FERRY_<CRM>_CLIENT_ID) */
  configured: boolean;
  /** when not configured: one sentence saying so and pointing to the README section */
  problem: string | null;
}

/** Sent while a sign-in waits for the browser, so the page can open (or offer) the address. */
export interface OAuthUrlEvent {
  kind: OAuthKind;
  /** the CRM's authorize page; holds no secret */
  url: string;
  /** true when main already opened it in the system browser (the desktop app) */
  opened: boolean;
}
