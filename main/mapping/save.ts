import { isDeepStrictEqual } from 'node:util';
import { mappingSchema, type Mapping, type MappingInput } from '../../preload/schemas/mapping';
import { requireConnection, updateConnection, type Connection } from '../store/connections';
import type { Db } from '../store/db';
import { enqueueContactsWithValues } from '../store/outbox';

/**
 * Saves a connection's mapping and, in the same transaction, queues exactly the
 * contacts the change can affect (the single pending truth, store/outbox.ts):
 * those with a value in a Ferry field whose rule changed; every contact when a
 * value rule or the routing changed, or a changed rule gives empty values a
 * default. The planner then sends only those whose payload really changed.
 *
 * CRM fields the old mapping wrote and the new one does not are remembered as
 * `released`: Ferry stops writing them and never clears them.
 */
export function affectedFields(before: Mapping, after: Mapping): string[] | 'all' {
  if (!isDeepStrictEqual(before.rules, after.rules) || !isDeepStrictEqual(before.routing, after.routing)) return 'all';
  const fields = new Set([...Object.keys(before.fields), ...Object.keys(after.fields)]);
  const changed = [...fields].filter((f) => !isDeepStrictEqual(before.fields[f], after.fields[f]));
  const fillsEmpty = changed.some((f) => [before.fields[f], after.fields[f]].some((r) => r?.transforms?.some((t) => t.kind === 'default')));
  return fillsEmpty ? 'all' : changed;
}

/** Whether two mappings send the same way (what Ferry released earlier does not count). */
export function sameMapping(a: MappingInput, b: MappingInput): boolean {
  const strip = (m: MappingInput): Omit<Mapping, 'released'> => {
    const { released: _released, ...rest } = mappingSchema.parse(m);
    return rest;
  };
  return isDeepStrictEqual(strip(a), strip(b));
}

function targetsOf(m: Mapping): Set<string> {
  const out = new Set<string>();
  for (const rule of Object.values(m.fields)) if (rule.target) out.add(rule.target);
  for (const rule of m.rules) for (const key of Object.keys(rule.set)) out.add(key);
  return out;
}

export function saveMapping(db: Db, connectionId: number, input: MappingInput, now: number): { connection: Connection; queued: number } {
  return db.transaction(() => {
    const current = requireConnection(db, connectionId);
    const parsed = mappingSchema.parse(input);
    const before = current.mapping;
    const nowTargets = targetsOf(parsed);
    const released = new Set([...before.released, ...parsed.released, ...[...targetsOf(before)].filter((t) => !nowTargets.has(t))]);
    for (const t of nowTargets) released.delete(t);
    const next: Mapping = { ...parsed, released: [...released].sort() };
    if (isDeepStrictEqual(next, before)) return { connection: current, queued: 0 };
    const connection = updateConnection(db, connectionId, { mapping: next }, now);
    const queued = enqueueContactsWithValues(db, connectionId, affectedFields(before, next), now);
    return { connection, queued };
  })();
}
