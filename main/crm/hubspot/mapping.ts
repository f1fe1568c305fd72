import { createHash } from 'node:crypto';
import type { Contact, StoredPhone } from '../../../preload/schemas/contact';
import type { Payload } from '../../sync/connector';

/**
 * Ferry contact → HubSpot contact properties. Pure and deterministic: the engine
 * hashes this payload to decide what is sent, so the same contact must always map
 * to the same payload, and the payload must be exactly what reaches HubSpot.
 *
 * Invariants:
 * - every standard key is always present; an empty or cleared field is '' so that
 *   HubSpot clears it too (a missing key would leave the old value there);
 * - keys starting with `__` are not properties: `__note` is the body of the HubSpot
 *   note attached to the contact (see notes.ts) and is stripped before sending;
 * - avatars and logos are never part of the payload.
 */

/** The reserved payload key that carries the note body (`hs_note_body`). */
export const NOTE_KEY = '__note';

/** HubSpot's limit for `hs_note_body`. */
export const MAX_NOTE_BODY_CHARS = 65_536;

/** The unique custom property that keys contacts without an e-mail (and every linked contact). */
export const FERRY_ID = 'ferry_id';

/** Prefix of the properties Ferry creates for custom fields. */
export const CUSTOM_FIELD_PREFIX = 'ferry_cf_';

/** The custom properties Ferry owns, besides one per custom field. */
export const FERRY_PROPERTIES = [
  FERRY_ID,
  'ferry_tags',
  'ferry_other_emails',
  'ferry_other_phones',
  'ferry_other_addresses',
  'ferry_met_at',
  'ferry_met_where',
  'ferry_met_event',
  'ferry_meeting_notes',
] as const;

const MOBILE_LABEL = /\b(mobile|mobil|cell|cellular|cellphone|handy|portable|gsm)\b/i;
const LIST_SEPARATOR = '; ';

/** True for keys of the payload that are not HubSpot contact properties. */
function isReservedKey(key: string): boolean {
  return key.startsWith('__');
}

/**
 * A stable property-name slug for a custom field name: lower-case a-z, 0-9 and _,
 * never empty (names with no ASCII letters get a short hash of the name).
 */
export function customFieldSlug(fieldName: string): string {
  const ascii = fieldName.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const slug = ascii.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60).replace(/_+$/, '');
  if (slug) return slug;
  return `field_${createHash('sha256').update(fieldName).digest('hex').slice(0, 10)}`;
}

export function customFieldProperty(fieldName: string): string {
  return `${CUSTOM_FIELD_PREFIX}${customFieldSlug(fieldName)}`;
}

const phoneText = (p: StoredPhone): string => p.e164 ?? p.raw.trim();
const isMobile = (p: StoredPhone): boolean => MOBILE_LABEL.test(p.label ?? '');
const labelled = (value: string, label: string | undefined): string => (label?.trim() ? `${value} (${label.trim()})` : value);

/** `YYYY-MM-DD` when the text starts with a real calendar date, else null. */
export function meetingDate(at: string | null): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(at?.trim() ?? '');
  if (!m) return null;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  // rejects 2024-02-31 and friends, which Date would silently roll over
  return date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d) ? `${y}-${mo}-${d}` : null;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const htmlOf = (ch: string): string => (ch === '\n' ? '<br>' : escapeHtml(ch));

/**
 * The note body HubSpot shows: the notes as HTML (escaped, line breaks kept), cut
 * with a visible marker when it would exceed HubSpot's limit. The full text always
 * stays in Ferry; truncation is never an error.
 */
