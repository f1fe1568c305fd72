import type { Contact } from '../../preload/schemas/contact';
import type { FieldRule, Mapping, Transform } from '../../preload/schemas/mapping';
import type { Connection } from '../store/connections';
import type { Connector, Payload } from '../sync/connector';
import { matches } from './conditions';
import { ferryValue, withoutFields } from './ferry-fields';
import { applyTransforms } from './transforms';

/**
 * The connection's mapping applied on top of the destination's default
 * mapping. Invariants:
 * - an empty mapping returns exactly the default payload (no re-send after an upgrade);
 * - a Ferry field the mapping moves (or leaves unsent) is emptied before the
 *   default mapping runs, and the default keys only it filled are dropped: its
 *   value lands in the chosen field and nowhere else;
 * - pure and deterministic: the payload's hash decides what is sent.
 */
export const isDefaultMapping = (m: Mapping): boolean => Object.keys(m.fields).length === 0 && m.rules.length === 0 && m.routing === undefined;

/** A rule that changes where (or whether) a field goes, or how its value is written. */
const moves = (rule: FieldRule): boolean => rule.target !== undefined || (rule.transforms?.length ?? 0) > 0;

/** The CRM field a rule writes: its target, or for a transform-only rule the single default key. */
export function ruleTarget(connector: Connector, connection: Connection, field: string, rule: FieldRule): string | null {
  if (rule.target !== undefined) return rule.target;
  const keys = connector.defaultTarget?.(field, connection).keys ?? [];
  return keys.length === 1 ? (keys[0] as string) : null;
}

export function mapWithMapping(connector: Connector, inner: Connector['map'], contact: Contact, connection: Connection, aux: Readonly<Record<string, string>>): Payload {
  const mapping = connection.mapping;
  if (isDefaultMapping(mapping)) return inner(contact, connection, aux);
  const moved = Object.entries(mapping.fields).filter(([, rule]) => moves(rule));
  const payload = inner(withoutFields(contact, moved.map(([f]) => f)), connection, aux);
  const targets: Array<[string, string, readonly Transform[] | undefined]> = [];
  for (const [field, rule] of moved) {
    const target = ruleTarget(connector, connection, field, rule);
    for (const key of connector.defaultTarget?.(field, connection).keys ?? []) delete payload[key];
    if (target) targets.push([field, target, rule.transforms]);
  }
  for (const [field, target, transforms] of targets) {
    payload[target] = applyTransforms(ferryValue(contact, field), transforms, { contact, region: 'US' });
  }
  const setByRule = new Set<string>();
  for (const rule of mapping.rules) {
    if (!matches(rule.when, contact)) continue;
    for (const [key, value] of Object.entries(rule.set)) {
      if (setByRule.has(key)) continue;
      setByRule.add(key);
      payload[key] = value;
    }
  }
  return payload;
}

/** Every CRM field the mapping itself writes (rule targets and value rules), with the Ferry field or rule behind it. */
export function mappedTargets(connector: Connector, connection: Connection): Map<string, string> {
  const out = new Map<string, string>();
  for (const [field, rule] of Object.entries(connection.mapping.fields)) {
    if (!moves(rule)) continue;
    const target = ruleTarget(connector, connection, field, rule);
    if (target) out.set(target, field);
  }
  for (const [i, rule] of connection.mapping.rules.entries()) for (const key of Object.keys(rule.set)) if (!out.has(key)) out.set(key, `rule ${i + 1}`);
  return out;
}

/** CRM field → its write policy, for every field whose policy is not "always overwrite". */
export function policies(connector: Connector, connection: Connection): Map<string, 'fill_if_empty' | 'create_only'> {
  const out = new Map<string, 'fill_if_empty' | 'create_only'>();
  for (const [field, rule] of Object.entries(connection.mapping.fields)) {
    if (!rule.policy || rule.policy === 'overwrite' || rule.target === null) continue;
    const keys = rule.target !== undefined ? [rule.target] : connector.defaultTarget?.(field, connection).keys ?? [];
    for (const key of keys) out.set(key, rule.policy);
  }
  return out;
}

/** Default keys of the fields the mapping moves elsewhere: Ferry stops writing them and never clears them. */
export function movedDefaultKeys(connector: Connector, connection: Connection): Set<string> {
  const out = new Set<string>();
  for (const [field, rule] of Object.entries(connection.mapping.fields)) {
    if (!moves(rule)) continue;
    for (const key of connector.defaultTarget?.(field, connection).keys ?? []) out.add(key);
  }
  return out;
}
