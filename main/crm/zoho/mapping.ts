import type { Contact } from '../../../preload/schemas/contact';
import type { Payload } from '../../sync/connector';
import { addressesOf, addressLine, assignPhones, phoneText } from '../salesforce/contact-parts';
import { names } from '../salesforce/mapping';

/**
 * Ferry contact → Zoho CRM Contacts fields (API names). Pure and deterministic:
 * the engine hashes this payload to decide what is sent.
 *
 * Invariants:
 * - every value of the contact lands somewhere a Zoho user finds it: a standard
 *   field, or a labelled line of the "From Ferry" block in Description (the
 *   README's Zoho CRM table); a value longer than its field (Zoho's default
 *   layout lengths, field-meta.html) goes to the block instead of being refused;
 * - every key this mapping owns is always present, '' when empty, so clearing a
 *   value in Ferry clears it in Zoho (upsert.ts sends such a key as null);
 * - Last_Name is never empty (Zoho requires it: MANDATORY_NOT_FOUND);
 * - Ferry_Id carries the contact's uid: the unique field every upsert checks first.
 */

export const FERRY_ID_FIELD = 'Ferry_Id';
export const FERRY_ID_LABEL = 'Ferry Id';
/** Zoho's Description is a large text area of 32,000 characters. */
export const MAX_DESCRIPTION_CHARS = 32_000;
export const FROM_FERRY_HEADING = 'From Ferry';
const CUT_MARKER = `[… cut by Ferry: Zoho CRM keeps ${MAX_DESCRIPTION_CHARS.toLocaleString('en-US')} characters; the full text is in Ferry.]`;

/** The standard fields written, with their lengths in Zoho's default Contacts layout and the block label used when a value does not fit. */
const FIELDS = {
  First_Name: { length: 40, label: 'First name' },
  Last_Name: { length: 80, label: 'Last name' },
  Email: { length: 100, label: 'E-mail' },
  Secondary_Email: { length: 100, label: 'Other e-mail' },
  Phone: { length: 30, label: 'Phone' },
  Mobile: { length: 30, label: 'Mobile' },
  Home_Phone: { length: 30, label: 'Home phone' },
  Other_Phone: { length: 30, label: 'Other phone' },
  Title: { length: 100, label: 'Title' },
  Mailing_Street: { length: 250, label: 'Street' },
  Mailing_City: { length: 100, label: 'City' },
  Mailing_State: { length: 100, label: 'State' },
  Mailing_Zip: { length: 30, label: 'Postal code' },
  Mailing_Country: { length: 100, label: 'Country' },
  Other_Street: { length: 250, label: 'Other street' },
  Other_City: { length: 100, label: 'Other city' },
  Other_State: { length: 100, label: 'Other state' },
  Other_Zip: { length: 30, label: 'Other postal code' },
  Other_Country: { length: 100, label: 'Other country' },
} as const;

type StandardField = keyof typeof FIELDS;
export const MAPPED_FIELDS: readonly string[] = [...Object.keys(FIELDS), 'Description', FERRY_ID_FIELD];

interface Line { label: string; value: string }

const labelled = (label: string, extra: string | undefined): string => (extra?.trim() ? `${label} (${extra.trim()})` : label);

function cut(text: string, budget: number): string {
  let kept = '';
  for (const ch of text) {
    if (kept.length + ch.length > budget) break;
    kept += ch;
  }
  return kept;
}

/** The notes, then the "From Ferry" block; the notes are cut first (with a marker) so the block stays whole. */
export function description(notes: string, lines: Line[]): string {
  const text = notes.replace(/\r\n?/g, '\n').trim();
  const block = lines.length === 0 ? '' : [FROM_FERRY_HEADING, ...lines.map((l) => `${l.label}: ${l.value}`)].join('\n');
  const whole = [text, block].filter(Boolean).join('\n\n');
  if (whole.length <= MAX_DESCRIPTION_CHARS) return whole;
  const room = MAX_DESCRIPTION_CHARS - block.length - CUT_MARKER.length - 3;
  if (block && room >= 0) {
    const kept = cut(text, room).trimEnd();
    return `${kept ? `${kept}\n` : ''}${CUT_MARKER}\n\n${block}`;
  }
  return `${cut(block || text, MAX_DESCRIPTION_CHARS - CUT_MARKER.length - 2)}\n\n${CUT_MARKER}`;
}

export function mapContact(contact: Contact): Payload {
  const { first, last } = names(contact);
  const emails = contact.emails.map((e) => ({ value: e.value.trim(), label: e.label })).filter((e) => e.value);
  const phones = assignPhones(contact.phones, 'Contact');
  const [address, other, ...moreAddresses] = addressesOf(contact);
  const lines: Line[] = [];
  const standard: Record<StandardField, string> = {
    First_Name: first, Last_Name: last, Email: emails[0]?.value ?? '', Secondary_Email: emails[1]?.value ?? '',
    Phone: phones.Phone ? phoneText(phones.Phone) : '', Mobile: phones.MobilePhone ? phoneText(phones.MobilePhone) : '',
    Home_Phone: phones.HomePhone ? phoneText(phones.HomePhone) : '', Other_Phone: phones.OtherPhone ? phoneText(phones.OtherPhone) : '',
    Title: contact.title.trim(),
    Mailing_Street: address?.street ?? '', Mailing_City: address?.city ?? '', Mailing_State: address?.region ?? '', Mailing_Zip: address?.postalCode ?? '', Mailing_Country: address?.country ?? '',
    Other_Street: other?.street ?? '', Other_City: other?.city ?? '', Other_State: other?.region ?? '', Other_Zip: other?.postalCode ?? '', Other_Country: other?.country ?? '',
  };
  // too long for its field: the whole value moves to the block (a Last_Name is cut instead: it is mandatory)
  for (const [key, value] of Object.entries(standard) as [StandardField, string][]) {
    const { length, label } = FIELDS[key];
    if (value.length <= length) continue;
    if (key === 'Last_Name') {
      standard.Last_Name = cut(value, length);
      lines.push({ label: 'Full last name', value });
    } else {
      standard[key] = '';
      lines.push({ label, value });
    }
  }
  const company = contact.company.trim();
  if (company) lines.push({ label: 'Company', value: company });
  const website = contact.website.trim();
  if (website) lines.push({ label: 'Website', value: website });
  const tags = contact.tags.map((t) => t.trim()).filter(Boolean);
  if (tags.length > 0) lines.push({ label: 'Tags', value: tags.join('; ') });
  for (const e of emails.slice(2)) lines.push({ label: labelled('Other e-mail', e.label), value: e.value });
  for (const p of phones.rest) lines.push({ label: labelled('Other phone', p.label), value: phoneText(p) });
  for (const a of moreAddresses) lines.push({ label: labelled('Other address', a.label), value: addressLine(a) });
  for (const name of Object.keys(contact.customFields).sort()) {
    const value = (contact.customFields[name] ?? '').trim();
    if (value) lines.push({ label: `Custom field “${name.trim()}”`, value });
  }
  const m = contact.meeting;
  for (const l of [
    { label: 'Met on', value: m.at?.trim() ?? '' }, { label: 'Met at', value: m.place.trim() },
    { label: 'Event', value: m.event.trim() }, { label: 'Meeting notes', value: m.notes.replace(/\r\n?/g, '\n').trim() },
  ]) if (l.value) lines.push(l);
  return { ...standard, Description: description(contact.notes, lines), [FERRY_ID_FIELD]: contact.uid };
}
