import type { Connection } from '../store/connections';
import type { Db } from '../store/db';
import type { Connector, PullContext } from '../sync/connector';
import { applyCrmDelete, countLinks, liveLinkedContacts, type CrmDeleteMode, type CrmDeleteOutcome } from '../store/crm-deletes';

export const crmDeleteMode = (connection: Connection): CrmDeleteMode => connection.config.deletesFromCrm ?? 'off';

/**
 * CRM→Ferry deletes, after a pull read every change: the CRM's list of deleted
 * records (HubSpot: archived contacts) is matched against this connection's
 * links, and each linked live contact is kept, soft-deleted or tagged per the
 * connection's setting (store/crm-deletes.ts). The link is retired as it is
 * handled, so a record is handled once. With the setting off (the default)
 * Ferry does not look, so a pull costs nothing for it; no links, no call either.
 */
export async function applyCrmDeletes(
  deps: { db: Db; connector: Connector; crmName: string; region: string; runId: number; now: () => number },
  connection: Connection, ctx: PullContext, fetch: <T>(call: () => Promise<T>) => Promise<T>,
): Promise<Record<CrmDeleteOutcome, number>> {
  const counts: Record<CrmDeleteOutcome, number> = { kept: 0, deleted: 0, tagged: 0, 'kept-unsent': 0 };
  const { db, connector } = deps;
  const mode = crmDeleteMode(connection);
  if (mode === 'off' || !connector.deletedRecords || countLinks(db, connection.id) === 0) return counts;
  const deleted = await fetch(() => connector.deletedRecords!(ctx));
  for (const { contactId, externalId } of liveLinkedContacts(db, connection.id, deleted.map((d) => d.externalId))) {
    const outcome = applyCrmDelete(db, { connectionId: connection.id, crmName: deps.crmName, contactId, externalId, mode, runId: deps.runId, region: deps.region, now: deps.now() });
    counts[outcome]++;
  }
  return counts;
}
