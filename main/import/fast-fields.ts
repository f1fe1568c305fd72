import { contactInputSchema, MAX_FIELD_CHARS, MAX_NOTES_CHARS, type ContactFields, type ContactInput } from '../../preload/schemas/contact';

/**
 * The contact schema's answer for the common record, without running zod: a
 * CSV row read by rowToInput has every field, of the right type, and is
 * nearly always within the limits. For such a record the schema would return
 * it unchanged but for trimming e-mails and tags, which is done here; any
 * record this does not vouch for goes through the schema (validate.ts). A
 * 100,000-row import spends a third of a second less in validation.
 *
 * Invariant: fastFields(x) is either null or contactInputSchema.parse(x),
 * key order included (JSON.stringify gives the same text). tests/unit/import-fast-fields.test.ts checks it
 * on generated records; the key list below must be the schema's, which is
 * checked when this module loads (a new field turns the shortcut off).
 */
const KEYS = ['firstName', 'lastName', 'emails', 'phones', 'company', 'title', 'website', 'addresses', 'notes', 'tags',
  'customFields', 'meeting', 'source'];
const MEETING_NOTES_CHARS = MAX_FIELD_CHARS * 4;

const schemaKeys = Object.keys(contactInputSchema.shape);
export const FAST_PATH_ENABLED = schemaKeys.length === KEYS.length && KEYS.every((k) => schemaKeys.includes(k));

const isText = (v: unknown, max = MAX_FIELD_CHARS): v is string => typeof v === 'string' && v.length <= max;
const optionalText = (v: unknown): boolean => v === undefined || isText(v);
/** Every key of o is allowed and every required one is there (no array allocated: this runs per record). */
function exactKeys(o: object, allowed: readonly string[], required: readonly string[]): boolean {
  for (const k in o) if (!allowed.includes(k)) return false;
  for (const k of required) if (!(k in o)) return false;
  return true;
}
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function fastFields(input: ContactInput): ContactFields | null {
  if (!FAST_PATH_ENABLED || !exactKeys(input, KEYS, KEYS)) return null;
  const i = input as Record<string, unknown>;
  for (const k of ['firstName', 'lastName', 'company', 'title', 'website', 'source']) if (!isText(i[k])) return null;
  if (!isText(i.notes, MAX_NOTES_CHARS)) return null;
  const { emails, phones, addresses, tags, customFields, meeting } = i;
  if (!Array.isArray(emails) || emails.length > 50 || !Array.isArray(phones) || phones.length > 50) return null;
  if (!Array.isArray(addresses) || addresses.length > 20 || !Array.isArray(tags) || tags.length > 200) return null;
  // Objects are rebuilt in the schema's key order: the store compares rows as JSON text, so a record
  // read through here and one read through zod must serialise the same.
  const outEmails: { value: string; label?: string }[] = [];
  for (const e of emails as unknown[]) {
    if (!isObject(e) || !exactKeys(e, ['value', 'label'], ['value']) || typeof e.value !== 'string' || !optionalText(e.label)) return null;
    const value = e.value.trim();
    if (value.length > 320) return null;
    outEmails.push(e.label === undefined ? { value } : { value, label: e.label as string });
  }
  const outPhones: { raw: string; label?: string }[] = [];
  for (const p of phones as unknown[]) {
    if (!isObject(p) || !exactKeys(p, ['raw', 'label'], ['raw']) || !isText(p.raw, 64) || !optionalText(p.label)) return null;
    outPhones.push(p.label === undefined ? { raw: p.raw } : { raw: p.raw, label: p.label as string });
  }
  const parts = ['street', 'city', 'region', 'postalCode', 'country'];
  const outAddresses: ContactFields['addresses'] = [];
  for (const a of addresses as unknown[]) {
    if (!isObject(a) || !exactKeys(a, [...parts, 'label'], parts) || !optionalText(a.label)) return null;
    if (!parts.every((k) => isText(a[k]))) return null;
    const [street, city, region, postalCode, country] = parts.map((k) => a[k] as string) as [string, string, string, string, string];
    outAddresses.push(a.label === undefined ? { street, city, region, postalCode, country } : { label: a.label as string, street, city, region, postalCode, country });
  }
  const outTags: string[] = [];
  for (const t of tags as unknown[]) {
    if (typeof t !== 'string') return null;
    const tag = t.trim();
    if (tag.length < 1 || tag.length > 200) return null;
    outTags.push(tag);
  }
  if (!isObject(customFields)) return null;
  for (const [k, v] of Object.entries(customFields)) if (k.length < 1 || k.length > 200 || !isText(v)) return null;
  if (!isObject(meeting) || !exactKeys(meeting, ['at', 'place', 'event', 'notes'], ['at', 'place', 'event', 'notes'])) return null;
  if (!(meeting.at === null || isText(meeting.at, 64)) || !isText(meeting.place) || !isText(meeting.event) || !isText(meeting.notes, MEETING_NOTES_CHARS)) return null;
  const f = input as ContactFields;
  return {
    firstName: f.firstName, lastName: f.lastName, emails: outEmails, phones: outPhones, company: f.company, title: f.title,
    website: f.website, addresses: outAddresses, notes: f.notes, tags: outTags, customFields: { ...(customFields as Record<string, string>) },
    meeting: { at: meeting.at as string | null, place: meeting.place, event: meeting.event, notes: meeting.notes },
    source: f.source,
  };
}
