import type { z } from 'zod';
import { contactInputSchema, type ContactFields, type ContactInput } from '../../preload/schemas/contact';
import { normalizeMeetingDate } from './meeting-date';

export type Checked = { ok: true; fields: ContactFields } | { ok: false; reason: string };

/** Deliberately loose: something@something.tld, no spaces. Servers decide the rest. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/u;

const FIELD_NAMES: Record<string, string> = {
  firstName: 'first name', lastName: 'last name', company: 'company', title: 'job title', website: 'website',
  notes: 'notes', tags: 'tags', emails: 'e-mail addresses', phones: 'phone numbers', addresses: 'addresses',
  meeting: 'meeting', source: 'source', customFields: 'custom fields',
};

function fieldName(path: readonly PropertyKey[]): string {
  const [top, index, leaf] = path;
  if (top === 'customFields' && typeof index === 'string') return `the field "${index}"`;
  if (top === 'emails') return leaf === 'label' ? 'an e-mail label' : 'an e-mail address';
  if (top === 'phones') return leaf === 'label' ? 'a phone label' : 'a phone number';
  if (top === 'addresses') return `the address ${typeof leaf === 'string' ? leaf.replace(/([A-Z])/g, ' $1').toLowerCase() : ''}`.trim();
  if (top === 'tags' && typeof index === 'number') return 'a tag';
  if (top === 'meeting') return `the meeting ${typeof index === 'string' ? index : ''}`.trim();
  return `the ${FIELD_NAMES[String(top)] ?? String(top)}`;
}

/** A zod issue as a sentence a user understands, naming the field rather than a path. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const what = fieldName(issue.path);
  const sentence = what.charAt(0).toUpperCase() + what.slice(1);
  if (issue.code === 'too_big') {
    const max = Number(issue.maximum).toLocaleString('en-US');
    return issue.origin === 'array' ? `${sentence} has more than ${max} entries.` : `${sentence} is longer than ${max} characters.`;
  }
  if (issue.code === 'too_small') return `${sentence} is empty.`;
  return `${sentence} is not valid (${issue.message}).`;
}

/**
 * Validates one imported record: the contact schema (limits, shapes) plus what
 * makes a record worth keeping. Returns the parsed fields, or the reason as a
 * sentence for the report.
 */
export function checkRecord(input: ContactInput, region: string): Checked {
  const parsed = contactInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.slice(0, 3).map(describeIssue).join(' ') };
  const fields = parsed.data;
  fields.emails = fields.emails.filter((e) => e.value !== '');
  fields.phones = fields.phones.filter((p) => p.raw.trim() !== '');
  const bad = fields.emails.find((e) => !EMAIL.test(e.value));
  if (bad) return { ok: false, reason: `"${clip(bad.value)}" is not an e-mail address.` };
  if (!fields.firstName.trim() && !fields.lastName.trim() && fields.emails.length === 0 && fields.phones.length === 0 && !fields.company.trim()) {
    return { ok: false, reason: 'This row has no name, e-mail, phone or company, so there is no one to import.' };
  }
  if (fields.meeting.at !== null) {
    const at = normalizeMeetingDate(fields.meeting.at, region);
    if (at === null) {
      return { ok: false, reason: `The meeting date "${clip(fields.meeting.at)}" is not a date Ferry can read; write it as YYYY-MM-DD, for example 2024-05-31.` };
    }
    fields.meeting.at = at;
  }
  return { ok: true, fields };
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
