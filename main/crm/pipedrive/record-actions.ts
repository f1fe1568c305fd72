import { pipedrive } from '../../../destinations/pipedrive';
import { SyncError } from '../../sync/connector';
import type { Connection } from '../../store/connections';
import type { ConnectorRegistry } from '../registry';
import type { ActionContext, CrmRecordActions } from '../record-actions';
import { pipedriveApi, type PipedriveApi } from './api';
import { toSyncError } from './errors';
import { PipedriveHttpError } from './transport';

/**
 * Pipedrive's delete and merge, through the official SDK's request factories
 * and Ferry's transport (api.ts):
 * - Erase and remove: DELETE /api/v2/persons/{id}, which "marks a person as
 *   deleted. After 30 days, the person will be permanently deleted" (SDK v2
 *   deletePerson; developers.pipedrive.com changelog, "Permanent deletion logic
 *   for 6 core entities": after that no API returns it). The API has no
 *   immediate permanent delete, so "forget this person" says the 30 days.
 * - Merge: PUT /api/v1/persons/{otherId}/merge { merge_with_id: primaryId }
 *   (SDK v1 mergePersons; pipedrive.readme.io/docs/merging-two-persons): the
 *   `merge_with_id` person is kept with its id and wins every field both
 *   have; its empty fields take the other's values; the other person is
 *   removed and its activities, notes, deals and followers move over.
 */
const PURGE_NOTE = 'Pipedrive keeps a deleted person for 30 days, then erases it for good; the API cannot erase it sooner.';

function personId(externalId: string): number {
  const id = Number(externalId);
  if (!Number.isInteger(id) || id <= 0) throw new SyncError('invalid_request', `'${externalId}' is not a Pipedrive person id.`);
  return id;
}

export function pipedriveRecordActions(connection: Connection, secrets: ReturnType<ConnectorRegistry['secretsFor']>): CrmRecordActions {
  const oauth = connection.config.auth === 'oauth';
  const api = (ctx: ActionContext): PipedriveApi => pipedriveApi({
    baseUrl: connection.config.baseUrl ?? pipedrive.defaultApiBase ?? 'https://api.pipedrive.com',
    credential: oauth ? () => secrets.oauthAccessToken() : () => secrets.require('private_app_token'),
    auth: oauth ? 'oauth' : 'api-token',
    timeoutMs: 30_000,
    hooks: ctx,
  });
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof PipedriveHttpError) throw toSyncError(error, Date.now());
      throw error;
    }
  };
  const remove = async (externalId: string, ctx: ActionContext): Promise<{ note?: string }> => {
    try {
      await guarded(() => api(ctx).deletePerson(personId(externalId)));
    } catch (error) {
      // already gone (deleted in Pipedrive, or by an earlier attempt): done
      if (error instanceof SyncError && (error.details.status === 404 || error.details.status === 410)) return { note: 'Pipedrive no longer had this person.' };
      throw error;
    }
    return { note: PURGE_NOTE };
  };
  return {
    erase: remove,
    remove,
    async merge(primaryId, otherId, ctx) {
      const kept = await guarded(() => api(ctx).mergePersons(personId(primaryId), personId(otherId)));
      return { externalId: String(kept) };
    },
  };
}
