import { SyncError } from '../../sync/connector';
import type { Connection } from '../../store/connections';
import type { ConnectorRegistry } from '../registry';
import type { ActionContext, CrmRecordActions } from '../record-actions';
import { toSyncError } from './errors';
import { API_VERSION, openSession, type Session } from './session';
import { mergeRecords } from './merge';
import { deletedFieldMissing, markDeletedInFerry, type DeletedFieldCache } from './deleted-mark';

/**
 * Salesforce: erasing is a REST delete of the record
 * (DELETE /services/data/vXX.X/sobjects/{SObject}/{id}, "Delete a Record",
 * developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_delete_record.htm).
 * Salesforce keeps a deleted record in the Recycle Bin for 15 days, so the
 * outcome says so: for a data-protection request the admin empties it.
 * Merging is the SOAP API's merge() (merge.ts): REST has none.
 */
const RECYCLE_BIN_NOTE = 'Salesforce keeps deleted records in its Recycle Bin for 15 days: empty it to erase the person completely (https://help.salesforce.com/s/articleView?id=sf.home_delete.htm).';

/** Salesforce's words for a record that is already gone. */
const GONE = new Set(['ENTITY_IS_DELETED', 'NOT_FOUND', 'INVALID_CROSS_REFERENCE_KEY']);

function errorCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { errorCode?: unknown; name?: unknown }).errorCode ?? (error as { name?: unknown }).name;
  return typeof code === 'string' ? code : undefined;
}

export function salesforceRecordActions(connection: Connection, secrets: ReturnType<ConnectorRegistry['secretsFor']>): CrmRecordActions {
  const instanceUrl = connection.config.baseUrl;
  const object = connection.config.object ?? 'Contact';
  const oauth = connection.config.auth === 'oauth';
  const open = async (ctx: ActionContext): Promise<Session> => {
    if (!instanceUrl) throw new SyncError('config', 'This Salesforce connection has no instance URL. Connect Salesforce again.');
    return openSession({
      instanceUrl,
      accessToken: oauth ? () => secrets.oauthAccessToken() : () => secrets.require('access_token'),
      ...(oauth ? { refresh: async () => ((await secrets.oauthRefresh()) ? secrets.oauthAccessToken() : null) } : {}),
    }, ctx);
  };
  const merge = async (primaryId: string, otherId: string, ctx: ActionContext): Promise<{ externalId: string }> => {
    const session = await open(ctx);
    try {
      return await mergeRecords(session.conn, primaryId, otherId);
    } catch (error) {
      throw toSyncError(error, session) ?? error;
    }
  };
  const described: DeletedFieldCache = new Map();
  const objects = (): ('Contact' | 'Lead')[] => (connection.mapping.routing ? ['Contact', 'Lead'] : [object]);
  const markReady = async (ctx: ActionContext): Promise<string | null> => {
    const session = await open(ctx);
    try {
      return await deletedFieldMissing(session.conn, objects(), described);
    } catch (error) {
      throw toSyncError(error, session) ?? error;
    }
  };
  const mark = async (externalId: string, deletedOn: string | null, ctx: ActionContext): Promise<void> => {
    const session = await open(ctx);
    try {
      await markDeletedInFerry(session.conn, API_VERSION, externalId, deletedOn, described);
    } catch (error) {
      // a record already gone from Salesforce has nothing left to mark
      const code = errorCodeOf(error);
      if (code !== undefined && GONE.has(code)) return;
      throw toSyncError(error, session) ?? error;
    }
  };
  const remove = async (externalId: string, ctx: ActionContext): Promise<{ note?: string }> => {
    const session = await open(ctx);
    try {
      await session.conn.request({ method: 'DELETE', url: `/services/data/v${API_VERSION}/sobjects/${object}/${encodeURIComponent(externalId)}` });
    } catch (error) {
      const code = errorCodeOf(error);
      if (code !== undefined && GONE.has(code)) return { note: `Salesforce no longer had this ${object}.` };
      throw toSyncError(error, session) ?? error;
    }
    return { note: RECYCLE_BIN_NOTE };
  };
  return { merge, erase: remove, remove, mark, markReady };
}
