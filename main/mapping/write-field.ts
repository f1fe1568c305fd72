import type { ContactFields } from '../../preload/schemas/contact';

/**
 * The inverse of ferryValue (ferry-fields.ts): a Ferry field set from one
 * string, as a pull or a typed conflict resolution writes it. Lists change
 * their first entry only (the others, which no CRM field carries, are kept);
 * an empty value removes that first entry. Pure: returns new fields.
 */
export function writeFerryValue(fields: ContactFields, field: string, raw: string): ContactFields {
  const value = raw.trim();
  const out: ContactFields = { ...fields, meeting: { ...fields.meeting }, customFields: { ...fields.customFields } };
  if (field.startsWith('custom.')) {
    const name = field.slice('custom.'.length);
    if (value) out.customFields[name] = value;
    else delete out.customFields[name];
    return out;
  }
  switch (field) {
    case 'firstName': out.firstName = value; break;
    case 'lastName': out.lastName = value; break;
    case 'title': out.title = value; break;
    case 'company': out.company = value; break;
    case 'website': out.website = value; break;
    case 'notes': out.notes = raw; break;
    case 'emails': out.emails = replaceFirst(fields.emails, (e) => e.value.trim() !== '', value ? { ...(fields.emails[0] ?? {}), value } : null); break;
    case 'phones': out.phones = replaceFirst(fields.phones, (p) => p.raw.trim() !== '', value ? { ...(fields.phones[0] ?? {}), raw: value } : null); break;
    case 'tags': out.tags = value.split(/\s*;\s*/).map((t) => t.trim()).filter(Boolean); break;
    case 'meeting.at': out.meeting.at = value || null; break;
    case 'meeting.place': out.meeting.place = value; break;
    case 'meeting.event': out.meeting.event = value; break;
    case 'meeting.notes': out.meeting.notes = value; break;
    default: throw new Error(`Ferry cannot write the field '${field}' from one value.`);
  }
  return out;
}

/** One part of a CRM's address (a pull reads street, city… as separate keys): writes it into the first address, dropping an address left empty. */
export type AddressPart = 'street' | 'city' | 'region' | 'postalCode' | 'country';
export function addressPart(part: AddressPart) {
  return (f: ContactFields, v: string): ContactFields => {
    const [first, ...rest] = f.addresses;
    const base = first ?? { street: '', city: '', region: '', postalCode: '', country: '' };
    const next = { ...base, [part]: v.trim() };
    const empty = !next.street && !next.city && !next.region && !next.postalCode && !next.country;
    return { ...f, addresses: empty ? rest : [next, ...rest] };
  };
}

/** Fields writeFerryValue can set from one value without losing anything it cannot see. */
export const WRITABLE_FROM_ONE_VALUE = new Set(['firstName', 'lastName', 'title', 'company', 'website', 'notes', 'emails', 'phones', 'tags', 'meeting.at', 'meeting.place', 'meeting.event', 'meeting.notes']);

function replaceFirst<T>(list: readonly T[], isFilled: (item: T) => boolean, next: T | null): T[] {
  const i = list.findIndex(isFilled);
  if (i < 0) return next === null ? [...list] : [next, ...list];
  const copy = [...list];
  if (next === null) copy.splice(i, 1);
  else copy[i] = { ...list[i], ...next };
  return copy;
}
