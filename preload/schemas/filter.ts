import { z } from 'zod';

/**
 * Which contacts a connection sends (stored as JSON in `connections.filter`,
 * validated with this schema wherever it is read or written). Every rule that is
 * present must hold (AND); an empty filter sends everyone.
 */

/** Contact fields a rule may test, by the names the contract uses; custom fields as `custom.<Name>`. */
export const FILTER_FIELDS = ['firstName', 'lastName', 'company', 'title', 'website', 'email', 'phone', 'source', 'city', 'country', 'event', 'notes'] as const;

const fieldName = z.union([z.enum(FILTER_FIELDS), z.string().regex(/^custom\..{1,100}$/, 'a custom field is named custom.<Name>')]);

const fieldRule = z.object({
  field: fieldName,
  op: z.enum(['equals', 'contains', 'empty', 'notEmpty']),
  value: z.string().max(500).optional(),
}).strict().refine((r) => r.op === 'empty' || r.op === 'notEmpty' || (r.value ?? '') !== '', { message: 'equals and contains need a value' });

/** A calendar day or an instant: 2026-01-31 or 2026-01-31T09:00:00Z. */
const day = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(s) && !Number.isNaN(Date.parse(s)), { message: 'a date like 2026-01-31' });

export const contactFilterSchema = z.object({
  /** at least one of these tags (case-insensitive) */
  tags: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  /** every one of these tags (case-insensitive) */
  allTags: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  /** none of these tags */
  excludeTags: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  fields: z.array(fieldRule).max(20).optional(),
  /** created in Ferry on or after this day */
  createdAfter: day.optional(),
  /** last changed in Ferry on or after this day */
  changedAfter: day.optional(),
}).strict();

export type ContactFilter = z.infer<typeof contactFilterSchema>;

/** A connection's filter as the screens and `ferry filter show` see it. */
export interface FilterView {
  connectionId: number;
  filter: ContactFilter;
  /** the admin's policy sets it */
  locked: boolean;
  /** contacts waiting to be sent to this connection, the filter applied */
  pending: number;
  /** live contacts of the card the filter lets through now, of `total` */
  matching: number;
  total: number;
}

/** How many of the card's live contacts a filter (saved or not) lets through. */
export interface FilterCountView {
  matching: number;
  total: number;
}

export const setFilterInputSchema = z.object({ connectionId: z.number().int().positive(), filter: contactFilterSchema }).strict();
export type FieldRule = z.infer<typeof fieldRule>;

const OP_WORDS: Record<FieldRule['op'], string> = { equals: 'is', contains: 'contains', empty: 'is empty', notEmpty: 'is not empty' };

/** One line per rule, as a rep reads it (the CLI and the screens say the same). */
export function filterSentences(filter: ContactFilter): string[] {
  const lines: string[] = [];
  const quoted = (tags: string[], joiner: string): string => tags.map((t) => `“${t}”`).join(joiner);
  if (filter.tags?.length) lines.push(`tagged ${quoted(filter.tags, ' or ')}`);
  if (filter.allTags?.length) lines.push(`tagged ${quoted(filter.allTags, ' and ')}`);
  if (filter.excludeTags?.length) lines.push(`not tagged ${quoted(filter.excludeTags, ' or ')}`);
  for (const rule of filter.fields ?? []) lines.push(`${rule.field} ${OP_WORDS[rule.op]}${rule.value === undefined ? '' : ` “${rule.value}”`}`);
  if (filter.createdAfter) lines.push(`added on or after ${filter.createdAfter}`);
  if (filter.changedAfter) lines.push(`changed on or after ${filter.changedAfter}`);
  return lines;
}

/** True when the filter sends everyone. */
export function isEmptyFilter(filter: ContactFilter): boolean {
  return Object.values(filter).every((v) => v === undefined || (Array.isArray(v) && v.length === 0));
}

/** A stored filter, or the empty one when it is missing or cannot be read (never throws). */
export function parseStoredFilter(text: string | null | undefined): ContactFilter {
  try {
    const parsed = contactFilterSchema.safeParse(JSON.parse(text ?? '{}'));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
