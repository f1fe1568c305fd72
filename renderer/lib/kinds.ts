import type { ConnectionKind } from '../../preload/schemas/connection';
import { isDelivery, KIND_NAMES } from '../../preload/status/connection-sentences';

export { isDelivery, KIND_NAMES };

export function syncedWord(kind: ConnectionKind): string {
  return isDelivery(kind) ? 'delivered' : 'synced';
}

export function syncedPhrase(kind: ConnectionKind): string {
  return isDelivery(kind) ? `delivered to ${KIND_NAMES[kind]}` : `synced to ${KIND_NAMES[kind]}`;
}
