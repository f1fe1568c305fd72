import type { z } from 'zod';
import { contactInputSchema, type ContactFields, type ContactInput } from '../../preload/schemas/contact';
import { isEmailAddress } from './email-address';
import { normalizeMeetingDate } from './meeting-date';
import { fastFields } from './fast-fields';
import { sanitizeInput } from './sanitize';

/**
 * A record either yields a contact (with the values that had to be left out,
 * as warnings), or is rejected because nothing identifying remains. One bad
 * value never costs the whole person: the way HubSpot's and Google's importers
 * behave, and what a rep expects when one phone in a card is garbled.
 */
export type Checked =
  | { ok: true; fields: ContactFields; warnings: string[] }
  | { ok: false; reason: string; warnings: string[] };

export type RecordUnit = 'row' | 'card';

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
  return `${sentence} is not valid.`;
}

type Mutable = Record<string, unknown>;

/**
 * Removes the value a schema issue points at: the n-th e-mail, a custom field,
 * a too-long name. Lists over their limit keep their first entries.
 */
function setAside(input: ContactInput, issue: z.core.$ZodIssue): void {
  const [top, index] = issue.path;
  const record = input as Mutable;
  if (typeof top !== 'string') return;
  const value = record[top];
  if (Array.isArray(value)) {
    if (typeof index === 'number') value.splice(index, 1);
    else if (issue.code === 'too_big') value.splice(Number(issue.maximum));
    return;
  }
  if (top === 'customFields' && typeof index === 'string' && value && typeof value === 'object') {
    delete (value as Mutable)[index];
    return;
  }
  if (top === 'meeting' && typeof index === 'string' && value && typeof value === 'object') {
    (value as Mutable)[index] = index === 'at' ? null : '';
    return;
  }
  record[top] = typeof value === 'string' ? '' : undefined;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const leftOut = (sentence: string): string => `${sentence.replace(/\.$/, '')}, so it was left out.`;

/** The same address twice in one record (different case) is one address. */
function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  if (items.length < 2) return items;
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Validates one imported record: control characters removed, the contact
 * schema's limits and shapes, e-mail addresses and the meeting date. Whatever
 * fails is set aside with a warning in the rep's words; the record is
 * rejected only when no name, e-mail, phone or company is left.
 */
export function checkRecord(raw: ContactInput, region: string, unit: RecordUnit = 'row'): Checked {
  const { input, cleaned } = sanitizeInput(raw);
  const warnings = cleaned.map((what) => `Invisible control characters were removed from ${what}.`);
  let fields = fastFields(input);
  if (fields === null) {
    // A copy: setAside changes what it is given, and the input may be the caller's.
    const repairable = cleaned.length > 0 ? input : structuredClone(input);
    let parsed = contactInputSchema.safeParse(repairable);
    for (let attempt = 0; !parsed.success && attempt < 5; attempt++) {
      for (const issue of [...parsed.error.issues].reverse()) {
        warnings.push(leftOut(describeIssue(issue)));
        setAside(repairable, issue);
      }
      parsed = contactInputSchema.safeParse(repairable);
    }
    if (!parsed.success) return { ok: false, reason: parsed.error.issues.slice(0, 3).map(describeIssue).join(' '), warnings };
    fields = parsed.data;
  }
  fields.emails = uniqueBy(fields.emails.filter((e) => {
    if (e.value === '') return false;
    if (isEmailAddress(e.value)) return true;
    warnings.push(`"${clip(e.value)}" is not an e-mail address, so it was left out.`);
    return false;
  }), (e) => e.value.toLowerCase());
  // The same number twice with different labels (work and fax) is kept: the label says something.
  fields.phones = uniqueBy(fields.phones.filter((p) => p.raw.trim() !== ''), (p) => `${p.raw.trim()}\u0000${p.label ?? ''}`);
  if (fields.meeting.at !== null) {
    const at = normalizeMeetingDate(fields.meeting.at, region);
    if (at === null) warnings.push(`The meeting date "${clip(fields.meeting.at)}" is not a date Ferry can read (write it as YYYY-MM-DD, for example 2024-05-31), so it was left out.`);
    fields.meeting.at = at;
  }
  if (!fields.firstName.trim() && !fields.lastName.trim() && fields.emails.length === 0 && fields.phones.length === 0 && !fields.company.trim()) {
    const because = warnings.length > 0 ? ` once the values that could not be used were left out (${warnings.join(' ')})` : '';
    return { ok: false, reason: `This ${unit} has no name, e-mail, phone or company${because}, so there is no one to import.`, warnings: [] };
  }
  return { ok: true, fields, warnings };
}
