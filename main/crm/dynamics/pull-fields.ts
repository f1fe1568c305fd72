import type { ContactFields } from '../../../preload/schemas/contact';
import type { ReadableField } from '../../sync/connector';
import { addressPart, writeFerryValue, type AddressPart } from '../../mapping/write-field';

/**
 * The default Dynamics 365 mapping (mapping.ts) read backwards. Read: the columns
 * that carry one Ferry field whole — firstname, lastname, jobtitle, websiteurl,
 * emailaddress1 (the first e-mail) and address1_* (the first address). Not read,
 * because the column does not carry the Ferry field whole and writing it back
 * would lose or invent something:
 * - description: the notes AND Ferry's "From Ferry" block (company, tags, the
 *   meeting, custom fields, the e-mails, phones and addresses past the columns),
 *   cut at 2,000 characters; a Dynamics 365 user's edit of it cannot be parsed back
 *   without guessing;
 * - telephone1/2/3, mobilephone: which number lands in which column depends on its
 *   label (mobile → mobilephone, home → telephone2, the others in order);
 * - emailaddress2/3, address2_*: Ferry's e-mails and addresses are ordered lists,
 *   and a pull writes a list's first entry only;
 * - parentcustomerid (Company Name): a lookup to an account, not the company's name.
 */
export const DYNAMICS_NOT_READABLE: { field: string; why: string }[] = [
  { field: 'notes', why: 'Dynamics 365 holds them in description together with the "From Ferry" block, which Ferry writes and cannot read back whole' },
  { field: 'company', why: 'in description\'s "From Ferry" block (parentcustomerid is a lookup to an account, not a name)' },
  { field: 'phones', why: 'which number lands in telephone1/2/3 or mobilephone depends on its label' },
  { field: 'tags', why: 'in description\'s "From Ferry" block' },
  { field: 'meeting.at', why: 'in description\'s "From Ferry" block' },
  { field: 'meeting.place', why: 'in description\'s "From Ferry" block' },
  { field: 'meeting.event', why: 'in description\'s "From Ferry" block' },
  { field: 'meeting.notes', why: 'in description\'s "From Ferry" block' },
  { field: 'custom.*', why: 'in description\'s "From Ferry" block' },
];

const lower = (v: string): string => v.trim().toLowerCase();
const set = (field: string) => (f: ContactFields, v: string): ContactFields => writeFerryValue(f, field, v);

function address(): ReadableField[] {
  const parts: [string, AddressPart][] = [['line1', 'street'], ['city', 'city'], ['stateorprovince', 'region'], ['postalcode', 'postalCode'], ['country', 'country']];
  return parts.map(([suffix, part]) => ({ key: `address1_${suffix}`, field: 'addresses', part, apply: addressPart(part) }));
}

export function dynamicsReadableFields(): ReadableField[] {
  return [
    { key: 'emailaddress1', field: 'emails', apply: set('emails'), normalize: lower },
    { key: 'firstname', field: 'firstName', apply: set('firstName') },
    { key: 'lastname', field: 'lastName', apply: set('lastName') },
    { key: 'jobtitle', field: 'title', apply: set('title') },
    { key: 'websiteurl', field: 'website', apply: set('website') },
    ...address(),
  ];
}
