import type { ContactInput } from '../../preload/schemas/contact';

/**
 * Control characters have no place in a contact: a NUL or an escape code in a
 * name breaks CRM APIs, terminals and spreadsheets downstream. They are
 * removed (C0 controls, DEL, C1 controls, U+FFFE/U+FFFF). Line breaks and tabs
 * are kept where text may have several lines (notes, meeting notes, street,
 * custom fields) and become a space everywhere else.
 */
// Matching control characters is the point here.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS_EXCEPT_TAB_LF = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF]/;
const BREAKS = /[\t\n]+/g;
// eslint-disable-next-line no-control-regex
const SINGLE_LINE_DIRT = /[\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]/;

interface Sanitized {
  input: ContactInput;
  /** the fields that had invisible control characters removed, in words */
  cleaned: string[];
}

/** Whether any value of the record has a character sanitizeInput would change (most records have none). */
function line(v: string | undefined | null): boolean {
  return v === undefined || v === null || !SINGLE_LINE_DIRT.test(v);
}

function block(v: string | undefined): boolean {
  return v === undefined || !CONTROLS_EXCEPT_TAB_LF.test(v);
}

function isClean(input: ContactInput): boolean {
  if (!line(input.firstName) || !line(input.lastName) || !line(input.company) || !line(input.title) || !line(input.website)) return false;
  if (!block(input.notes)) return false;
  for (const e of input.emails ?? []) if (!line(e.value) || !line(e.label)) return false;
  for (const p of input.phones ?? []) if (!line(p.raw) || !line(p.label)) return false;
  for (const a of input.addresses ?? []) {
    if (!block(a.street) || !line(a.city) || !line(a.region) || !line(a.postalCode) || !line(a.country) || !line(a.label)) return false;
  }
  for (const t of input.tags ?? []) if (!line(t)) return false;
  for (const [k, v] of Object.entries(input.customFields ?? {})) if (!line(k) || !block(v)) return false;
  const m = input.meeting;
  return !m || (line(m.place) && line(m.event) && block(m.notes) && line(m.at));
}

export function sanitizeInput(input: ContactInput): Sanitized {
  if (isClean(input)) return { input, cleaned: [] };
  const cleaned = new Set<string>();
  const text = (value: string, what: string, multiline = false): string => {
    let out = value;
    if (CONTROLS_EXCEPT_TAB_LF.test(out)) {
      out = out.replace(CONTROLS, '');
      cleaned.add(what);
    }
    return multiline ? out : out.replace(BREAKS, ' ');
  };
  const opt = (value: string | undefined, what: string): string | undefined => (value === undefined ? undefined : text(value, what));
  const labelled = <T extends { label?: string }>(item: T, what: string): T => {
    const label = opt(item.label, what);
    return label === undefined ? item : { ...item, label };
  };
  const out: ContactInput = {
    ...input,
    ...(input.firstName !== undefined ? { firstName: text(input.firstName, 'the first name') } : {}),
    ...(input.lastName !== undefined ? { lastName: text(input.lastName, 'the last name') } : {}),
    ...(input.company !== undefined ? { company: text(input.company, 'the company') } : {}),
    ...(input.title !== undefined ? { title: text(input.title, 'the job title') } : {}),
    ...(input.website !== undefined ? { website: text(input.website, 'the website') } : {}),
    ...(input.notes !== undefined ? { notes: text(input.notes, 'the notes', true) } : {}),
  };
  if (input.emails) out.emails = input.emails.map((e) => labelled({ ...e, value: text(e.value, 'an e-mail address') }, 'an e-mail label'));
  if (input.phones) out.phones = input.phones.map((p) => labelled({ ...p, raw: text(p.raw, 'a phone number') }, 'a phone label'));
  if (input.addresses) {
    out.addresses = input.addresses.map((a) => labelled({
      ...a,
      ...(a.street !== undefined ? { street: text(a.street, 'an address', true) } : {}),
      ...(a.city !== undefined ? { city: text(a.city, 'an address') } : {}),
      ...(a.region !== undefined ? { region: text(a.region, 'an address') } : {}),
      ...(a.postalCode !== undefined ? { postalCode: text(a.postalCode, 'an address') } : {}),
      ...(a.country !== undefined ? { country: text(a.country, 'an address') } : {}),
    }, 'an address label'));
  }
  if (input.tags) out.tags = input.tags.map((t) => text(t, 'a tag'));
  if (input.customFields) {
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(input.customFields)) {
      fields[text(name, 'a custom field name')] = text(value, `the field "${name}"`, true);
    }
    out.customFields = fields;
  }
  if (input.meeting) {
    const m = input.meeting;
    out.meeting = {
      ...m,
      ...(m.place !== undefined ? { place: text(m.place, 'the meeting place') } : {}),
      ...(m.event !== undefined ? { event: text(m.event, 'the meeting event') } : {}),
      ...(m.notes !== undefined ? { notes: text(m.notes, 'the meeting notes', true) } : {}),
      ...(m.at !== undefined && m.at !== null ? { at: text(m.at, 'the meeting date') } : {}),
    };
  }
  return { input: out, cleaned: [...cleaned] };
}
