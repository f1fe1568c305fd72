import type { CredentialField, DestinationDescriptor } from './descriptor';
import { dynamics } from './dynamics';
import { hubspot } from './hubspot';
import { mailchimp } from './mailchimp';
import { pipedrive } from './pipedrive';
import { salesforce } from './salesforce';
import { webhook } from './webhook';
import { zapier } from './zapier';
import { zoho } from './zoho';

export type { CredentialField, DestinationDescriptor, OAuthDescriptor, SetupAction } from './descriptor';
export { AUTH_STYLES, CONNECTION_SETTINGS, CREDENTIAL_KEYS, CREDENTIAL_VAULT_ENTRIES } from './descriptor';

/**
 * Every destination Ferry knows, in the order the screens offer them. Adding
 * one is a descriptor here, a driver in main/crm/<id>/ (registered in
 * main/crm/drivers.ts) and, optionally, a sandbox in main/sandbox/<id>/.
 */
export const DESTINATIONS = [hubspot, salesforce, pipedrive, zapier, webhook, mailchimp, zoho, dynamics] as const;

export type DestinationId = (typeof DESTINATIONS)[number]['id'];
export const DESTINATION_IDS = DESTINATIONS.map((d) => d.id) as unknown as readonly [DestinationId, ...DestinationId[]];

const byId: ReadonlyMap<string, DestinationDescriptor> = new Map(DESTINATIONS.map((d) => [d.id, d]));

/** The descriptor of a destination Ferry knows. */
export function destination(id: DestinationId): DestinationDescriptor {
  const d = byId.get(id);
  if (!d) throw new Error(`Ferry has no destination called '${id}'.`);
  return d;
}

/**
 * What removing a record does in this destination, as one word: "archived" (HubSpot,
 * Mailchimp) or "deleted"; null when Ferry cannot remove its records. The first word of
 * the descriptor's `deletes.removed`, so the Sync log, the card's choice and the CLI say
 * what the setting's sentence says.
 */
export function removedVerb(id: DestinationId): 'archived' | 'deleted' | null {
  const removed = destination(id).deletes.removed;
  if (removed === undefined) return null;
  return removed.startsWith('archived ') ? 'archived' : 'deleted';
}

/**
 * What a record kept there and marked is called in a run's counts and the Sync log:
 * 'marked "Deleted in Ferry"', the start of the descriptor's `deletes.marked`; null when
 * Ferry cannot mark its records.
 */
export function markedWords(id: DestinationId): string | null {
  const marked = destination(id).deletes.marked;
  if (marked === undefined) return null;
  return /^marked "[^"]+"/.exec(marked)?.[0] ?? 'marked';
}

/** What a pull learns of in this destination, in its users' word: "archived" (Mailchimp) or "deleted". */
export function listedVerb(id: DestinationId): 'archived' | 'deleted' {
  return destination(id).deletes.listedVerb ?? 'deleted';
}

/** The ones a browser sign-in is declared for. */
export function oauthDestinations(): DestinationDescriptor[] {
  return DESTINATIONS.filter((d) => d.oauth !== undefined);
}

/** Every typed secret field any destination declares, by its contract key (the first declaration of a key sets its checks). */
export function secretFieldsByKey(): ReadonlyMap<string, CredentialField> {
  const fields = new Map<string, CredentialField>();
  for (const d of DESTINATIONS) for (const f of d.credentials) if (f.vaultEntry && !fields.has(f.key)) fields.set(f.key, f);
  return fields;
}
