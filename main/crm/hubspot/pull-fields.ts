import type { ContactFields } from '../../../preload/schemas/contact';
import type { ReadableField } from '../../sync/connector';
import { addressPart, writeFerryValue } from '../../mapping/write-field';

/**
 * The default HubSpot mapping (mapping.ts) read backwards. Read: the fields one
 * property carries whole. Not read, because the property does not carry the
 * Ferry field whole and writing it back would lose or invent something:
 * - `mobilephone` (which number is the mobile depends on its label),
 * - `ferry_other_emails`, `ferry_other_phones`, `ferry_other_addresses` (joined lists, labels inside),
 * - `ferry_met_at` (a date; Ferry keeps what was typed, time included),
 * - `ferry_meeting_notes` (may carry a "Met on:" line Ferry added),
 * - notes (a HubSpot note object, HTML, cut at 65,536 characters),
 * - custom fields (`ferry_cf_<slug>`: the slug does not give the name back).
 */
export const HUBSPOT_NOT_READABLE: { field: string; why: string }[] = [
  { field: 'notes', why: 'HubSpot keeps them as a note (HTML, possibly cut), not a contact property' },
  { field: 'meeting.at', why: 'HubSpot holds only the date; Ferry keeps what was typed' },
  { field: 'meeting.notes', why: 'the HubSpot property may carry a line Ferry added' },
  { field: 'custom.*', why: 'the property name does not give the field name back' },
];

const lower = (v: string): string => v.trim().toLowerCase();
const set = (field: string) => (f: ContactFields, v: string): ContactFields => writeFerryValue(f, field, v);


export function hubSpotReadableFields(): ReadableField[] {
  return [
    { key: 'email', field: 'emails', apply: set('emails'), normalize: lower },
    { key: 'firstname', field: 'firstName', apply: set('firstName') },
    { key: 'lastname', field: 'lastName', apply: set('lastName') },
    { key: 'phone', field: 'phones', apply: set('phones') },
    { key: 'company', field: 'company', apply: set('company') },
    { key: 'jobtitle', field: 'title', apply: set('title') },
    { key: 'website', field: 'website', apply: set('website') },
    { key: 'address', field: 'addresses', part: 'street', apply: addressPart('street') },
    { key: 'city', field: 'addresses', part: 'city', apply: addressPart('city') },
    { key: 'state', field: 'addresses', part: 'region', apply: addressPart('region') },
    { key: 'zip', field: 'addresses', part: 'postalCode', apply: addressPart('postalCode') },
    { key: 'country', field: 'addresses', part: 'country', apply: addressPart('country') },
    { key: 'ferry_tags', field: 'tags', apply: set('tags'), normalize: (v) => v.split(/\s*;\s*/).filter(Boolean).join('; ') },
    { key: 'ferry_met_where', field: 'meeting.place', apply: set('meeting.place') },
    { key: 'ferry_met_event', field: 'meeting.event', apply: set('meeting.event') },
  ];
}
