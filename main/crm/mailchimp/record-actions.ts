import { z } from 'zod';
import { SyncError } from '../../sync/connector';
import type { Connection } from '../../store/connections';
import type { ConnectorRegistry } from '../registry';
import type { ActionContext, CrmRecordActions } from '../record-actions';
import { mailchimpApiRoot } from './api-base';
import { toSyncError } from './errors';
import type { MailchimpCall } from './members';
import { mailchimpRequest, MailchimpHttpError, type MailchimpCredential } from './transport';

/**
 * Mailchimp's deletes, by the member's contact_id (the link's id; every member route
 * takes it where a subscriber hash goes: Lists/Members API reference, path parameters):
 * - remove (a rep deleted the contact): DELETE /lists/{list_id}/members/{id}, "Archive
 *   list member. Archive a list member. To permanently delete, use the delete-permanent
 *   action." An archived member is out of the audience and its billing, restorable by
 *   adding the address again (the next push of a restored contact does). A member that is
 *   already archived, pending or bounced answers 405 "This list member cannot be removed"
 *   (recorded answers in grouparoo/grouparoo's Mailchimp fixtures): nothing left to do.
 * - erase (forget this person): POST …/members/{id}/actions/delete-permanent, "Delete all
 *   personally identifiable information related to a list member, and remove them from a
 *   list. This will make it impossible to re-import the list member." (the official SDKs'
 *   `deleteListMemberPermanent`). 204; a member already gone answers 404, which is done.
 * No merge: Mailchimp's API has none, and an audience holds one member per address
 * (record-actions.ts's manual step says what to do in Mailchimp).
 */
const listsSchema = z.object({ lists: z.array(z.object({ id: z.string() }).passthrough()).catch([]) }).passthrough();

const ERASE_NOTE = 'Mailchimp erased the member and everything it kept about the person; the address cannot be added to this audience again through the API (the person can sign up again through a Mailchimp form).';

export function mailchimpRecordActions(connection: Connection, secrets: ReturnType<ConnectorRegistry['secretsFor']>): CrmRecordActions {
  const credential: MailchimpCredential = connection.config.auth === 'oauth'
    ? { style: 'oauth', secret: () => secrets.oauthAccessToken() }
    : { style: 'api-key', secret: () => secrets.require('access_token') };

  const callFor = async (ctx: ActionContext): Promise<MailchimpCall> => {
    const root = mailchimpApiRoot(credential.style === 'api-key' ? await credential.secret() : '', connection.config.baseUrl);
    return (method, path, body) => mailchimpRequest(method, path, body, { root, credential, timeoutMs: 60_000, hooks: ctx });
  };

  /** the connection's audience; with none chosen, the account's only one (as the connector resolves it) */
  async function audience(call: MailchimpCall): Promise<string> {
    if (connection.config.audience) return connection.config.audience;
    const { lists } = listsSchema.parse(await call('GET', '/lists?count=2&fields=lists.id'));
    if (lists.length !== 1) throw new SyncError('config', 'This Mailchimp connection names no audience and the account has several: connect Mailchimp again and enter the audience ID.');
    return (lists[0] as { id: string }).id;
  }

  async function act(ctx: ActionContext, run: (call: MailchimpCall, list: string) => Promise<{ note?: string }>): Promise<{ note?: string }> {
    try {
      const call = await callFor(ctx);
      return await run(call, await audience(call));
    } catch (error) {
      if (error instanceof MailchimpHttpError) throw toSyncError(error, Date.now());
      throw error;
    }
  }

  const member = (list: string, externalId: string): string => `/lists/${encodeURIComponent(list)}/members/${encodeURIComponent(externalId)}`;

  return {
    remove: (externalId, ctx) => act(ctx, async (call, list) => {
      try {
        await call('DELETE', member(list, externalId));
        return { note: 'Archived in Mailchimp: out of the audience, and restored if the contact is sent again.' };
      } catch (error) {
        if (error instanceof MailchimpHttpError && error.status === 404) return { note: 'Mailchimp no longer had this member.' };
        if (error instanceof MailchimpHttpError && error.status === 405) return { note: 'Mailchimp keeps this member as it is: it is already archived, or pending or bounced, which Mailchimp does not archive.' };
        throw error;
      }
    }),
    erase: (externalId, ctx) => act(ctx, async (call, list) => {
      try {
        await call('POST', `${member(list, externalId)}/actions/delete-permanent`);
        return { note: ERASE_NOTE };
      } catch (error) {
        if (error instanceof MailchimpHttpError && error.status === 404) return { note: 'Mailchimp no longer had this member.' };
        throw error;
      }
    }),
  };
}
