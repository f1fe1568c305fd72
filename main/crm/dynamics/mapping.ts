import type { Contact } from '../../../preload/schemas/contact';
import type { Payload } from '../../sync/connector';
import { description, type FerryLine } from './description';

/**
 * A Ferry contact → the Dataverse `contact` columns Ferry writes (contact table
 * reference, learn.microsoft.com/power-apps/developer/data-platform/reference/entities/contact).
 * Every column is always present (null clears it), so clearing a value in Ferry
 * clears it in Dynamics 365. Values without a column of their own go to the
 * Description's "From Ferry" block. Pure: the payload's hash decides what is sent.
 */

/** bump when this file changes what it sends: every contact is then planned again */
export const MAPPING_VERSION = 'dynamics-mapping-1';

const EMAIL_COLUMNS = ['emailaddress1', 'emailaddress2', 'emailaddress3'] as const;
const ADDRESS_COLUMNS = ['address1', 'address2'] as const;

type Phone = Contact['phones'][number];
const phoneText = (p: Phone): string => p.e164 ?? p.raw;
const labelled = (p: Phone, pattern: RegExp): boolean => pattern.test(p.label ?? '');

/** mobile → mobilephone, home → telephone2 (Home Phone), the first other → telephone1 (Business Phone), one more → telephone3. */
function phoneColumns(phones: readonly Phone[]): { columns: Record<string, string>; rest: Phone[] } {
  const columns: Record<string, string> = {};
  const rest: Phone[] = [];
  const take = (column: string, p: Phone): boolean => {
    if (columns[column] !== undefined) return false;
    columns[column] = phoneText(p);
    return true;
  };
  const left: Phone[] = [];
  for (const p of phones) {
    if (labelled(p, /mobile|cell/i) && take('mobilephone', p)) continue;
    if (labelled(p, /home/i) && take('telephone2', p)) continue;
    left.push(p);
  }
  for (const p of left) if (!take('telephone1', p) && !take('telephone3', p)) rest.push(p);
  return { columns, rest };
}

/** The names a contact card shows: a one-word name is the last name (fullname is built from both). */
function names(c: Contact): { firstname: string | null; lastname: string | null } {
  const first = c.firstName.trim();
  const last = c.lastName.trim();
  if (last) return { firstname: first || null, lastname: last };
  if (first) return { firstname: null, lastname: first };
  const fallback = c.emails[0]?.value.split('@')[0] || c.company.trim();
  return { firstname: null, lastname: fallback || null };
}

const orNull = (s: string | undefined): string | null => (s && s.trim() ? s.trim() : null);

export function mapContact(c: Contact): Payload {
  const payload: Payload = { ...names(c), jobtitle: orNull(c.title), websiteurl: orNull(c.website) };
  const lines: FerryLine[] = [];
  EMAIL_COLUMNS.forEach((column, i) => { payload[column] = orNull(c.emails[i]?.value.toLowerCase()); });
  for (const e of c.emails.slice(EMAIL_COLUMNS.length)) lines.push({ label: `Other e-mail${e.label ? ` (${e.label})` : ''}`, value: e.value });
  const phones = phoneColumns(c.phones);
  for (const column of ['telephone1', 'telephone2', 'telephone3', 'mobilephone']) payload[column] = phones.columns[column] ?? null;
  for (const p of phones.rest) lines.push({ label: `Other phone${p.label ? ` (${p.label})` : ''}`, value: phoneText(p) });
  ADDRESS_COLUMNS.forEach((prefix, i) => {
    const a = c.addresses[i];
    payload[`${prefix}_line1`] = orNull(a?.street);
    payload[`${prefix}_city`] = orNull(a?.city);
    payload[`${prefix}_stateorprovince`] = orNull(a?.region);
    payload[`${prefix}_postalcode`] = orNull(a?.postalCode);
    payload[`${prefix}_country`] = orNull(a?.country);
  });
  for (const a of c.addresses.slice(ADDRESS_COLUMNS.length)) {
    const text = [a.street, a.city, a.region, a.postalCode, a.country].map((s) => s.trim()).filter(Boolean).join(', ');
    if (text) lines.push({ label: `Other address${a.label ? ` (${a.label})` : ''}`, value: text });
  }
  // a contact's company is a lookup to an account (parentcustomerid); Ferry does not create accounts
  if (c.company.trim()) lines.push({ label: 'Company', value: c.company.trim() });
  if (c.tags.length > 0) lines.push({ label: 'Tags', value: c.tags.join(', ') });
  for (const [name, value] of Object.entries(c.customFields).sort(([a], [b]) => a.localeCompare(b))) {
    if (value.trim()) lines.push({ label: `Custom field “${name}”`, value });
  }
  const m = c.meeting;
  if (m.at) lines.push({ label: 'Met on', value: m.at });
  if (m.place.trim()) lines.push({ label: 'Met at', value: m.place.trim() });
  if (m.event.trim()) lines.push({ label: 'Event', value: m.event.trim() });
  if (m.notes.trim()) lines.push({ label: 'Meeting notes', value: m.notes.trim().replace(/\s*\n\s*/g, ' / ') });
  payload.description = orNull(description(c.notes, lines));
  return payload;
}
