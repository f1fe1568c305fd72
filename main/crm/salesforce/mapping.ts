import type { Contact } from '../../../preload/schemas/contact';
import type { Payload } from '../../sync/connector';
import { addressesOf, addressFields, addressLine, assignPhones, phoneText } from './contact-parts';
import { countryCode, stateCode } from './address-codes';
import { description, type FerryLine } from './description';
import {
  canWrite, COMPANY_FIELDS, customFieldCandidates, FERRY_ID_FIELD, FERRY_TAGS_FIELD, FERRY_WEBSITE_FIELD, NO_ORG_FIELDS, textFieldFor, type OrgFields,
} from './org-fields';

/**
 * Ferry contact → Salesforce Contact or Lead fields. Pure and deterministic for
 * a given org (what describe said): the engine hashes this payload to decide
 * what is sent, and push sends exactly these keys.
 *
 * Invariants:
 * - every value of the contact lands somewhere a Salesforce user finds it: a
 *   standard field, a Ferry custom field the org has, or a labelled line of the
 *   "From Ferry" block in Description (see the README's Salesforce section);
 * - keys are field API names; every standard key and every org field Ferry
 *   owns (Ferry_Tags__c, …) is always present, '' when empty, so clearing a
 *   value in Ferry clears it in Salesforce (push sends '' as null);
 * - LastName is never empty (Salesforce requires it): a one-word name becomes
 *   the LastName, no name at all becomes the e-mail's local part or "(unknown)";
 * - a Lead always has a Company ("(none)" when the contact has none);
 * - `Ferry_Id__c` carries the contact's uid; push drops it when the org has no
 *   such upsert key.
 */

export type SalesforceObject = 'Contact' | 'Lead';

export { FERRY_ID_FIELD } from './org-fields';
export { MAX_DESCRIPTION_CHARS } from './description';
const NO_COMPANY = '(none)';
const UNKNOWN_NAME = '(unknown)';
/** Between tags, in Ferry_Tags__c and in the Description line. */
export const TAG_SEPARATOR = '; ';

const PHONES = ['Phone', 'MobilePhone'] as const;
const CONTACT_PHONES = [...PHONES, 'HomePhone', 'OtherPhone'] as const;

/** The standard fields this mapping writes, per object; nothing else is ever cleared from an old payload. */
export const STANDARD_FIELDS: Record<SalesforceObject, readonly string[]> = {
  Contact: [
    'FirstName', 'LastName', 'Email', 'Title', 'Description', ...CONTACT_PHONES,
    ...Object.keys(addressFields('Mailing', undefined)), ...Object.keys(addressFields('Other', undefined)),
  ],
  Lead: ['FirstName', 'LastName', 'Email', 'Title', 'Description', ...PHONES, 'Company', 'Website', ...Object.keys(addressFields('', undefined))],
};

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

const labelled = (label: string, extra: string | undefined): string => (extra?.trim() ? `${label} (${extra.trim()})` : label);

function meetingLines(m: Contact['meeting']): FerryLine[] {
  return [
    { label: 'Met on', value: m.at?.trim() ?? '' },
    { label: 'Met at', value: m.place.trim() },
    { label: 'Event', value: m.event.trim() },
    { label: 'Meeting notes', value: m.notes.replace(/\r\n?/g, '\n').trim() },
  ].filter((l) => l.value);
}

/**
 * A value that goes to an org field when the org has one that takes it whole,
 * else to a Description line. `fields` always gets the key when the org has the
 * field (so a cleared value clears it); `lines` gets the value otherwise.
 */
function fieldOrLine(org: OrgFields, candidates: readonly string[], label: string, value: string, fields: Payload, lines: FerryLine[]): void {
  const field = textFieldFor(org, candidates, value);
  if (field) fields[field] = value;
  else if (value) lines.push({ label, value });
  // the org has the field but the value is too long for it: the field is cleared, the value kept in Description
  const tooLong = candidates.map((c) => org.text.get(c.toLowerCase())).find(Boolean);
  if (!field && tooLong) fields[tooLong.name] = '';
}

