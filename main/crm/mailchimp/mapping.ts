import { createHash } from 'node:crypto';
import type { Contact, StoredPhone } from '../../../preload/schemas/contact';
import type { Payload } from '../../sync/connector';
import { MARKETING_CONSENT_TAG } from '../../../destinations/mailchimp';

/**
 * Ferry contact → Mailchimp audience member. Pure and deterministic (the engine
 * hashes the payload to decide what is sent). Keys:
 * - `email_address`: the first e-mail, lower-cased; '' when there is none (such a
 *   contact cannot be a member and is set aside with a sentence, members.ts);
 * - `status`: 'subscribed' with marketing consent (the MARKETING_CONSENT_TAG tag),
 *   else 'transactional' (a non-subscribed contact: in the audience, never sent a
 *   campaign; Mailchimp's member statuses, Lists/Members API reference);
 * - `tags`: the contact's tags as a JSON array, sorted;
 * - every other key is a merge field tag (FNAME, COMPANY, …; MERGE_FIELDS).
 * Every key is always present; '' means empty, so a cleared field is cleared in
 * Mailchimp too. Avatars and logos are never sent.
 */

/** Mailchimp's limit for a text merge field's value (Merge fields guide: "text … up to 255 characters"). */
export const MAX_TEXT_MERGE_CHARS = 255;

export interface MergeFieldSpec {
  tag: string;
  name: string;
  type: 'text' | 'phone' | 'address';
}

/** The merge fields Ferry writes, besides one per custom field: the first four are every new audience's defaults. */
export const MERGE_FIELDS: readonly MergeFieldSpec[] = [
  { tag: 'FNAME', name: 'First Name', type: 'text' },
  { tag: 'LNAME', name: 'Last Name', type: 'text' },
  { tag: 'PHONE', name: 'Phone Number', type: 'phone' },
  { tag: 'ADDRESS', name: 'Address', type: 'address' },
  { tag: 'COMPANY', name: 'Company', type: 'text' },
  { tag: 'TITLE', name: 'Job title', type: 'text' },
  { tag: 'WEBSITE', name: 'Website', type: 'text' },
  { tag: 'FADDRESS', name: 'Address (as typed)', type: 'text' },
  { tag: 'EMAILS2', name: 'Other e-mails', type: 'text' },
  { tag: 'PHONES2', name: 'Other phones', type: 'text' },
  { tag: 'MET_AT', name: 'Met on', type: 'text' },
  { tag: 'MET_WHERE', name: 'Met where', type: 'text' },
  { tag: 'MET_EVENT', name: 'Met at event', type: 'text' },
  { tag: 'MET_NOTES', name: 'Meeting notes', type: 'text' },
  { tag: 'NOTES', name: 'Notes', type: 'text' },
  { tag: 'SOURCE', name: 'Source', type: 'text' },
  { tag: 'FERRYID', name: 'Ferry ID', type: 'text' },
];

/** Payload keys that are not merge fields. */
export const MEMBER_KEYS = ['email_address', 'status', 'tags'] as const;

/**
 * A custom field's merge tag: 'CF' and 8 characters of a hash of its name, since
 * merge tags are at most 10 capital letters, digits or underscores (Merge fields
 * guide). The field's own name is the merge field's name in Mailchimp.
 */
export function customFieldTag(fieldName: string): string {
  return `CF${BigInt(`0x${createHash('sha256').update(fieldName).digest('hex').slice(0, 12)}`).toString(36).toUpperCase().padStart(8, '0').slice(0, 8)}`;
}

export function hasMarketingConsent(contact: Pick<Contact, 'tags'>): boolean {
  return contact.tags.some((t) => t.trim().toLowerCase() === MARKETING_CONSENT_TAG);
}

const clip = (text: string, max = MAX_TEXT_MERGE_CHARS): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const phoneText = (p: StoredPhone): string => p.e164 ?? p.raw.trim();
const labelled = (value: string, label: string | undefined): string => (label?.trim() ? `${value} (${label.trim()})` : value);

/**
 * Mailchimp's address merge field needs a street, city, state and zip (the
 * Merge fields guide's address type); an address missing one would refuse the
 * whole member, so only a complete address goes there. FADDRESS always holds
 * the first address as typed.
 */
function addressValue(contact: Contact): string {
  const a = contact.addresses[0];
  if (!a || !a.street.trim() || !a.city.trim() || !a.region.trim() || !a.postalCode.trim()) return '';
  return JSON.stringify({ addr1: a.street.trim(), city: a.city.trim(), state: a.region.trim(), zip: a.postalCode.trim(), country: a.country.trim() });
}

function addressLine(contact: Contact): string {
  const a = contact.addresses[0];
  if (!a) return '';
  return [a.street, a.city, a.region, a.postalCode, a.country].map((s) => s.trim()).filter(Boolean).join(', ');
}

export function mapContact(contact: Contact): Payload {
  const [email, ...otherEmails] = contact.emails;
  const [phone, ...otherPhones] = contact.phones;
  const payload: Payload = {
    email_address: email?.value.trim().toLowerCase() ?? '',
    status: hasMarketingConsent(contact) ? 'subscribed' : 'transactional',
    tags: JSON.stringify([...new Set(contact.tags.map((t) => t.trim()).filter(Boolean))].sort()),
    FNAME: clip(contact.firstName.trim()),
    LNAME: clip(contact.lastName.trim()),
    PHONE: phone ? clip(phoneText(phone)) : '',
    ADDRESS: addressValue(contact),
    COMPANY: clip(contact.company.trim()),
    TITLE: clip(contact.title.trim()),
    WEBSITE: clip(contact.website.trim()),
    FADDRESS: clip(addressLine(contact)),
    EMAILS2: clip(otherEmails.map((e) => labelled(e.value.trim(), e.label)).join('; ')),
    PHONES2: clip(otherPhones.map((p) => labelled(phoneText(p), p.label)).join('; ')),
    MET_AT: clip(contact.meeting.at?.trim() ?? ''),
    MET_WHERE: clip(contact.meeting.place.trim()),
    MET_EVENT: clip(contact.meeting.event.trim()),
    MET_NOTES: clip(contact.meeting.notes.trim()),
    NOTES: clip(contact.notes.trim()),
    SOURCE: clip(contact.source.trim()),
    FERRYID: contact.uid,
  };
  for (const [name, value] of Object.entries(contact.customFields)) payload[customFieldTag(name)] = clip(value.trim());
  return payload;
}

/** The custom field names of a contact by their merge tags (for creating the merge fields). */
export function customFieldNames(contact: Contact): Map<string, string> {
  return new Map(Object.keys(contact.customFields).map((name) => [customFieldTag(name), name]));
}

/**
 * The merge field values to send: what changed since `previous` ('' clears), or
 * everything non-empty for a new member. `wire` types the values of fields the
 * connection's mapping chose (a number field takes a number).
 */
export function mergeFieldsToSend(payload: Payload, previous: Payload, wire: (tag: string, text: string) => unknown = (_t, text) => text): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(payload), ...Object.keys(previous)]);
  for (const key of keys) {
    if ((MEMBER_KEYS as readonly string[]).includes(key)) continue;
    const now = payload[key] ?? '';
    if (now === (previous[key] ?? '')) continue;
    out[key] = key === 'ADDRESS' && now !== '' ? JSON.parse(now) as unknown : wire(key, now);
  }
  return out;
}

export function tagsOf(payload: Payload): string[] {
  try {
    const parsed: unknown = JSON.parse(payload.tags ?? '[]');
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}