export function noteBody(notes: string): string {
  if (!notes.trim()) return '';
  const text = notes.replace(/\r\n?/g, '\n');
  const whole = escapeHtml(text).replace(/\n/g, '<br>');
  if (whole.length <= MAX_NOTE_BODY_CHARS) return whole;
  const marker = `<br><br>[… cut by Ferry: HubSpot keeps ${MAX_NOTE_BODY_CHARS.toLocaleString('en-US')} characters of a note; the full note (${notes.length.toLocaleString('en-US')} characters) is in Ferry.]`;
  const budget = MAX_NOTE_BODY_CHARS - marker.length;
  const parts: string[] = [];
  let used = 0;
  // cut on a character boundary of the source, so no entity or <br> is ever split
  for (const ch of text) {
    const html = htmlOf(ch);
    if (used + html.length > budget) break;
    parts.push(html);
    used += html.length;
  }
  return parts.join('') + marker;
}

function customFieldProperties(fields: Record<string, string>): Payload {
  const out: Payload = {};
  // sorted so that two names sharing a slug always combine in the same order
  for (const name of Object.keys(fields).sort()) {
    const key = customFieldProperty(name);
    const value = (fields[name] ?? '').trim();
    const existing = out[key];
    out[key] = existing && value ? `${existing}${LIST_SEPARATOR}${value}` : existing || value;
  }
  return out;
}

/** The HubSpot payload of a contact. See the invariants at the top of this file. */
export function mapContact(contact: Contact): Payload {
  const emails = contact.emails.map((e) => ({ ...e, value: e.value.trim() })).filter((e) => e.value);
  const phones = contact.phones.filter((p) => phoneText(p));
  const mobile = phones.find(isMobile);
  const first = phones[0];
  const otherPhones = phones.filter((p) => p !== first && p !== mobile);
  const [address, ...otherAddresses] = contact.addresses;
  const metAt = meetingDate(contact.meeting.at);
  const rawMetAt = contact.meeting.at?.trim() ?? '';
  // a meeting date HubSpot cannot store as a date is kept, readable, in the meeting notes
  const meetingNotes = [metAt || !rawMetAt ? '' : `Met on: ${rawMetAt}`, contact.meeting.notes.trim()].filter(Boolean).join('\n');

  return {
    email: emails[0]?.value ?? '',
    firstname: contact.firstName.trim(),
    lastname: contact.lastName.trim(),
    phone: first ? phoneText(first) : '',
    mobilephone: mobile ? phoneText(mobile) : '',
    company: contact.company.trim(),
    jobtitle: contact.title.trim(),
    website: contact.website.trim(),
    address: address?.street.trim() ?? '',
    city: address?.city.trim() ?? '',
    state: address?.region.trim() ?? '',
    zip: address?.postalCode.trim() ?? '',
    country: address?.country.trim() ?? '',
    [FERRY_ID]: contact.uid,
    ferry_tags: contact.tags.map((t) => t.trim()).filter(Boolean).join(LIST_SEPARATOR),
    ferry_other_emails: emails.slice(1).map((e) => e.value).join(LIST_SEPARATOR),
    ferry_other_phones: otherPhones.map((p) => labelled(phoneText(p), p.label)).join(LIST_SEPARATOR),
    ferry_other_addresses: otherAddresses
      .map((a) => ({ text: [a.street, a.city, a.region, a.postalCode, a.country].map((s) => s.trim()).filter(Boolean).join(', '), label: a.label }))
      .filter((a) => a.text)
      .map((a) => labelled(a.text, a.label))
      .join(LIST_SEPARATOR),
    ferry_met_at: metAt ?? '',
    ferry_met_where: contact.meeting.place.trim(),
    ferry_met_event: contact.meeting.event.trim(),
    ferry_meeting_notes: meetingNotes,
    ...customFieldProperties(contact.customFields),
    [NOTE_KEY]: noteBody(contact.notes),
  };
}

/**
 * The properties to send for a payload: reserved keys stripped, and every property
 * that was sent last time but is gone now (a removed custom field) sent as '' so
 * HubSpot clears it rather than keeping a stale value.
 */
export function propertiesToSend(payload: Payload, previous: Payload): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(previous)) if (!isReservedKey(key) && !(key in payload)) out[key] = '';
  for (const [key, value] of Object.entries(payload)) if (!isReservedKey(key)) out[key] = value ?? '';
  return out;
}
