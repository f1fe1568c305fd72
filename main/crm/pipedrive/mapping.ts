import type { Contact, StoredPhone } from '../../../preload/schemas/contact';
import type { Payload } from '../../sync/connector';

/**
 * Ferry contact → the payload of a Pipedrive person, in Ferry's own key names
 * (the account's custom-field keys are put in at send time, see person-body.ts).
 * Pure and deterministic: the engine hashes it to decide what is sent.
 *
 * Where each field lands:
 * - `name`: first and last name (Pipedrive keeps one name per person); a
 *   contact without a name is named by its e-mail, phone or company, in that order;
 * - `emails`, `phones`: Pipedrive's own lists (JSON text here), first one primary;
 * - `ferryId`: the contact's uid, in the custom field "Ferry ID" Ferry adds;
 * - `details`: everything else as a labelled block in the custom field "Ferry
 *   details" (company, title, website, addresses, tags, meeting, custom fields,
 *   notes). Pipedrive's own job title, postal address and notes exist only
 *   where contact sync is set up (the SDK's addPerson documentation), so a value
 *   sent there could vanish without an error; the block always lands.
 * - the company is not linked as an organization: Pipedrive names are not
 *   unique, so matching by name could attach the person to the wrong one; the
 *   rep links it in Pipedrive, and the company stays readable in the block.
 * Every key is always present: '' clears the value in Pipedrive.
 */

/** Most characters Ferry puts in the details block; beyond it, a visible marker (the full text stays in Ferry). */
export const MAX_DETAILS_CHARS = 65_000;

/** Pipedrive's labels for e-mails and phones (the person form offers these). */
type ListLabel = 'work' | 'home' | 'mobile' | 'other';

export interface ListEntry {
  value: string;
  label: ListLabel;
  primary: boolean;
}

const MOBILE = /\b(mobile|mobil|cell|cellular|cellphone|handy|portable|gsm)\b/i;
const HOME = /\b(home|private|personal|privat|maison)\b/i;
const WORK = /\b(work|office|business|job|direct|main)\b/i;

function listLabel(label: string | undefined, phone: boolean): ListLabel {
  const l = label ?? '';
  if (phone && MOBILE.test(l)) return 'mobile';
  if (HOME.test(l)) return 'home';
  if (WORK.test(l) || l.trim() === '') return 'work';
  return 'other';
}

const phoneText = (p: StoredPhone): string => p.e164 ?? p.raw.trim();

function block(contact: Contact): string {
  const lines: string[] = [];
  const add = (label: string, value: string | null | undefined): void => {
    const v = (value ?? '').trim();
    if (v) lines.push(`${label}: ${v.replace(/\r\n?/g, '\n')}`);
  };
  add('Company', contact.company);
  add('Title', contact.title);
  add('Website', contact.website);
  for (const a of contact.addresses) {
    const text = [a.street, a.city, a.region, a.postalCode, a.country].map((s) => s.trim()).filter(Boolean).join(', ');
    add(a.label?.trim() ? `Address (${a.label.trim()})` : 'Address', text);
  }
  add('Tags', contact.tags.map((t) => t.trim()).filter(Boolean).join('; '));
  add('Met on', contact.meeting.at);
  add('Met at', contact.meeting.place);
  add('Event', contact.meeting.event);
  add('Meeting notes', contact.meeting.notes);
  for (const name of Object.keys(contact.customFields).sort()) add(name, contact.customFields[name]);
  const notes = contact.notes.replace(/\r\n?/g, '\n').trim();
  if (notes) lines.push(`Notes:\n${notes}`);
  const whole = lines.join('\n');
  if (whole.length <= MAX_DETAILS_CHARS) return whole;
  const marker = `\n[… cut by Ferry: the full text (${whole.length.toLocaleString('en-US')} characters) is in Ferry.]`;
  return [...whole].slice(0, MAX_DETAILS_CHARS - marker.length).join('') + marker;
}

/** The name Pipedrive shows; never empty, never a placeholder. */
function personName(contact: Contact): string {
  const name = `${contact.firstName.trim()} ${contact.lastName.trim()}`.trim();
  return name || contact.emails.find((e) => e.value.trim())?.value.trim() || contact.phones.map(phoneText).find(Boolean) || contact.company.trim();
}

export function mapContact(contact: Contact): Payload {
  const emails: ListEntry[] = contact.emails.filter((e) => e.value.trim())
    .map((e, i) => ({ value: e.value.trim(), label: listLabel(e.label, false), primary: i === 0 }));
  const phones: ListEntry[] = contact.phones.filter((p) => phoneText(p))
    .map((p, i) => ({ value: phoneText(p), label: listLabel(p.label, true), primary: i === 0 }));
  return {
    name: personName(contact),
    emails: JSON.stringify(emails),
    phones: JSON.stringify(phones),
    ferryId: contact.uid,
    details: block(contact),
  };
}
