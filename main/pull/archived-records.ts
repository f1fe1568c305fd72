import type { Connection } from '../store/connections';
import { listedVerb } from '../../destinations/index';
import type { Db } from '../store/db';
import type { Connector, PullContext } from '../sync/connector';
import { applyCrmDelete, countLinks, liveLinkedContacts, type CrmDeleteMode, type CrmDeleteOutcome } from '../store/crm-deletes';
import { readSettingValue, writeSettingValue } from '../store/settings';

export const crmDeleteMode = (connection: Connection): CrmDeleteMode => connection.config.deletesFromCrm ?? 'off';

/**
 * Where the next read of a CRM's delete log starts (Salesforce: Get Deleted's
 * latestDateCovered; Zoho CRM: the newest deleted_time applied; Dynamics 365:
 * change tracking's newest delta link), in the settings table under the
 * connection's id: the connector's JSON, like a pull cursor. It moves only after
 * the deletes it covers were applied, so a crash reads
 * them again, which is harmless: each link is retired as its delete is handled.
 */
const positionKey = (connectionId: number): string => `pull.deletes-position.${connectionId}`;

function readPosition(db: Db, connectionId: number): Record<string, unknown> {
  const value = readSettingValue(db, positionKey(connectionId));
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {};
}

export interface CrmDeleteCounts extends Record<CrmDeleteOutcome, number> {
  /** the CRM no longer had every delete since the last read: a sentence for the Sync log */
  gap: string | null;
}

/**
 * CRM→Ferry deletes, after a pull read every change: the CRM's list of deleted
 * records (HubSpot: every archived contact; Salesforce and Dynamics 365: what
 * was deleted since the position kept after the last read) is matched against this connection's
 * links, and each linked live contact is kept, soft-deleted or tagged per the
 * connection's setting (store/crm-deletes.ts). The link is retired as it is
 * handled, so a record is handled once. With the setting off (the default)
 * Ferry does not look, so a pull costs nothing for it; no links, no call either.
 */
export async function applyCrmDeletes(
  deps: { db: Db; connector: Connector; crmName: string; region: string; runId: number; now: () => number },
  connection: Connection, ctx: PullContext, fetch: <T>(call: () => Promise<T>) => Promise<T>,
): Promise<CrmDeleteCounts> {
  const counts: CrmDeleteCounts = { kept: 0, deleted: 0, tagged: 0, 'kept-unsent': 0, gap: null };
  const { db, connector } = deps;
  const mode = crmDeleteMode(connection);
  if (mode === 'off' || !connector.deletedRecords || countLinks(db, connection.id) === 0) return counts;
  const deleted = await fetch(() => connector.deletedRecords!(ctx, readPosition(db, connection.id)));
  for (const { contactId, externalId } of liveLinkedContacts(db, connection.id, deleted.records.map((d) => d.externalId))) {
    const outcome = applyCrmDelete(db, { connectionId: connection.id, crmName: deps.crmName, verb: listedVerb(connection.kind), contactId, externalId, mode, runId: deps.runId, region: deps.region, now: deps.now() });
    counts[outcome]++;
  }
  if (deleted.next) writeSettingValue(db, positionKey(connection.id), deleted.next);
  counts.gap = deleted.gap ?? null;
  return counts;
}
