import type { Contact } from '../../preload/schemas/contact';
import type { ContactFilter, FieldRule } from './filter-schema';

/**
 * Does a contact pass a connection's filter, and if not, why (the first rule it
 * fails, in words a rep reads in the Sync log). Pure.
 */

const norm = (s: string): string => s.trim().toLowerCase();

function fieldValue(contact: Contact, field: string): string {
  if (field.startsWith('custom.')) {
    const name = norm(field.slice('custom.'.length));
    const key = Object.keys(contact.customFields).find((k) => norm(k) === name);
    return key === undefined ? '' : contact.customFields[key] ?? '';
  }
  switch (field) {
    case 'email': return contact.emails.map((e) => e.value).join(' ');
    case 'phone': return contact.phones.map((p) => p.e164 ?? p.raw).join(' ');
    case 'city': return contact.addresses.map((a) => a.city).join(' ');
    case 'country': return contact.addresses.map((a) => a.country).join(' ');
    case 'event': return contact.meeting.event;
    case 'firstName': case 'lastName': case 'company': case 'title': case 'website': case 'source': case 'notes':
      return String(contact[field] ?? '');
    default: return '';
  }
}

const LABELS: Record<string, string> = { firstName: 'first name', lastName: 'last name', email: 'e-mail', event: 'event' };
const label = (field: string): string => (field.startsWith('custom.') ? `custom field “${field.slice(7)}”` : LABELS[field] ?? field);

function failsField(contact: Contact, rule: FieldRule): string | null {
  const value = norm(fieldValue(contact, rule.field));
  const wanted = norm(rule.value ?? '');
  switch (rule.op) {
    case 'equals': return value === wanted ? null : `its ${label(rule.field)} is not “${rule.value}”`;
    case 'contains': return value.includes(wanted) ? null : `its ${label(rule.field)} does not contain “${rule.value}”`;
    case 'empty': return value === '' ? null : `its ${label(rule.field)} is not empty`;
    case 'notEmpty': return value !== '' ? null : `its ${label(rule.field)} is empty`;
  }
}

const startOf = (text: string): number => Date.parse(/T/.test(text) ? text : `${text}T00:00:00Z`);

/** null when the contact matches; else the reason it does not ("it has none of the tags customer, vip"). */
export function filterMismatch(contact: Contact, filter: ContactFilter): string | null {
  const tags = new Set(contact.tags.map(norm));
  if (filter.tags && filter.tags.length > 0 && !filter.tags.some((t) => tags.has(norm(t)))) {
    return filter.tags.length === 1 ? `it does not have the tag “${filter.tags[0]}”` : `it has none of the tags ${filter.tags.map((t) => `“${t}”`).join(', ')}`;
  }
  const missing = (filter.allTags ?? []).find((t) => !tags.has(norm(t)));
  if (missing !== undefined) return `it does not have the tag “${missing}”`;
  const excluded = (filter.excludeTags ?? []).find((t) => tags.has(norm(t)));
  if (excluded !== undefined) return `it has the tag “${excluded}”`;
  for (const rule of filter.fields ?? []) {
    const why = failsField(contact, rule);
    if (why) return why;
  }
  if (filter.createdAfter && contact.createdAt < startOf(filter.createdAfter)) return `it was added before ${filter.createdAfter}`;
  if (filter.changedAfter && contact.updatedAt < startOf(filter.changedAfter)) return `it was last changed before ${filter.changedAfter}`;
  return null;
}

/** The Sync log's sentence for a contact the filter no longer sends (its CRM record is kept). */
export function noLongerSentSentence(crmLabel: string, reason: string): string {
  return `No longer sent to ${crmLabel}: ${reason} (this connection's filter). Its ${crmLabel} record is kept, not deleted.`;
}
