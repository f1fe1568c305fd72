import type { Connection } from '../store/connections';
import type { Connector, ReadableField } from '../sync/connector';
import type { Transform } from '../../preload/schemas/mapping';
import { ruleTarget } from './apply';
import { WRITABLE_FROM_ONE_VALUE, writeFerryValue } from './write-field';

/**
 * The mapping read backwards: which CRM field a pull reads for each Ferry
 * field, and how its value becomes that field again. Starts from the
 * destination's inverse of its default mapping (Connector.readableFields) and
 * applies the connection's mapping on top:
 * - a field the mapping sends elsewhere is read from there, when every
 *   transform on the way is invertible (trim, case: the value is taken as the
 *   CRM holds it); a join, split, value map, default, phone or date format
 *   loses what it cannot carry back, so that field is not read (`notReadable`
 *   says why) and the CRM never overwrites it;
 * - a field the mapping does not send is not read;
 * - fields set by value rules (e.g. lifecyclestage) have no Ferry field: never read.
 */
export interface ReverseMapping {
  fields: ReadableField[];
  notReadable: { field: string; why: string }[];
}

const INVERTIBLE: ReadonlySet<Transform['kind']> = new Set(['trim', 'case']);

export function reverseMapping(connector: Connector, connection: Connection): ReverseMapping {
  const own = connector.readableFields?.(connection) ?? { read: [], notRead: [] };
  const defaults = own.read;
  const notReadable: { field: string; why: string }[] = [...own.notRead];
  const moved = new Map(Object.entries(connection.mapping.fields).filter(([, r]) => r.target !== undefined || (r.transforms?.length ?? 0) > 0));
  const fields = defaults.filter((f) => !moved.has(f.field));
  for (const [field, rule] of moved) {
    const target = ruleTarget(connector, connection, field, rule);
    if (target === null) { notReadable.push({ field, why: 'not sent to this CRM' }); continue; }
    const lossy = (rule.transforms ?? []).find((t) => !INVERTIBLE.has(t.kind));
    if (lossy) { notReadable.push({ field, why: `the ${lossy.kind} transform cannot be read backwards` }); continue; }
    if (!WRITABLE_FROM_ONE_VALUE.has(field) && !field.startsWith('custom.')) { notReadable.push({ field, why: 'one CRM field cannot hold all of it' }); continue; }
    fields.push({ key: target, field, apply: (f, v) => writeFerryValue(f, field, v) });
  }
  return { fields, notReadable };
}
