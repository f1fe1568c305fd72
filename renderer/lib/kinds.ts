import type { ConnectionKind } from '../../preload/schemas/connection';
import { DESTINATIONS } from '../../destinations/index';
import { isDelivery, KIND_NAMES } from '../../preload/status/connection-sentences';

export { isDelivery, KIND_NAMES };

export function syncedWord(kind: ConnectionKind): string {
  return isDelivery(kind) ? 'delivered' : 'synced';
}

export function syncedPhrase(kind: ConnectionKind): string {
  return isDelivery(kind) ? `delivered to ${KIND_NAMES[kind]}` : `synced to ${KIND_NAMES[kind]}`;
}

/** "HubSpot, Salesforce, … or Zoho CRM": every destination (or those with a sandbox), from their descriptors. */
export function destinationNames(only: 'all' | 'with-sandbox' = 'all'): string {
  const names = DESTINATIONS.filter((d) => only === 'all' || d.sandbox).map((d) => (d.deliversOnly && d.sentenceName.startsWith('your ') ? `a ${d.name.toLowerCase()}` : d.name));
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)!}`;
}
