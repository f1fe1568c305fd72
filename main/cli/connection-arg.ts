import { DESTINATION_IDS, type DestinationId } from '../../destinations/index';
import type { ConnectionView } from '../../preload/schemas/connection';
import type { Runtime } from '../runtime/index';
import { UsageError } from './context';

export function parseKind(text: string): DestinationId {
  if ((DESTINATION_IDS as readonly string[]).includes(text)) return text as DestinationId;
  throw new UsageError(`'${text}' is not a destination Ferry knows. Use one of: ${DESTINATION_IDS.join(', ')}.`);
}

/**
 * `--connection hubspot` or `--connection 3` (or a command's `<crm>`): the
 * active connections it names on the default card, as the app sees them.
 */
export async function resolveConnections(rt: Runtime, which: string | undefined): Promise<ConnectionView[]> {
  const active = await rt.services.connections.list(undefined);
  if (which === undefined) return active;
  const named = /^\d+$/.test(which) ? active.filter((c) => c.id === Number(which)) : active.filter((c) => c.kind === parseKind(which));
  if (named.length === 0) throw new Error(`There is no active ${which} connection. Run 'ferry status' to see the connections, or 'ferry connect ${which}'.`);
  return named;
}