/** Custom fields, by name (sorted, so two names sharing a slug always resolve the same way). */
function customFields(contact: Contact, org: OrgFields, claimed: Set<string>, fields: Payload, lines: FerryLine[]): void {
  for (const name of Object.keys(contact.customFields).sort()) {
    const value = (contact.customFields[name] ?? '').trim();
    const field = customFieldCandidates(name)
      .map((c) => org.text.get(c))
      .find((f) => f && !claimed.has(f.name.toLowerCase()) && (f.length === 0 || value.length <= f.length));
    if (field) {
      claimed.add(field.name.toLowerCase());
      fields[field.name] = value;
    } else if (value) {
      lines.push({ label: `Custom field “${name.trim()}”`, value });
    }
  }
}

export function mapContact(contact: Contact, object: SalesforceObject, org: OrgFields = NO_ORG_FIELDS): Payload {
  const { first, last } = names(contact);
  const emails = contact.emails.map((e) => ({ value: e.value.trim(), label: e.label })).filter((e) => e.value);
  const phones = assignPhones(contact.phones, object);
  const [address, secondAddress, ...moreAddresses] = addressesOf(contact);
  const company = contact.company.trim();
  const website = contact.website.trim();
  const fields: Payload = {};
  const lines: FerryLine[] = meetingLines(contact.meeting);

  if (object === 'Lead') {
    Object.assign(fields, { Company: company || NO_COMPANY, Website: website }, addressFields('', address));
  } else {
    // The company also stays as text (a field when the org has one, else a
    // Description line); the Account link (AccountId) is accounts.ts's work.
    fieldOrLine(org, COMPANY_FIELDS, 'Company', company, fields, lines);
    fieldOrLine(org, [FERRY_WEBSITE_FIELD], 'Website', website, fields, lines);
    Object.assign(fields, addressFields('Mailing', address), addressFields('Other', secondAddress));
  }
  const tags = contact.tags.map((t) => t.trim()).filter(Boolean).join(TAG_SEPARATOR);
  fieldOrLine(org, [FERRY_TAGS_FIELD], 'Tags', tags, fields, lines);

  for (const e of emails.slice(1)) lines.push({ label: labelled('Other e-mail', e.label), value: e.value });
  for (const p of phones.rest) lines.push({ label: labelled('Other phone', p.label), value: phoneText(p) });
  const extraAddresses = object === 'Lead' ? [secondAddress, ...moreAddresses] : moreAddresses;
  for (const a of extraAddresses) if (a) lines.push({ label: labelled('Other address', a.label), value: addressLine(a) });
  customFields(contact, org, new Set(), fields, lines);

  const phoneFields = object === 'Lead' ? PHONES : CONTACT_PHONES;
  const standard: Payload = {
    Title: contact.title.trim(),
    ...Object.fromEntries(phoneFields.map((f) => [f, phones[f] ? phoneText(phones[f]) : ''])),
    ...fields,
  };
  applyAddressCodes(standard, org, lines);
  // field-level security: a standard field the API user may not write goes to the block
  for (const [field, value] of Object.entries(standard)) {
    if (!MOVABLE_STANDARD.has(field) || canWrite(org, field)) continue;
    delete standard[field];
    if (value) lines.push({ label: BLOCK_LABELS[field] ?? field, value });
  }
  const payload: Payload = {
    FirstName: first,
    LastName: last,
    Email: emails[0]?.value ?? '',
    ...standard,
    Description: description(contact.notes, lines),
    [FERRY_ID_FIELD]: contact.uid,
  };
  // nowhere to put the notes and the block: they stay in Ferry (never a rejected record)
  if (!canWrite(org, 'Description')) delete payload.Description;
  return payload;
}

