import { CONNECTION_KINDS, listConnections, type Connection, type ConnectionKind } from '../store/connections';
import type { Db } from '../store/db';
import { UsageError } from './context';

export function parseKind(text: string): ConnectionKind {
  if ((CONNECTION_KINDS as readonly string[]).includes(text)) return text as ConnectionKind;
  throw new UsageError(`'${text}' is not a CRM Ferry knows. Use one of: ${CONNECTION_KINDS.join(', ')}.`);
}

/** `--connection hubspot` or `--connection 3`: the active connection it names on the card. */
export function resolveConnections(db: Db, cardId: number, which: string | undefined): Connection[] {
  const active = listConnections(db, cardId);
  if (which === undefined) return active;
  const byId = /^\d+$/.test(which) ? active.filter((c) => c.id === Number(which)) : active.filter((c) => c.kind === parseKind(which));
  if (byId.length === 0) throw new Error(`There is no active ${which} connection. Run 'ferry status' to see the connections, or 'ferry connect ${which}'.`);
  return byId;
}
