import type { TwoWayRule } from '../../preload/schemas/pull';

/**
 * Who wins one field of one record on a pull. Pure. `base` is the value both
 * sides last agreed on (the link's payload: what Ferry sent or last read), absent
 * for a record never linked before. A side "changed" when it no longer holds the
 * base. An echo (the CRM giving back what Ferry sent) holds the base: never a change.
 * For a record never linked, the base is empty: a value fills an empty field, two
 * different values are both changes.
 */
export type FieldDecision = 'same' | 'keep-ferry' | 'take-crm' | 'conflict';

export interface FieldSides {
  ferry: string;
  crm: string;
  base: string | undefined;
  /** the CRM record's modification time and the Ferry contact's, ms; null when unknown */
  crmChangedAt: number | null;
  ferryChangedAt: number | null;
}

export function decideField(s: FieldSides, rule: TwoWayRule): FieldDecision {
  if (s.ferry === s.crm) return 'same';
  // never agreed before (a record just linked): an empty side has nothing to defend
  const base = s.base ?? '';
  const crmChanged = s.crm !== base;
  const ferryChanged = s.ferry !== base;
  if (rule === 'crm-owns') return 'take-crm';
  if (rule === 'ferry-owns') return 'keep-ferry';
  if (!crmChanged) return 'keep-ferry';
  if (!ferryChanged) return 'take-crm';
  // both changed since they last agreed
  switch (rule) {
    case 'crm-wins': return 'take-crm';
    case 'ferry-wins': return 'keep-ferry';
    case 'latest-wins':
      if (s.crmChangedAt === null || s.ferryChangedAt === null || s.crmChangedAt === s.ferryChangedAt) return 'conflict';
      return s.crmChangedAt > s.ferryChangedAt ? 'take-crm' : 'keep-ferry';
    case 'ask': return 'conflict';
  }
}
