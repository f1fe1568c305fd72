import { z } from 'zod';
import { SyncError } from '../../sync/connector';
import type { Connection } from '../../store/connections';
import type { ConnectorRegistry } from '../registry';
import type { ActionContext, CrmRecordActions } from '../record-actions';
import { DataverseHttpError, send, type TransportOptions } from './transport';
import { API_PATH } from './wire';

/**
 * Dynamics 365 record actions through the Web API:
 * - remove: `DELETE contacts(<id>)` ("Delete a table row",
 *   learn.microsoft.com/power-apps/developer/data-platform/webapi/update-delete-entities-using-web-api);
 *   404 (0x80040217) means the row is already gone, which counts as done.
 * - erase (a data-protection request): the same delete, then `DeleteRecordChangeHistory`
 *   on the contact, which deletes every audit entry of the record — the old values an
 *   audited environment keeps after a delete ("Delete audit data": "to comply with a
 *   request from a customer to delete their history"). In that order, so the delete's
 *   own audit entry goes too. It needs System Administrator or prvDeleteRecordChangeHistory:
 *   without it (403) the record is still deleted and the outcome says what an admin does.
 * - merge: the unbound `Merge` action (webapi/merge-entity-using-web-api): the
 *   Subordinate's values fill the Target's empty columns, then the Subordinate is
 *   deactivated (not deleted); the Target keeps its id.
 */
const AUDIT_NOTE = 'If this Dynamics 365 environment keeps audit history for contacts, an admin deletes the person\'s audit records too (Power Platform admin center → Audit, https://learn.microsoft.com/power-platform/admin/manage-dataverse-auditing).';
const historySchema = z.object({ DeletedEntriesCount: z.number().optional() }).passthrough();
const NOT_FOUND = '0x80040217';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMEOUT_MS = 120_000;

function transportOf(connection: Connection, secrets: ReturnType<ConnectorRegistry['secretsFor']>, ctx: ActionContext): TransportOptions {
  const orgUrl = connection.config.baseUrl;
  if (!orgUrl) throw new SyncError('config', 'This Dynamics 365 connection has no organisation address. Connect Dynamics 365 again.');
  return {
    orgUrl: orgUrl.replace(/\/+$/, ''),
    accessToken: connection.config.auth === 'oauth' ? () => secrets.oauthAccessToken() : () => secrets.require('access_token'),
    timeoutMs: TIMEOUT_MS,
    hooks: ctx,
  };
}

function checkedId(id: string): string {
  if (!GUID.test(id)) throw new SyncError('invalid_request', `'${id}' is not a Dynamics 365 contact id.`);
  return id.toLowerCase();
}

const refused = (error: DataverseHttpError, what: string): SyncError =>
  new SyncError('invalid_request', `Dynamics 365 refused to ${what}: ${error.crmMessage || `HTTP ${error.status}`}`, { status: error.status, crmError: `HTTP ${error.status} ${error.code ?? ''} ${error.crmMessage}`.trim() });

export function dynamicsRecordActions(connection: Connection, secrets: ReturnType<ConnectorRegistry['secretsFor']>): CrmRecordActions {
  const remove = async (externalId: string, ctx: ActionContext): Promise<{ note?: string }> => {
    const t = transportOf(connection, secrets, ctx);
    try {
      await send({ method: 'DELETE', path: `${API_PATH}/contacts(${checkedId(externalId)})`, idempotent: true }, t);
    } catch (error) {
      if (error instanceof DataverseHttpError && (error.status === 404 || error.code === NOT_FOUND)) return { note: 'Dynamics 365 no longer had this contact.' };
      if (error instanceof DataverseHttpError) throw refused(error, 'delete the contact');
      throw error;
    }
    return { note: AUDIT_NOTE };
  };
  /** The record's audit history, deleted; a note when Ferry's user may not. */
  const deleteHistory = async (externalId: string, ctx: ActionContext): Promise<string> => {
    const t = transportOf(connection, secrets, ctx);
    try {
      const answer = await send({ method: 'POST', path: `${API_PATH}/DeleteRecordChangeHistory`, body: JSON.stringify({ Target: { '@odata.type': 'Microsoft.Dynamics.CRM.contact', contactid: checkedId(externalId) } }) }, t);
      const count = historySchema.safeParse(JSON.parse(answer.text || '{}')).data?.DeletedEntriesCount;
      return `Its audit history was deleted too${count === undefined ? '' : ` (${count} ${count === 1 ? 'entry' : 'entries'})`}.`;
    } catch (error) {
      if (error instanceof SyncError && error.kind === 'permission') return `Ferry's user may not delete audit history: ${AUDIT_NOTE}`;
      if (error instanceof DataverseHttpError) throw refused(error, 'delete the contact\'s audit history');
      throw error;
    }
  };
  return {
    remove,
    erase: async (externalId, ctx) => {
      const removed = await remove(externalId, ctx);
      const history = await deleteHistory(externalId, ctx);
      return { note: removed.note === AUDIT_NOTE ? history : `${removed.note ?? ''} ${history}`.trim() };
    },
    merge: async (primaryId, otherId, ctx) => {
      const t = transportOf(connection, secrets, ctx);
      const ref = (id: string): Record<string, string> => ({ '@odata.type': 'Microsoft.Dynamics.CRM.contact', contactid: checkedId(id) });
      try {
        await send({ method: 'POST', path: `${API_PATH}/Merge`, body: JSON.stringify({ Target: ref(primaryId), Subordinate: ref(otherId), PerformParentingChecks: false }) }, t);
      } catch (error) {
        if (error instanceof DataverseHttpError) throw refused(error, 'merge the two contacts');
        throw error;
      }
      return { externalId: primaryId.toLowerCase() };
    },
  };
}
