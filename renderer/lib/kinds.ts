import { destination, DESTINATIONS } from '../../destinations/index';
import type { ConnectionKind, ConnectionStatus, ConnectionView } from '../../preload/schemas/connection';

/** Each destination's display name, from its descriptor (destinations/). */
export const KIND_NAMES = Object.fromEntries(DESTINATIONS.map((d) => [d.id, d.name])) as Record<ConnectionKind, string>;

/**
 * Zapier and webhooks only receive: Ferry cannot know the record reached a CRM,
 * so the words are "delivered to …", never "synced".
 */
export function isDelivery(kind: ConnectionKind): boolean {
  return destination(kind).deliversOnly;
}

export function syncedWord(kind: ConnectionKind): string {
  return isDelivery(kind) ? 'delivered' : 'synced';
}

export function syncedPhrase(kind: ConnectionKind): string {
  return isDelivery(kind) ? `delivered to ${KIND_NAMES[kind]}` : `synced to ${KIND_NAMES[kind]}`;
}

/** The status in a rep's words (one line under the name). */
export function statusWords(c: Pick<ConnectionView, 'status' | 'pending' | 'mode' | 'kind'>): string {
  const waiting = c.pending > 0 ? ` · ${c.pending} ${c.pending === 1 ? 'contact' : 'contacts'} waiting` : '';
  const words: Record<ConnectionStatus, string> = {
    connected: c.pending > 0 ? (c.mode === 'manual' ? 'Connected — press Sync now to send changes' : 'Connected — sending changes shortly') : 'Up to date',
    syncing: isDelivery(c.kind) ? 'Delivering…' : 'Syncing…',
    paused: 'Paused — changes are kept and sent when you resume',
    needs_reauth: 'Needs you to sign in again',
    waiting_for_network: 'Waiting for the network — changes are kept',
    error: 'Not syncing — Ferry keeps retrying',
    disconnected: 'Disconnected',
  };
  return words[c.status] + (c.status === 'connected' ? '' : waiting);
}
