import type { Contact, StoredPhone } from '../../../preload/schemas/contact';
import type { SalesforceObject } from './mapping';

/**
 * Which of a contact's phones and addresses fill Salesforce's standard fields,
 * and which are left over for the Description block. Pure.
 *
 * Invariant: every non-empty phone and address lands in exactly one place —
 * one standard field, or the leftovers — so none is lost and none is written twice.
 */

const MOBILE_LABEL = /\b(mobile|mobil|cell|cellular|cellphone|handy|portable|gsm)\b/i;
const HOME_LABEL = /\b(home|private|personal|privat|residence)\b/i;
const OTHER_LABEL = /\b(other|alt|alternate|alternative|additional)\b/i;

export const phoneText = (p: StoredPhone): string => p.e164 ?? p.raw.trim();

interface PhoneSlots {
  Phone?: StoredPhone;
  MobilePhone?: StoredPhone;
  /** Contact only */
  HomePhone?: StoredPhone;
  /** Contact only */
  OtherPhone?: StoredPhone;
  rest: StoredPhone[];
}

/**
 * Contact: the first mobile/cell → MobilePhone, the first home → HomePhone, the
 * first other phone not labelled "other" → Phone, then one more (preferring one
 * labelled "other") → OtherPhone. Lead (Phone and MobilePhone only): the first
 * mobile → MobilePhone, the first other phone → Phone.
 */
export function assignPhones(phones: StoredPhone[], object: SalesforceObject): PhoneSlots {
  let left = phones.filter((p) => phoneText(p));
  const take = (test: (p: StoredPhone) => boolean): StoredPhone | undefined => {
    const found = left.find(test);
    if (found) left = left.filter((p) => p !== found);
    return found;
  };
  const label = (p: StoredPhone): string => p.label ?? '';
  const slots: PhoneSlots = { rest: [] };
  const mobile = take((p) => MOBILE_LABEL.test(label(p)));
  if (mobile) slots.MobilePhone = mobile;
  if (object === 'Contact') {
    const home = take((p) => HOME_LABEL.test(label(p)));
    if (home) slots.HomePhone = home;
    const main = take((p) => !OTHER_LABEL.test(label(p)));
    if (main) slots.Phone = main;
    const other = take((p) => OTHER_LABEL.test(label(p))) ?? take(() => true);
    if (other) slots.OtherPhone = other;
  } else {
    const main = take(() => true);
    if (main) slots.Phone = main;
  }
  slots.rest = left;
  return slots;
}

interface AddressText {
  label: string;
  street: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

/** Trimmed addresses, blank ones dropped (a blank address carries nothing to send). */
export function addressesOf(contact: Pick<Contact, 'addresses'>): AddressText[] {
  return contact.addresses
    .map((a) => ({
      label: a.label?.trim() ?? '', street: a.street.trim(), city: a.city.trim(), region: a.region.trim(),
      postalCode: a.postalCode.trim(), country: a.country.trim(),
    }))
    .filter((a) => a.street || a.city || a.region || a.postalCode || a.country);
}

/** One address on one line: "1 Main St, Springfield, IL, 62701, US" (street line breaks become ", "). */
export function addressLine(a: AddressText): string {
  return [a.street.replace(/\s*\n\s*/g, ', '), a.city, a.region, a.postalCode, a.country].filter(Boolean).join(', ');
}

/** The five fields of one address under a prefix: "Mailing", "Other", or "" for a Lead's address. */
export function addressFields(prefix: 'Mailing' | 'Other' | '', a: AddressText | undefined): Record<string, string> {
  return {
    [`${prefix}Street`]: a?.street ?? '',
    [`${prefix}City`]: a?.city ?? '',
    [`${prefix}State`]: a?.region ?? '',
    [`${prefix}PostalCode`]: a?.postalCode ?? '',
    [`${prefix}Country`]: a?.country ?? '',
  };
}
