import type { Db } from '../store/db';
import type { Connection } from '../store/connections';
import type { Connector } from '../sync/connector';
import { countOpenConflicts, openConflictFields } from '../store/conflicts';
import { reverseMapping } from '../mapping/reverse';
import { fieldName } from './apply-page';

/** The CRM keys a push must leave untouched for this contact (its fields in conflict). */
export type ConflictHold = (contactId: number) => string[];

/**
 * Two-way: while a field is in conflict the user settles it, not the next
 * push. The planner leaves the CRM keys of such a field out of both the payload
 * and what was last sent, so the push neither writes nor clears them: the CRM's
 * side stays as it is while every other change of the contact still goes, and
 * nothing is overwritten silently. Once the conflict is resolved the payload
 * (and its hash) changes and the chosen value is sent.
 * Null when the connection has nothing to hold (the common case: no lookups).
 */
export function conflictHold(db: Db, connection: Connection, connector: Connector): ConflictHold | null {
  if (connection.direction !== 'two-way' || countOpenConflicts(db, connection.id) === 0) return null;
  const readable = reverseMapping(connector, connection).fields;
  return (contactId) => {
    const open = openConflictFields(db, connection.id, contactId);
    return open.size === 0 ? [] : readable.filter((rf) => open.has(fieldName(rf))).map((rf) => rf.key);
  };
}
