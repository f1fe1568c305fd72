import type { ContactFields } from '../../../preload/schemas/contact';
import type { ReadableField } from '../../sync/connector';
import { addressPart, writeFerryValue, type AddressPart } from '../../mapping/write-field';

/**
 * The default Zoho CRM mapping (mapping.ts) read backwards. Read: the fields one
 * Zoho field carries whole — First_Name, Last_Name, Email (the first e-mail),
 * Phone, Title and the Mailing_* address (the first address). Not read, because
 * the Zoho field does not carry the Ferry field whole and writing it back would
 * lose or invent something:
 * - Description: Ferry writes the notes and its "From Ferry" block there (company,
 *   website, tags, the meeting, other e-mails, phones and addresses, custom fields:
 *   Contacts has no text field for a company — Account_Name is a lookup — and Ferry
 *   creates no custom field but Ferry_Id); an edit of it in Zoho cannot be parsed
 *   back into those fields without guessing;
 * - Secondary_Email, Mobile, Home_Phone, Other_Phone, Other_*: which entry of a
 *   Ferry list lands there depends on its order and label; only a list's first
 *   entry can be written from one value.
 * A value longer than its Zoho field goes to the block and the field is sent
 * empty (mapping.ts); the link's base is what was sent, so reading it back empty
 * is no change. Last_Name "(unknown)" is the placeholder Ferry writes because Zoho
 * requires the field: read back, it is empty.
 */
export const ZOHO_NOT_READABLE: { field: string; why: string }[] = [
  { field: 'notes', why: "Zoho CRM holds them in Description with Ferry's \"From Ferry\" block, which cannot be read back whole" },
  { field: 'company', why: "in Description's \"From Ferry\" block (a Contact's Account_Name is a lookup, not a name)" },
  { field: 'website', why: "in Description's \"From Ferry\" block" },
  { field: 'tags', why: "in Description's \"From Ferry\" block" },
  { field: 'meeting.at', why: "in Description's \"From Ferry\" block" },
  { field: 'meeting.place', why: "in Description's \"From Ferry\" block" },
  { field: 'meeting.event', why: "in Description's \"From Ferry\" block" },
  { field: 'meeting.notes', why: "in Description's \"From Ferry\" block" },
  { field: 'custom.*', why: "in Description's \"From Ferry\" block" },
];

const PLACEHOLDER = '(unknown)';
const unplaceholder = (v: string): string => (v.trim() === PLACEHOLDER ? '' : v.trim());
const lower = (v: string): string => v.trim().toLowerCase();
const set = (field: string) => (f: ContactFields, v: string): ContactFields => writeFerryValue(f, field, unplaceholder(v));

const ADDRESS: [string, AddressPart][] = [['Mailing_Street', 'street'], ['Mailing_City', 'city'], ['Mailing_State', 'region'], ['Mailing_Zip', 'postalCode'], ['Mailing_Country', 'country']];

export function zohoReadableFields(): ReadableField[] {
  return [
    { key: 'Email', field: 'emails', apply: set('emails'), normalize: lower },
    { key: 'First_Name', field: 'firstName', apply: set('firstName') },
    { key: 'Last_Name', field: 'lastName', apply: set('lastName'), normalize: unplaceholder },
    { key: 'Phone', field: 'phones', apply: set('phones') },
    { key: 'Title', field: 'title', apply: set('title') },
    ...ADDRESS.map(([key, part]): ReadableField => ({ key, field: 'addresses', part, apply: addressPart(part) })),
  ];
}
