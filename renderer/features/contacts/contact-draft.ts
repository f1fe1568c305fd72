import type { Contact, ContactInput } from '../../../preload/schemas/contact';

/** The form's working copy of a contact: every field as text the inputs can hold. */
export interface Draft {
  firstName: string;
  lastName: string;
  company: string;
  title: string;
  website: string;
  notes: string;
  /** comma-separated in the form */
  tags: string;
  emails: { value: string; label: string }[];
  phones: { raw: string; label: string }[];
  addresses: { label: string; street: string; city: string; region: string; postalCode: string; country: string }[];
  custom: { key: string; value: string }[];
  meeting: { at: string; place: string; event: string; notes: string };
}

export const EMPTY_DRAFT: Draft = {
  firstName: '', lastName: '', company: '', title: '', website: '', notes: '', tags: '',
  emails: [], phones: [], addresses: [], custom: [], meeting: { at: '', place: '', event: '', notes: '' },
};

/** datetime-local wants "YYYY-MM-DDTHH:mm"; stored values may be a date or a full ISO string. */
function toLocalInput(at: string | null): string {
  if (!at) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(at)) return `${at}T00:00`;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})/.exec(at);
  return m ? m[1]! : '';
}

export function draftOf(c: Contact): Draft {
  return {
    firstName: c.firstName, lastName: c.lastName, company: c.company, title: c.title, website: c.website, notes: c.notes,
    tags: c.tags.join(', '),
    emails: c.emails.map((e) => ({ value: e.value, label: e.label ?? '' })),
    phones: c.phones.map((p) => ({ raw: p.raw, label: p.label ?? '' })),
    addresses: c.addresses.map((a) => ({ label: a.label ?? '', street: a.street, city: a.city, region: a.region, postalCode: a.postalCode, country: a.country })),
    custom: Object.entries(c.customFields).map(([key, value]) => ({ key, value })),
    meeting: { at: toLocalInput(c.meeting.at), place: c.meeting.place, event: c.meeting.event, notes: c.meeting.notes },
  };
}

const withLabel = <T extends { label: string }>(x: T): Omit<T, 'label'> & { label?: string } => {
  const { label, ...rest } = x;
  return label.trim() ? { ...rest, label: label.trim() } : rest;
};

/** Every field, blank rows dropped: used for create and as a full patch for update. */
export function inputOf(d: Draft): ContactInput {
  return {
    firstName: d.firstName.trim(), lastName: d.lastName.trim(), company: d.company.trim(), title: d.title.trim(), website: d.website.trim(), notes: d.notes,
    tags: [...new Set(d.tags.split(',').map((t) => t.trim()).filter(Boolean))],
    emails: d.emails.filter((e) => e.value.trim()).map((e) => withLabel({ ...e, value: e.value.trim() })),
    phones: d.phones.filter((p) => p.raw.trim()).map((p) => withLabel({ ...p, raw: p.raw.trim() })),
    addresses: d.addresses.filter((a) => [a.street, a.city, a.region, a.postalCode, a.country].some((x) => x.trim())).map(withLabel),
    customFields: Object.fromEntries(d.custom.filter((f) => f.key.trim()).map((f) => [f.key.trim(), f.value])),
    meeting: { at: d.meeting.at || null, place: d.meeting.place, event: d.meeting.event, notes: d.meeting.notes },
  };
}

/** Problems a rep can fix before saving; main validates again. */
export function draftErrors(d: Draft): Partial<Record<'name' | 'emails' | 'custom', string>> {
  const e: Partial<Record<'name' | 'emails' | 'custom', string>> = {};
  const input = inputOf(d);
  if (!input.firstName && !input.lastName && !input.company && !(input.emails ?? []).length) e.name = 'Give the contact a name, a company or an e-mail address.';
  const bad = (input.emails ?? []).find((x) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(x.value));
  if (bad) e.emails = `"${bad.value}" does not look like an e-mail address.`;
  const keys = d.custom.map((f) => f.key.trim()).filter(Boolean);
  if (new Set(keys).size !== keys.length) e.custom = 'Each custom field needs its own name.';
  return e;
}
