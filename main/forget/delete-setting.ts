import { destination } from '../../destinations/index';
import { requireConnection, updateConnection, type Connection } from '../store/connections';
import type { Db } from '../store/db';
import { dropPendingDeletes } from '../store/delete-propagation';

export const DELETE_MODES = ['off', 'archive', 'tag'] as const;
export type DeleteMode = typeof DELETE_MODES[number];

/** The destinations whose record actions can remove a record (main/crm/record-actions.ts). */
const REMOVES: ReadonlySet<Connection['kind']> = new Set(['hubspot', 'salesforce', 'zoho', 'mailchimp', 'pipedrive', 'dynamics']);
/**
 * The destinations whose record actions can mark a record "Deleted in Ferry"
 * (HubSpot: crm/hubspot/deleted-mark.ts; Salesforce: crm/salesforce/deleted-mark.ts,
 * where the org needs a Ferry_Deleted__c field: the service asks `markReady` first).
 */
const MARKS: ReadonlySet<Connection['kind']> = new Set(['hubspot', 'salesforce']);

/** How long a destination's Recycle Bin keeps a deleted record (Salesforce 15 days; Zoho CRM 60: zoho.com/crm/help/miscellaneous/recycle-bin.html). */
const RECYCLE_BIN_DAYS: Partial<Record<Connection['kind'], number>> = { salesforce: 15, zoho: 60 };

export const deleteMode = (connection: Connection): DeleteMode => connection.config.deletes ?? 'off';

export const FROM_CRM_DELETE_MODES = ['off', 'delete', 'tag'] as const;
export type FromCrmDeleteMode = typeof FROM_CRM_DELETE_MODES[number];
/** The destinations whose pull lists the records they deleted (Connector.deletedRecords). */
const LISTS_DELETES: ReadonlySet<Connection['kind']> = new Set(['hubspot', 'salesforce', 'zoho', 'mailchimp', 'dynamics']);

/** What a CRM needs before a pull can list its deletes, said with the choice (docs/pull.md). */
const FROM_CRM_NEEDS: Partial<Record<Connection['kind'], string>> = {
  dynamics: ' Dynamics 365 lists them only while an admin has change tracking on for contacts (a pull says where if it is off).',
};

export const fromCrmDeleteMode = (connection: Connection): FromCrmDeleteMode => connection.config.deletesFromCrm ?? 'off';
export const fromCrmDeleteSupported = (connection: Connection): boolean => LISTS_DELETES.has(connection.kind);

/** What a pull does with a contact whose record the CRM deleted, in a sentence. */
export function fromCrmDeleteSentence(connection: Connection): string {
  const crm = destination(connection.kind).sentenceName;
  if (!LISTS_DELETES.has(connection.kind)) return `Ferry cannot learn of contacts deleted in ${crm}.`;
  const pulls = connection.direction === 'push' ? ` (when this connection pulls)` : '';
  const needs = FROM_CRM_NEEDS[connection.kind] ?? '';
  switch (fromCrmDeleteMode(connection)) {
    case 'delete': return `Contacts deleted in ${crm} are deleted in Ferry too${pulls}; Restore brings them back, and one with changes not sent yet is tagged instead.${needs}`;
    case 'tag': return `Contacts deleted in ${crm} are kept in Ferry and tagged "Deleted in ${crm}"${pulls}.${needs}`;
    default: return `Contacts deleted in ${crm} stay in Ferry as they are: Ferry does not look${pulls}.`;
  }
}

/** Opts a connection in to (or out of) CRM→Ferry deletes. Off by default; the next pull applies it. */
export function setFromCrmDeleteMode(db: Db, connectionId: number, mode: FromCrmDeleteMode, now: number): Connection {
  const connection = requireConnection(db, connectionId);
  if (mode !== 'off' && !LISTS_DELETES.has(connection.kind)) throw new DeleteModeError(fromCrmDeleteSentence(connection));
  return updateConnection(db, connectionId, { config: { ...connection.config, deletesFromCrm: mode } }, now);
}
export const deleteModeSupported = (connection: Connection): boolean => REMOVES.has(connection.kind);
export const deleteTagSupported = (connection: Connection): boolean => MARKS.has(connection.kind);

/** What the setting does on this connection, in a sentence for the card and the CLI. */
export function deleteModeSentence(connection: Connection): string {
  const crm = destination(connection.kind).sentenceName;
  if (!REMOVES.has(connection.kind)) return `Contacts deleted in Ferry are kept in ${crm} (Ferry cannot delete records there).`;
  if (deleteMode(connection) === 'off') return `Contacts deleted in Ferry are kept in ${crm}.`;
  if (deleteMode(connection) === 'tag') {
    const where = connection.kind === 'salesforce' ? ' (the day, in its Ferry_Deleted__c field)' : '';
    return `Contacts deleted in Ferry are kept in ${crm} and marked "Deleted in Ferry"${where} (restoring one clears the mark).`;
  }
  if (connection.kind === 'hubspot') return 'Contacts deleted in Ferry are archived in HubSpot (HubSpot can restore them for 90 days).';
  if (connection.kind === 'mailchimp') return 'Contacts deleted in Ferry are archived in Mailchimp (out of the audience; restoring the contact adds it back).';
  if (connection.kind === 'pipedrive') return 'Contacts deleted in Ferry are deleted in Pipedrive (it erases them for good after 30 days).';
  // Dynamics 365 has no recycle bin Ferry can count on: a delete is final
  if (connection.kind === 'dynamics') return `Contacts deleted in Ferry are deleted in ${crm}.`;
  return `Contacts deleted in Ferry are deleted in ${crm} (they wait in its Recycle Bin for ${RECYCLE_BIN_DAYS[connection.kind] ?? 15} days).`;
}

export class DeleteModeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeleteModeError';
  }
}

/**
 * Opts a connection in to (or out of) deletes. Off by default. Only future
 * deletes are sent: turning it on does not reach back to contacts deleted
 * before, whose records the rep was told were kept.
 */
export function setDeleteMode(db: Db, connectionId: number, mode: DeleteMode, now: number): Connection {
  const connection = requireConnection(db, connectionId);
  if (mode !== 'off' && !REMOVES.has(connection.kind)) throw new DeleteModeError(deleteModeSentence(connection));
  if (mode === 'tag' && !MARKS.has(connection.kind)) throw new DeleteModeError(`Ferry cannot mark records in ${destination(connection.kind).sentenceName} yet: choose off or archive.`);
  const updated = updateConnection(db, connectionId, { config: { ...connection.config, deletes: mode } }, now);
  if (mode === 'off') {
    // deletes waiting to be sent are dropped: turning it off keeps those records too
    dropPendingDeletes(db, connectionId);
  }
  return updated;
}
