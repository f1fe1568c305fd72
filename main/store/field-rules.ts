import type { Db } from './db';
import { FIELD_RULES, type TwoWayRule } from '../../preload/schemas/pull';

/** Two-way rules per connection and Ferry field (migration 005); '*' holds the connection's default. */
export const DEFAULT_FIELD = '*';
/** With no rule at all, a field both sides changed is kept for the user: nothing is overwritten silently. */
export const DEFAULT_RULE: TwoWayRule = 'ask';

const isRule = (v: string): v is TwoWayRule => (FIELD_RULES as readonly string[]).includes(v);

export interface FieldRules {
  defaultRule: TwoWayRule;
  fields: Record<string, TwoWayRule>;
}

export function readFieldRules(db: Db, connectionId: number): FieldRules {
  const rows = db.prepare('SELECT field, rule FROM field_rules WHERE connection_id = ? ORDER BY field').all(connectionId) as { field: string; rule: string }[];
  const out: FieldRules = { defaultRule: DEFAULT_RULE, fields: {} };
  for (const r of rows) {
    if (!isRule(r.rule)) continue;
    if (r.field === DEFAULT_FIELD) out.defaultRule = r.rule;
    else out.fields[r.field] = r.rule;
  }
  return out;
}

export const ruleFor = (rules: FieldRules, field: string): TwoWayRule => rules.fields[field] ?? rules.defaultRule;

export function setFieldRule(db: Db, connectionId: number, field: string, rule: TwoWayRule | null): void {
  if (rule === null) db.prepare('DELETE FROM field_rules WHERE connection_id = ? AND field = ?').run(connectionId, field);
  else db.prepare('INSERT INTO field_rules(connection_id, field, rule) VALUES (?, ?, ?) ON CONFLICT(connection_id, field) DO UPDATE SET rule = excluded.rule').run(connectionId, field, rule);
}
