import { zohoRegion } from '../../../destinations/zoho';
import type { Connection } from '../../store/connections';
import { SyncError } from '../../sync/connector';
import type { ConnectorRegistry } from '../registry';
import type { ActionContext, CrmRecordActions } from '../record-actions';
import { ZOHO_API_VERSION } from './connector';
import { errorBody, toSyncError } from './errors';
import { send, type TransportOptions } from './transport';

/**
 * Zoho CRM's record actions (docs/vendor-facts.md Z14–Z15):
 * - remove: `DELETE /crm/v8/Contacts?ids={id}` — the record goes to the Recycle Bin,
 *   where Zoho keeps it 60 days (restorable); "record not deleted" (INVALID_DATA
 *   with `details.id`) is what Zoho answers for an id it does not hold: already gone;
 * - erase: the same delete, then `DELETE /crm/v8/settings/recycle_bin/{id}`, which
 *   deletes it for good (notes and attachments with it). That needs the scope
 *   ZohoCRM.settings.recycle_bin.DELETE: a sign-in without it (or an entry Zoho will
 *   not delete) leaves the record in the Recycle Bin, and the outcome says to empty it;
 * - merge: `POST /crm/v8/Contacts/{primary}/actions/merge` with the other record as
 *   the child ("Merge Records API", zoho.com/crm/developer/docs/api/v8/merge-records.html):
 *   the master keeps its id and the child is deleted; Zoho may run it as a
 *   background job (`SCHEDULED`, a job id), which changes nothing for Ferry, whose
 *   link already names the master.
 */
const RECYCLE_BIN_NOTE = 'Zoho CRM keeps deleted records in its Recycle Bin for 60 days: empty it there to erase the person completely (https://www.zoho.com/crm/help/miscellaneous/recycle-bin.html).';
const GONE_NOTE = 'Zoho CRM no longer had this record.';

export function zohoRecordActions(connection: Connection, secrets: ReturnType<ConnectorRegistry['secretsFor']>): CrmRecordActions {
  const apiDomain = (connection.config.baseUrl ?? zohoRegion(connection.config.region).api).replace(/\/+$/, '');
  const apiBase = `${apiDomain}/crm/${ZOHO_API_VERSION}`;
  const accessToken = connection.config.auth === 'oauth' ? () => secrets.oauthAccessToken() : () => secrets.require('access_token');
  const options = (ctx: ActionContext): TransportOptions => ({ accessToken, hooks: ctx, timeoutMs: 30_000, dailyCredits: () => undefined, onCredits: () => undefined });

  /** Deletes into the Recycle Bin; false when Zoho did not hold the record. */
  const recycle = async (externalId: string, ctx: ActionContext): Promise<boolean> => {
    const answer = await send('DELETE', `${apiBase}/Contacts?ids=${encodeURIComponent(externalId)}`, undefined, options(ctx));
    const result = (answer.json as { data?: unknown[] } | undefined)?.data?.[0];
    if (Array.isArray((answer.json as { data?: unknown } | undefined)?.data) && (answer.status < 300 || answer.status === 400)) {
      const body = errorBody(result);
      if (body.code === 'SUCCESS') return true;
      if (body.code === 'INVALID_DATA') return false;
      throw new SyncError('invalid_request', `Zoho CRM did not delete record ${externalId} (${body.code ?? 'no code'}: ${body.message ?? 'no message'}).`, { status: answer.status, crmError: `${body.code ?? ''} ${body.message ?? ''}`.trim() });
    }
    throw toSyncError(answer, { creditsCovered: true });
  };

  return {
    async remove(externalId, ctx) {
      return (await recycle(externalId, ctx)) ? { note: 'Zoho CRM keeps it in its Recycle Bin for 60 days.' } : { note: GONE_NOTE };
    },
    async erase(externalId, ctx) {
      const held = await recycle(externalId, ctx);
      const purge = await send('DELETE', `${apiBase}/settings/recycle_bin/${encodeURIComponent(externalId)}`, undefined, options(ctx));
      const entry = (purge.json as { recycle_bin?: unknown[] } | undefined)?.recycle_bin?.[0];
      if (purge.status === 200 && errorBody(entry).code === 'SUCCESS') return held ? { note: 'Its Recycle Bin entry is deleted too: the record is gone for good.' } : { note: GONE_NOTE };
      if (purge.status === 429 || purge.status >= 500) throw toSyncError(purge, { creditsCovered: true });
      // no Recycle Bin scope, or an entry Zoho will not delete for good: the delete stands, the bin keeps it
      return { note: held ? RECYCLE_BIN_NOTE : `${GONE_NOTE} ${RECYCLE_BIN_NOTE}` };
    },
    async merge(primaryId, otherId, ctx) {
      const answer = await send('POST', `${apiBase}/Contacts/${encodeURIComponent(primaryId)}/actions/merge`, { merge: [{ data: [{ id: otherId }] }] }, options(ctx));
      const result = errorBody((answer.json as { merge?: unknown[] } | undefined)?.merge?.[0]);
      if (answer.status < 300 && (result.code === 'SUCCESS' || result.code === 'SCHEDULED')) return { externalId: primaryId };
      if (answer.status === 400 || (answer.status < 300 && result.code)) {
        const why = result.code ? `${result.code}: ${result.message ?? ''}` : `${errorBody(answer.json).code ?? ''}: ${errorBody(answer.json).message ?? ''}`;
        throw new SyncError('invalid_request', `Zoho CRM did not merge the two records (${why.trim()}). Merge them in Zoho CRM with Find and Merge.`, { status: answer.status, crmError: why });
      }
      throw toSyncError(answer, { creditsCovered: true });
    },
  };
}