/**
 * In an org with State and Country/Territory picklists, an address's country and
 * state are written as the org's codes (`…CountryCode`, `…StateCode`; Salesforce
 * fills the text fields from them); a value that maps to no code goes to the block.
 */
function applyAddressCodes(fields: Payload, org: OrgFields, lines: FerryLine[]): void {
  for (const [prefix, picklists] of org.addressCodes) {
    const countryText = fields[`${prefix}Country`] ?? '';
    const stateText = fields[`${prefix}State`] ?? '';
    delete fields[`${prefix}Country`];
    delete fields[`${prefix}State`];
    const labels = prefix === 'Other' ? { country: 'Other country', state: 'Other state' } : { country: 'Country', state: 'State' };
    const country = countryText ? countryCode(countryText, picklists) : undefined;
    fields[`${prefix}CountryCode`] = country ?? '';
    if (countryText && !country) lines.push({ label: labels.country, value: countryText });
    const state = stateText && country && canWrite(org, `${prefix}StateCode`) ? stateCode(stateText, country, picklists) : undefined;
    fields[`${prefix}StateCode`] = state ?? '';
    if (stateText && !state) lines.push({ label: labels.state, value: stateText });
  }
}

/** Labels of the block lines for standard fields the org does not let Ferry write. */
const BLOCK_LABELS: Record<string, string> = {
  Title: 'Title', Phone: 'Phone', MobilePhone: 'Mobile', HomePhone: 'Home phone', OtherPhone: 'Other phone', Website: 'Website',
  MailingStreet: 'Street', MailingCity: 'City', MailingState: 'State', MailingPostalCode: 'Postal code', MailingCountry: 'Country',
  OtherStreet: 'Other street', OtherCity: 'Other city', OtherState: 'Other state', OtherPostalCode: 'Other postal code', OtherCountry: 'Other country',
  Street: 'Street', City: 'City', State: 'State', PostalCode: 'Postal code', Country: 'Country',
};

/** The standard fields this org does not let Ferry write (part of the mapping key: when it changes, contacts are mapped again). */
export function lockedStandardFields(org: OrgFields): string[] {
  return [...MOVABLE_STANDARD, 'Description'].filter((f) => !canWrite(org, f)).sort();
}

/** Standard fields field-level security may hide or lock; their values can move to the block (names and e-mail cannot). */
const MOVABLE_STANDARD: ReadonlySet<string> = new Set(Object.keys(BLOCK_LABELS));

/**
 * The field values to send: '' becomes null (in the REST API a field is
 * cleared by sending null; `fieldsToNull` is SOAP only). On an update, fields
 * sent last time but gone now are cleared — only standard fields of this object
 * and org fields that still exist, so a field deleted from the org never makes
 * the record fail. On a create, empty fields are left out.
 */
export function fieldsToSend(
  payload: Payload, previous: Payload, opts: { create: boolean; object: SalesforceObject; org: OrgFields },
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  // with State and Country picklists the text fields follow the codes: never cleared on their own
  const followsCode = (key: string): boolean => /^(Mailing|Other|)(Country|State)$/.test(key) && opts.org.addressCodes.has(key.replace(/(Country|State)$/, ''));
  const clearable = (key: string): boolean => (STANDARD_FIELDS[opts.object].includes(key) && canWrite(opts.org, key) && !followsCode(key)) || opts.org.text.has(key.toLowerCase());
  if (!opts.create) for (const key of Object.keys(previous)) if (!(key in payload) && clearable(key)) out[key] = null;
  for (const [key, value] of Object.entries(payload)) {
    if (key === FERRY_ID_FIELD && !opts.org.ferryId) continue;
    // reserved keys (`__account`: the Account a Contact is linked to) are not fields
    if (key.startsWith('__')) continue;
    const v = value === null || value === '' ? null : value;
    if (v === null && opts.create) continue;
    out[key] = v;
  }
  return out;
}
