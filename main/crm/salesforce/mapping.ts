import type { Contact, StoredPhone } from '../../../preload/schemas/contact';
import type { Payload } from '../../sync/connector';

/**
 * Ferry contact → Salesforce Contact or Lead fields. Pure and deterministic:
 * the engine hashes this payload to decide what is sent.
 *
 * Invariants:
 * - keys are Salesforce field API names; every key is always present, '' when
 *   empty, so clearing a field in Ferry clears it in Salesforce (sent as null);
 * - LastName is never empty (Salesforce requires it): a one-word name becomes
 *   the LastName, no name at all becomes the e-mail's local part or "(unknown)";
 * - a Lead always has a Company ("(none)" when the contact has none);
 * - `Ferry_Id__c` carries the contact's uid; push drops it when the org has no
 *   such field, so the payload (and its hash) does not depend on the org;
 * - notes and the meeting (when, where, event, meeting notes) go into
 *   Description, the long text field on every Contact and Lead page; a Contact's
 *   company goes there too, since a Contact's company is an Account record.
 */

export type SalesforceObject = 'Contact' | 'Lead';

export const FERRY_ID_FIELD = 'Ferry_Id__c';
/** Salesforce's Description is a Long Text Area of 32,000 characters. */
export const MAX_DESCRIPTION_CHARS = 32_000;
export const NO_COMPANY = '(none)';
export const UNKNOWN_NAME = '(unknown)';

const MOBILE_LABEL = /\b(mobile|mobil|cell|cellular|cellphone|handy|portable|gsm)\b/i;
const phoneText = (p: StoredPhone): string => p.e164 ?? p.raw.trim();

/** FirstName/LastName with LastName always filled. */
export function names(contact: Pick<Contact, 'firstName' | 'lastName' | 'emails'>): { first: string; last: string } {
  const first = contact.firstName.trim();
  const last = contact.lastName.trim();
  if (last) return { first, last };
  if (first) {
    // "Cher" or "Mary Ann" typed into the first-name box: the last word is the family name
    const words = first.split(/\s+/);
    return words.length > 1 ? { first: words.slice(0, -1).join(' '), last: words[words.length - 1] as string } : { first: '', last: first };
  }
  const local = contact.emails.map((e) => e.value.trim()).find(Boolean)?.split('@')[0]?.trim();
  return { first: '', last: local || UNKNOWN_NAME };
}

/** The Description text: notes, then the meeting, then (Contacts) the company; cut with a visible marker. */
export function description(contact: Contact, object: SalesforceObject): string {
  const m = contact.meeting;
  const meeting = [
    m.at?.trim() ? `When: ${m.at.trim()}` : '',
    m.place.trim() ? `Where: ${m.place.trim()}` : '',
    m.event.trim() ? `Event: ${m.event.trim()}` : '',
    m.notes.trim(),
  ].filter(Boolean);
  const company = object === 'Contact' && contact.company.trim() ? `Company: ${contact.company.trim()}` : '';
  const parts = [
    contact.notes.replace(/\r\n?/g, '\n').trim(),
    meeting.length > 0 ? ['Met (from Ferry)', ...meeting].join('\n') : '',
    company,
  ].filter(Boolean);
  const text = parts.join('\n\n');
  if (text.length <= MAX_DESCRIPTION_CHARS) return text;
  const marker = `\n\n[… cut by Ferry: Salesforce keeps ${MAX_DESCRIPTION_CHARS.toLocaleString('en-US')} characters; the full text is in Ferry.]`;
  const budget = MAX_DESCRIPTION_CHARS - marker.length;
  let kept = '';
  // cut on a code-point boundary so no surrogate pair is split
  for (const ch of text) {
    if (kept.length + ch.length > budget) break;
    kept += ch;
  }
  return kept + marker;
}

export function mapContact(contact: Contact, object: SalesforceObject): Payload {
  const { first, last } = names(contact);
  const phones = contact.phones.filter((p) => phoneText(p));
  const mobile = phones.find((p) => MOBILE_LABEL.test(p.label ?? ''));
  const phone = phones.find((p) => p !== mobile);
  const address = contact.addresses[0];
  const a = {
    street: address?.street.trim() ?? '', city: address?.city.trim() ?? '', region: address?.region.trim() ?? '',
    postalCode: address?.postalCode.trim() ?? '', country: address?.country.trim() ?? '',
  };
  const common: Payload = {
    FirstName: first,
    LastName: last,
    Email: contact.emails.map((e) => e.value.trim()).find(Boolean) ?? '',
    Phone: phone ? phoneText(phone) : '',
    MobilePhone: mobile ? phoneText(mobile) : '',
    Title: contact.title.trim(),
    Description: description(contact, object),
    [FERRY_ID_FIELD]: contact.uid,
  };
  if (object === 'Lead') {
    return {
      ...common,
      Company: contact.company.trim() || NO_COMPANY,
      Website: contact.website.trim(),
      Street: a.street, City: a.city, State: a.region, PostalCode: a.postalCode, Country: a.country,
    };
  }
  return {
    ...common,
    MailingStreet: a.street, MailingCity: a.city, MailingState: a.region, MailingPostalCode: a.postalCode, MailingCountry: a.country,
  };
}

/**
 * The field values to send: '' becomes null (Salesforce clears a field only on
 * null), fields sent last time but gone now are cleared, and on create empty
 * fields are left out.
 */
export function fieldsToSend(payload: Payload, previous: Payload, opts: { create: boolean; hasFerryId: boolean }): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  if (!opts.create) for (const key of Object.keys(previous)) if (!(key in payload)) out[key] = null;
  for (const [key, value] of Object.entries(payload)) {
    if (key === FERRY_ID_FIELD && !opts.hasFerryId) continue;
    const v = value === null || value === '' ? null : value;
    if (v === null && opts.create) continue;
    out[key] = v;
  }
  return out;
}
