import type { DestinationDescriptor } from './descriptor';
import { hubspot } from './hubspot';
import { salesforce } from './salesforce';
import { webhook } from './webhook';
import { zapier } from './zapier';

export type { CredentialField, DestinationDescriptor, OAuthDescriptor } from './descriptor';

/**
 * Every destination Ferry knows, in the order the screens offer them. Adding
 * one is a descriptor here, a driver in main/crm/<id>/ (registered in
 * main/crm/drivers.ts) and, optionally, a sandbox in main/sandbox/<id>/.
 */
export const DESTINATIONS = [hubspot, salesforce, zapier, webhook] as const;

export type DestinationId = (typeof DESTINATIONS)[number]['id'];
export const DESTINATION_IDS = DESTINATIONS.map((d) => d.id) as unknown as readonly [DestinationId, ...DestinationId[]];

const byId: ReadonlyMap<string, DestinationDescriptor> = new Map(DESTINATIONS.map((d) => [d.id, d]));

/** The descriptor of a destination Ferry knows. */
export function destination(id: DestinationId): DestinationDescriptor {
  const d = byId.get(id);
  if (!d) throw new Error(`Ferry has no destination called '${id}'.`);
  return d;
}

/** The ones a browser sign-in is declared for. */
export function oauthDestinations(): DestinationDescriptor[] {
  return DESTINATIONS.filter((d) => d.oauth !== undefined);
}
