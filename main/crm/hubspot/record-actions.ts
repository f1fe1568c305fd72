import * as contacts from '@hubspot/api-client/lib/codegen/crm/contacts/index';
import type { Connection } from '../../store/connections';
import type { ConnectorRegistry } from '../registry';
import type { ActionContext, CrmRecordActions } from '../record-actions';
import { DEFAULT_BASE_PATH, hubSpotApis } from './api';
import { markDeletedInFerry } from './deleted-mark';
import { toSyncError } from './errors';
import { HubSpotHttpError, send, type TransportOptions, type WireRequest } from './transport';
import { SyncError } from '../../sync/connector';

/**
 * HubSpot's merge and GDPR delete, through the official SDK's request
 * factories and Ferry's transport (api.ts says why not `new Client()`).
 * - Merge: POST /crm/v3/objects/contacts/merge {primaryObjectId, objectIdToMerge}
 *   (developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/post-crm-v3-objects-contacts-merge).
 *   Since HubSpot's "Updated merge functionality for contacts and companies"
 *   (developers.hubspot.com/changelog/updated-merge-functionality-for-contacts-and-companies)
 *   the merged record gets a NEW id; both old ids keep resolving to it. The
 *   answer's `id` is what the survivor's link must name from now on.
 * - Erase: POST /crm/v3/objects/contacts/gdpr-delete {objectId} "Permanently
 *   delete a contact and all associated content to follow GDPR"
 *   (developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/post-crm-v3-objects-contacts-gdpr-delete).
 *   Never with idProperty=email: an unknown e-mail would be blocklisted.
 */
function basicApi(base: string, options: TransportOptions): contacts.BasicApi {
  const config = contacts.createConfiguration({
    baseServer: new contacts.ServerConfiguration(base, {}),
    httpApi: contacts.wrapHttpLibrary({
      async send(request: WireRequest) {
        const r = await send(request, options);
        return new contacts.ResponseContext(r.status, r.headers, r.body);
      },
    }),
  });
  return new contacts.BasicApi(config);
}

async function asSyncErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HubSpotHttpError) throw toSyncError(error, Date.now());
    throw error;
  }
}

export function hubSpotRecordActions(connection: Connection, secrets: ReturnType<ConnectorRegistry['secretsFor']>): CrmRecordActions {
  const accessToken = connection.config.auth === 'oauth' ? () => secrets.oauthAccessToken() : () => secrets.require('private_app_token');
  const base = (connection.config.baseUrl ?? DEFAULT_BASE_PATH).replace(/\/+$/, '');
  const options = (ctx: ActionContext): TransportOptions => ({ accessToken, timeoutMs: 30_000, hooks: ctx, now: () => Date.now() });
  return {
    async merge(primaryId, otherId, ctx) {
      const merged = await asSyncErrors(() => basicApi(base, options(ctx)).merge({ primaryObjectId: primaryId, objectIdToMerge: otherId }));
      return { externalId: merged.id || primaryId };
    },
    async erase(externalId, ctx) {
      try {
        await asSyncErrors(() => basicApi(base, options(ctx)).purge({ objectId: externalId }));
      } catch (error) {
        // already gone (deleted in HubSpot, or erased by an earlier attempt): the request is fulfilled
        if (error instanceof SyncError && error.details.status === 404) return { note: 'HubSpot no longer had this record.' };
        throw error;
      }
      return {};
    },
    // DELETE /crm/v3/objects/contacts/{id}: "Deleted contacts can be restored within 90 days of deletion"
    // (developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/delete-crm-v3-objects-contacts-contactId)
    async remove(externalId, ctx) {
      try {
        await asSyncErrors(() => basicApi(base, options(ctx)).archive(externalId));
      } catch (error) {
        if (error instanceof SyncError && error.details.status === 404) return { note: 'HubSpot no longer had this record.' };
        throw error;
      }
      return {};
    },
    async mark(externalId, deletedOn, ctx) {
      await asSyncErrors(() => markDeletedInFerry(hubSpotApis(base, options(ctx)), externalId, deletedOn));
    },
  };
}
