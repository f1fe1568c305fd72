import type { ContactFields } from '../../../preload/schemas/contact';
import type { ReadableField } from '../../sync/connector';
import { writeFerryValue } from '../../mapping/write-field';

/**
 * The default Mailchimp mapping (mapping.ts) read backwards. Read: the merge
 * fields that carry one Ferry field whole (FNAME, LNAME, PHONE, COMPANY, TITLE,
 * WEBSITE, MET_WHERE, MET_EVENT), the member's address (the first e-mail) and the
 * ADDRESS merge field (the first address, when complete: Ferry sends no other).
 * Not read, because the member does not carry the Ferry field whole and writing it
 * back would lose or invent something:
 * - EMAILS2, PHONES2, FADDRESS: joined lists or lines, labels inside;
 * - NOTES, MET_NOTES: text merge fields hold 255 characters, so a long note is cut;
 * - MET_AT: a text merge field holds whatever a Mailchimp user types, Ferry a date;
 * - tags: a member's tags are also the marketing team's (Ferry adds tags and never
 *   removes theirs, `sync_tags: false`), so reading them would fill contacts with
 *   campaign tags;
 * - status: Mailchimp's record of the person's consent (they unsubscribe, bounce or
 *   subscribe through Mailchimp); Ferry's consent tag is what Ferry asks for;
 * - custom fields (CF…): the tag is a hash of the field's name, which it does not give back;
 * - SOURCE: where Ferry got the contact; FERRYID: Ferry's key, read to match, never a field.
 */
export const MAILCHIMP_NOT_READABLE: { field: string; why: string }[] = [
  { field: 'notes', why: 'a Mailchimp text field holds 255 characters: a longer note is cut' },
  { field: 'meeting.notes', why: 'a Mailchimp text field holds 255 characters: longer notes are cut' },
  { field: 'meeting.at', why: 'MET_AT is a text field in Mailchimp; Ferry keeps a date and time' },
  { field: 'tags', why: 'Mailchimp tags are also the marketing team\'s; Ferry adds tags there and never reads them back' },
  { field: 'custom.*', why: 'the merge tag (CF…) is a hash of the field name and does not give it back' },
];

const lower = (v: string): string => v.trim().toLowerCase();
const set = (field: string) => (f: ContactFields, v: string): ContactFields => writeFerryValue(f, field, v);

interface AddressParts { street: string; city: string; region: string; postalCode: string; country: string }

/** Mailchimp's address value ({ addr1, addr2, city, state, zip, country }, the Merge fields guide) as Ferry's parts; null when empty or unreadable. */
function addressParts(value: string): AddressParts | null {
  if (value.trim() === '') return null;
  let raw: unknown;
  try { raw = JSON.parse(value); } catch { return null; }
  if (typeof raw !== 'object' || raw === null) return null;
  const a = raw as Record<string, unknown>;
  const s = (k: string): string => (typeof a[k] === 'string' ? (a[k] as string).trim() : '');
  const parts = { street: [s('addr1'), s('addr2')].filter(Boolean).join(', '), city: s('city'), region: s('state'), postalCode: s('zip'), country: s('country') };
  return Object.values(parts).some(Boolean) ? parts : null;
}

/** One spelling for an address whatever its JSON's key order or empty addr2: the parts, in order. */
const normalizeAddress = (value: string): string => {
  const p = addressParts(value);
  return p ? [p.street, p.city, p.region, p.postalCode, p.country].join('\n') : '';
};

/** The first address becomes Mailchimp's (an empty one removes it); the others are kept. */
function applyAddress(f: ContactFields, value: string): ContactFields {
  const p = addressParts(value);
  const [, ...rest] = f.addresses;
  return { ...f, addresses: p ? [{ ...(f.addresses[0] ?? {}), ...p }, ...rest] : rest };
}

export function mailchimpReadableFields(): ReadableField[] {
  return [
    { key: 'email_address', field: 'emails', apply: set('emails'), normalize: lower },
    { key: 'FNAME', field: 'firstName', apply: set('firstName') },
    { key: 'LNAME', field: 'lastName', apply: set('lastName') },
    { key: 'PHONE', field: 'phones', apply: set('phones') },
    { key: 'COMPANY', field: 'company', apply: set('company') },
    { key: 'TITLE', field: 'title', apply: set('title') },
    { key: 'WEBSITE', field: 'website', apply: set('website') },
    { key: 'ADDRESS', field: 'addresses', apply: applyAddress, normalize: normalizeAddress },
    { key: 'MET_WHERE', field: 'meeting.place', apply: set('meeting.place') },
    { key: 'MET_EVENT', field: 'meeting.event', apply: set('meeting.event') },
  ];
}
