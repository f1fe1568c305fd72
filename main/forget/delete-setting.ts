import { destination, listedVerb } from '../../destinations/index';
import { requireConnection, updateConnection, type Connection } from '../store/connections';
import type { Db } from '../store/db';
import { dropPendingDeletes } from '../store/delete-propagation';

export const DELETE_MODES = ['off', 'archive', 'tag'] as const;
export type DeleteMode = typeof DELETE_MODES[number];

/** What each destination can do about deletes is its descriptor's `deletes` (destinations/descriptor.ts). */
const deletesOf = (connection: Connection) => destination(connection.kind).deletes;

export const deleteMode = (connection: Connection): DeleteMode => connection.config.deletes ?? 'off';

export const FROM_CRM_DELETE_MODES = ['off', 'delete', 'tag'] as const;
export type FromCrmDeleteMode = typeof FROM_CRM_DELETE_MODES[number];
export const fromCrmDeleteMode = (connection: Connection): FromCrmDeleteMode => connection.config.deletesFromCrm ?? 'off';
export const fromCrmDeleteSupported = (connection: Connection): boolean => deletesOf(connection).listed;

/** What a pull does with a contact whose record the CRM deleted, in a sentence. */
export function fromCrmDeleteSentence(connection: Connection): string {
  const crm = destination(connection.kind).sentenceName;
  if (!deletesOf(connection).listed) return `Ferry cannot learn of contacts deleted in ${crm}.`;
  const pulls = connection.direction === 'push' ? ` (when this connection pulls)` : '';
  // Mailchimp: what a pull learns of is an archived member, and the rep archives there
  const verb = listedVerb(connection.kind);
  const needs = deletesOf(connection).listedNeeds ? ` ${deletesOf(connection).listedNeeds}` : '';
  switch (fromCrmDeleteMode(connection)) {
    case 'delete': return `Contacts ${verb} in ${crm} are deleted in Ferry too${pulls}; Restore brings them back, and one with changes not sent yet is tagged instead.${needs}`;
    case 'tag': return `Contacts ${verb} in ${crm} are kept in Ferry and tagged "Deleted in ${crm}"${pulls}.${needs}`;
    default: return `Contacts ${verb} in ${crm} stay in Ferry as they are: Ferry does not look${pulls}.`;
  }
}

/** Opts a connection in to (or out of) CRM→Ferry deletes. Off by default; the next pull applies it. */
export function setFromCrmDeleteMode(db: Db, connectionId: number, mode: FromCrmDeleteMode, now: number): Connection {
  const connection = requireConnection(db, connectionId);
  if (mode !== 'off' && !deletesOf(connection).listed) throw new DeleteModeError(fromCrmDeleteSentence(connection));
  return updateConnection(db, connectionId, { config: { ...connection.config, deletesFromCrm: mode } }, now);
}
export const deleteModeSupported = (connection: Connection): boolean => deletesOf(connection).removed !== undefined;
export const deleteTagSupported = (connection: Connection): boolean => deletesOf(connection).marked !== undefined;

/** What the setting does on this connection, in a sentence for the card and the CLI. */
export function deleteModeSentence(connection: Connection): string {
  const crm = destination(connection.kind).sentenceName;
  const { removed, marked } = deletesOf(connection);
  if (removed === undefined) return `Contacts deleted in Ferry are kept in ${crm} (Ferry cannot delete records there).`;
  const mode = deleteMode(connection);
  if (mode === 'tag' && marked !== undefined) return `Contacts deleted in Ferry are kept in ${crm} and ${marked} (restoring one clears the mark).`;
  if (mode === 'archive') return `Contacts deleted in Ferry are ${removed}.`;
  return `Contacts deleted in Ferry are kept in ${crm}.`;
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
  if (mode !== 'off' && !deleteModeSupported(connection)) throw new DeleteModeError(deleteModeSentence(connection));
  if (mode === 'tag' && !deleteTagSupported(connection)) throw new DeleteModeError(`Ferry cannot mark records in ${destination(connection.kind).sentenceName} yet: choose off or archive.`);
  const updated = updateConnection(db, connectionId, { config: { ...connection.config, deletes: mode } }, now);
  if (mode === 'off') {
    // deletes waiting to be sent are dropped: turning it off keeps those records too
    dropPendingDeletes(db, connectionId);
  }
  return updated;
}
