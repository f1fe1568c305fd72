import type { ContactFields } from '../../../preload/schemas/contact';
import type { ReadableField } from '../../sync/connector';
import type { Connection } from '../../store/connections';

/**
 * The default Pipedrive mapping (mapping.ts) read backwards. Read: what a
 * person's own fields carry whole — the name (first and last name together),
 * every e-mail and every phone (Pipedrive keeps lists, as Ferry does). Not
 * read: everything Ferry writes into its "Ferry details" block (company, title,
 * website, addresses, tags, the meeting, custom fields, notes). The block is
 * Ferry's labelled text; a Pipedrive user's edit of it cannot be parsed back
 * into those fields without guessing (a custom field may be called "Title",
 * notes may hold a line that looks like a label), so Pipedrive never
 * overwrites them. A field the connection's mapping sends to a Pipedrive custom
 * field of its own is read from there (main/mapping/reverse.ts).
 */
const BLOCK = 'in the "Ferry details" block, Ferry\'s own text, which cannot be read back without guessing';
const IN_BLOCK = ['company', 'title', 'website', 'addresses', 'tags', 'notes', 'meeting.at', 'meeting.place', 'meeting.event', 'meeting.notes', 'custom.*'];

/** The fields not read, but for those the connection's mapping sends elsewhere (reverse.ts decides about those). */
export function pipedriveNotReadable(mapping: Connection['mapping']): { field: string; why: string }[] {
  return IN_BLOCK.filter((field) => mapping.fields[field]?.target === undefined).map((field) => ({ field, why: BLOCK }));
}

/** One e-mail or phone as the `emails`/`phones` payload keys hold them (mapping.ts ListEntry, JSON text). */
interface Entry { value: string; label: string; primary: boolean }

/**
 * A list value as JSON (what mapping.ts sends and a pull reads), or typed by a
 * rep resolving a conflict ("a@x.com, b@y.com"): its entries, primary first.
 */
function entries(text: string): Entry[] {
  const raw = text.trim();
  let list: Entry[];
  if (raw.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      list = Array.isArray(parsed)
        ? parsed.map((e: { value?: unknown; label?: unknown; primary?: unknown }) => ({ value: String(e?.value ?? '').trim(), label: typeof e?.label === 'string' ? e.label : '', primary: e?.primary === true }))
        : [];
    } catch {
      list = [];
    }
  } else {
    list = raw.split(/[,;\n]+/).map((v, i) => ({ value: v.trim(), label: '', primary: i === 0 }));
  }
  const filled = list.filter((e) => e.value !== '');
  return [...filled.filter((e) => e.primary), ...filled.filter((e) => !e.primary)];
}

const emailKey = (v: string): string => v.trim().toLowerCase();
const phoneKey = (v: string): string => v.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
const digits = (v: string): string => v.replace(/\D/g, '');

/** Two spellings of one number: the same digits, or a national form ("(415) 555-0100", "020 7946 0018") of the E.164 Ferry sends. */
function sameNumber(a: string, b: string): boolean {
  const x = digits(a).replace(/^0+/, '');
  const y = digits(b).replace(/^0+/, '');
  if (x === y) return true;
  return Math.min(x.length, y.length) >= 6 && (x.endsWith(y) || y.endsWith(x));
}

/** The list as one comparable text: values in order, primary first (labels are Pipedrive's four words; a change of one alone is not a change). */
const listNormal = (key: (v: string) => string) => (text: string): string => entries(text).map((e) => key(e.value)).join('\n');

function applyEmails(fields: ContactFields, text: string): ContactFields {
  const next = entries(text).map((e) => fields.emails.find((mine) => emailKey(mine.value) === emailKey(e.value))
    ?? { value: e.value, ...(e.label ? { label: e.label } : {}) });
  return { ...fields, emails: next };
}

function applyPhones(fields: ContactFields, text: string): ContactFields {
  const next = entries(text).map((e) => fields.phones.find((mine) => sameNumber(mine.raw, e.value))
    ?? { raw: e.value, ...(e.label ? { label: e.label } : {}) });
  return { ...fields, phones: next };
}

/**
 * Pipedrive keeps one name; Ferry a first and a last name, both written into it
 * (mapping.ts). Read back, the part a Ferry name already has is kept where it
 * is ("Mary Ann" + "Smyth" stays so when only the last name changed); a name
 * that shares neither part is split before its last word.
 */
export function splitName(full: string, first: string, last: string): { first: string; last: string } {
  const name = full.trim().replace(/\s+/g, ' ');
  const f = first.trim();
  const l = last.trim();
  if (name === `${f} ${l}`.trim()) return { first: f, last: l };
  if (f && name.startsWith(`${f} `)) return { first: f, last: name.slice(f.length + 1) };
  if (l && name.endsWith(` ${l}`)) return { first: name.slice(0, -(l.length + 1)), last: l };
  const cut = name.lastIndexOf(' ');
  return cut < 0 ? { first: name, last: '' } : { first: name.slice(0, cut), last: name.slice(cut + 1) };
}

/**
 * The first name to take from Pipedrive's name: all before Ferry's last name when the name
 * still ends with it ("Dorothy J. Vaughan" with "Vaughan": "Dorothy J."), else splitName's.
 * Compared as "all but the last word", a change anywhere before the last word is a first-name
 * change; splitName would keep Ferry's first name when the name still starts with it and
 * apply nothing, and the next push wrote the old name back over Pipedrive's.
 */
export function takeFirstName(full: string, first: string, last: string): string {
  const name = full.trim().replace(/\s+/g, ' ');
  const l = last.trim();
  if (l && name.endsWith(` ${l}`)) return name.slice(0, -(l.length + 1));
  return splitName(name, first, last).first;
}

export function pipedriveReadableFields(): ReadableField[] {
  return [
    // both name parts are read from Pipedrive's one name: each compares its own part (all but the last
    // word, the last word: the same cut on every side, so an echo stays an echo) under its own rule
    { key: 'name', field: 'firstName', normalize: (v) => splitName(v, '', '').first, apply: (f, v) => ({ ...f, firstName: takeFirstName(v, f.firstName, f.lastName) }) },
    { key: 'name', field: 'lastName', normalize: (v) => splitName(v, '', '').last, apply: (f, v) => ({ ...f, lastName: splitName(v, f.firstName, f.lastName).last }) },
    { key: 'emails', field: 'emails', normalize: listNormal(emailKey), apply: applyEmails },
    { key: 'phones', field: 'phones', normalize: listNormal(phoneKey), apply: applyPhones },
  ];
}
