import type { Contact } from '../../preload/schemas/contact';
import { STANDARD_FERRY_FIELDS } from '../../preload/schemas/mapping';

/**
 * A Ferry field's value as one string, the way a remapped field sends it:
 * lists give their first entry (e-mail, phone as E.164 when Ferry could read
 * it, address on one line), tags are joined with ';' (HubSpot's and
 * Salesforce's multi-select separator), text is as the rep typed it.
 */
export function ferryValue(contact: Contact, field: string): string {
  if (field.startsWith('custom.')) return contact.customFields[field.slice('custom.'.length)] ?? '';
  switch (field) {
    case 'firstName': return contact.firstName;
    case 'lastName': return contact.lastName;
    case 'title': return contact.title;
    case 'company': return contact.company;
    case 'website': return contact.website;
    case 'notes': return contact.notes;
    case 'emails': return contact.emails.map((e) => e.value.trim()).find(Boolean) ?? '';
    case 'phones': {
      const phone = contact.phones.find((p) => (p.e164 ?? p.raw).trim());
      return phone ? (phone.e164 ?? phone.raw).trim() : '';
    }
    case 'addresses': {
      const a = contact.addresses[0];
      return a ? [a.street, a.city, a.region, a.postalCode, a.country].map((s) => s.trim()).filter(Boolean).join(', ') : '';
    }
    case 'tags': return contact.tags.map((t) => t.trim()).filter(Boolean).join(';');
    case 'meeting.at': return contact.meeting.at ?? '';
    case 'meeting.place': return contact.meeting.place;
    case 'meeting.event': return contact.meeting.event;
    case 'meeting.notes': return contact.meeting.notes;
    default: return '';
  }
}

/** The contact with `fields` emptied, so the destination's default mapping sends nothing of them. */
export function withoutFields(contact: Contact, fields: Iterable<string>): Contact {
  const c: Contact = { ...contact, meeting: { ...contact.meeting }, customFields: { ...contact.customFields } };
  for (const field of fields) {
    if (field.startsWith('custom.')) { delete c.customFields[field.slice('custom.'.length)]; continue; }
    switch (field) {
      case 'firstName': c.firstName = ''; break;
      case 'lastName': c.lastName = ''; break;
      case 'title': c.title = ''; break;
      case 'company': c.company = ''; break;
      case 'website': c.website = ''; break;
      case 'notes': c.notes = ''; break;
      case 'emails': c.emails = []; break;
      case 'phones': c.phones = []; break;
      case 'addresses': c.addresses = []; break;
      case 'tags': c.tags = []; break;
      case 'meeting.at': c.meeting.at = null; break;
      case 'meeting.place': c.meeting.place = ''; break;
      case 'meeting.event': c.meeting.event = ''; break;
      case 'meeting.notes': c.meeting.notes = ''; break;
    }
  }
  return c;
}

/** Every Ferry field of these contacts: the standard ones, then each custom field name once, sorted. */
export function ferryFieldsOf(customFieldNames: Iterable<string>): string[] {
  return [...STANDARD_FERRY_FIELDS, ...[...new Set(customFieldNames)].sort().map((n) => `custom.${n}`)];
}
