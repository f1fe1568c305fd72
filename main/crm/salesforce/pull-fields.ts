import type { ContactFields } from '../../../preload/schemas/contact';
import type { ReadableField } from '../../sync/connector';
import { addressPart, writeFerryValue, type AddressPart } from '../../mapping/write-field';
import type { SalesforceObject } from './mapping';
import { COMPANY_FIELDS, FERRY_TAGS_FIELD, FERRY_WEBSITE_FIELD, type OrgFields } from './org-fields';

/**
 * The default Salesforce mapping (mapping.ts) read backwards. Read: the fields
 * one Salesforce field carries whole (names, the first e-mail, Phone, Title, the
 * first address, and where the org has them Company / Ferry_Company__c, Website /
 * Ferry_Website__c and Ferry_Tags__c). Not read, because the field does not carry
 * the Ferry field whole and writing it back would lose or invent something:
 * - Description: Ferry writes its "From Ferry" block there (notes, the meeting,
 *   other e-mails, phones and addresses, custom fields without a field of their
 *   own); it is Ferry's text, and a Salesforce user's edit of it cannot be parsed
 *   back into those fields without guessing;
 * - MobilePhone, HomePhone, OtherPhone: which number lands where depends on its label;
 * - OtherStreet… (a Contact's second address): Ferry's addresses are a list, in order;
 * - AccountId: a link to an Account record, not the company's name.
 * LastName "(unknown)" and a Lead's Company "(none)" are placeholders Ferry writes
 * because Salesforce requires the field: read back, they are empty.
 */
export const SALESFORCE_NOT_READABLE: { field: string; why: string }[] = [
  { field: 'notes', why: "Salesforce holds them in Description's \"From Ferry\" block, which Ferry writes and cannot read back whole" },
  { field: 'meeting.at', why: "in Description's \"From Ferry\" block" },
  { field: 'meeting.place', why: "in Description's \"From Ferry\" block" },
  { field: 'meeting.event', why: "in Description's \"From Ferry\" block" },
  { field: 'meeting.notes', why: "in Description's \"From Ferry\" block" },
  { field: 'custom.*', why: "a custom field's value is in Description's block or a field whose name does not give the field name back" },
];

const PLACEHOLDERS = new Set(['(unknown)', '(none)']);
const unplaceholder = (v: string): string => (PLACEHOLDERS.has(v.trim()) ? '' : v.trim());
const lower = (v: string): string => v.trim().toLowerCase();
const set = (field: string) => (f: ContactFields, v: string): ContactFields => writeFerryValue(f, field, unplaceholder(v));


function address(prefix: 'Mailing' | ''): ReadableField[] {
  const parts: [string, AddressPart][] = [['Street', 'street'], ['City', 'city'], ['State', 'region'], ['PostalCode', 'postalCode'], ['Country', 'country']];
  return parts.map(([suffix, part]) => ({ key: `${prefix}${suffix}`, field: 'addresses', part, apply: addressPart(part) }));
}

/** What a pull reads of `object`, given what describe said of the org (custom fields Ferry writes when they exist). */
export function salesforceReadableFields(object: SalesforceObject, org: OrgFields): ReadableField[] {
  /** the org's spelling of a Ferry-written custom field, when it has one */
  const named = (name: string): string | undefined => org.text.get(name.toLowerCase())?.name;
  const fields: ReadableField[] = [
    { key: 'Email', field: 'emails', apply: set('emails'), normalize: lower },
    { key: 'FirstName', field: 'firstName', apply: set('firstName') },
    { key: 'LastName', field: 'lastName', apply: set('lastName'), normalize: unplaceholder },
    { key: 'Phone', field: 'phones', apply: set('phones') },
    { key: 'Title', field: 'title', apply: set('title') },
  ];
  if (object === 'Lead') {
    fields.push({ key: 'Company', field: 'company', apply: set('company'), normalize: unplaceholder });
    fields.push({ key: 'Website', field: 'website', apply: set('website') });
    fields.push(...address(''));
  } else {
    const company = COMPANY_FIELDS.map(named).find(Boolean);
    if (company) fields.push({ key: company, field: 'company', apply: set('company') });
    const website = named(FERRY_WEBSITE_FIELD);
    if (website) fields.push({ key: website, field: 'website', apply: set('website') });
    fields.push(...address('Mailing'));
  }
  const tags = named(FERRY_TAGS_FIELD);
  if (tags) fields.push({ key: tags, field: 'tags', apply: set('tags'), normalize: (v) => v.split(/\s*;\s*/).filter(Boolean).join('; ') });
  return fields;
}
