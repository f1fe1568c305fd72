import type { Contact, ContactFields } from '../../preload/schemas/contact';
import { contactFields } from '../store/contacts';
import { MERGE_FIELDS, type MergeChoice, type MergeField, type MergeFieldPreview } from '../../preload/schemas/duplicates';

export { MERGE_FIELDS, type MergeChoice, type MergeField };

/**
 * A merge, field by field: which contact's value survives. Scalar fields take
 * one side; list fields (e-mails, phones, addresses, tags, custom fields) may
 * also take both, the survivor's entries first and the other's appended when
 * they are not already there.
 */
const LIST_FIELDS: ReadonlySet<MergeField> = new Set(['emails', 'phones', 'addresses', 'tags', 'customFields']);

export const isListField = (field: MergeField): boolean => LIST_FIELDS.has(field);

export interface MergePlan {
  keepId: number;
  otherId: number;
  fields: ContactFields;
  preview: MergeFieldPreview[];
}

export class MergeChoiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeChoiceError';
  }
}

const isEmpty = (value: unknown): boolean =>
  value === '' || value === null || (Array.isArray(value) && value.length === 0)
  || (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => v === '' || v === null));

/** Without a choice: the survivor's value, or the other's when the survivor has none; lists take both (nothing is lost). */
function defaultChoice(field: MergeField, keep: ContactFields, other: ContactFields): MergeChoice {
  if (isListField(field)) return 'both';
  return isEmpty(keep[field]) && !isEmpty(other[field]) ? 'other' : 'keep';
}

function union<T>(first: T[], second: T[], key: (item: T) => string): T[] {
  const seen = new Set(first.map(key));
  return [...first, ...second.filter((item) => !seen.has(key(item)))];
}

const fold = (s: string): string => s.trim().toLowerCase();
const phoneKey = (p: { raw: string }): string => p.raw.replace(/[^\d+]/g, '');

function both(field: MergeField, keep: ContactFields, other: ContactFields): ContactFields[MergeField] {
  switch (field) {
    case 'emails': return union(keep.emails, other.emails, (e) => fold(e.value));
    case 'phones': return union(keep.phones, other.phones, phoneKey);
    case 'addresses': return union(keep.addresses, other.addresses, (a) => fold(JSON.stringify(a)));
    case 'tags': return union(keep.tags, other.tags, fold);
    case 'customFields': return { ...other.customFields, ...keep.customFields };
    default: throw new MergeChoiceError(`${field} holds one value: choose keep or other.`);
  }
}

/** A field's value as one line of text, for the preview (CLI and app alike). */
export function describeValue(field: MergeField, fields: ContactFields): string {
  switch (field) {
    case 'emails': return fields.emails.map((e) => e.value).join(', ');
    case 'phones': return fields.phones.map((p) => p.raw).join(', ');
    case 'addresses': return fields.addresses.map((a) => Object.values(a).filter((v) => typeof v === 'string' && v !== '').join(' ')).join(' | ');
    case 'tags': return fields.tags.join(', ');
    case 'customFields': return Object.entries(fields.customFields).map(([k, v]) => `${k}=${v}`).join(', ');
    case 'meeting': return [fields.meeting.at ?? '', fields.meeting.place, fields.meeting.event, fields.meeting.notes].filter((v) => v !== '').join(' · ');
    default: return fields[field];
  }
}

/** Pure: the merged fields and their preview. `choices` names only the fields the user decided. */
export function planMerge(keep: Contact, other: Contact, choices: Partial<Record<MergeField, MergeChoice>> = {}): MergePlan {
  if (keep.id === other.id) throw new MergeChoiceError('A contact cannot be merged with itself.');
  if (keep.cardId !== other.cardId) throw new MergeChoiceError('Only contacts of the same card can be merged.');
  const k = contactFields(keep);
  const o = contactFields(other);
  const merged: ContactFields = { ...k };
  const preview: MergeFieldPreview[] = [];
  for (const field of MERGE_FIELDS) {
    const choice = choices[field] ?? defaultChoice(field, k, o);
    const value = choice === 'keep' ? k[field] : choice === 'other' ? o[field] : both(field, k, o);
    (merged as Record<MergeField, unknown>)[field] = value;
    preview.push({ field, choice, keep: describeValue(field, k), other: describeValue(field, o), result: describeValue(field, merged) });
  }
  return { keepId: keep.id, otherId: other.id, fields: merged, preview };
}
