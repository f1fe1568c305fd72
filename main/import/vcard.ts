import ICAL from 'ical.js';
import type { ContactInput } from '../../preload/schemas/contact';
import { splitFullName } from './csv-row';
import { splitCards } from './vcard-lines';
import type { ImportRecord } from './types';

export const VCARD_SOURCE = 'import:vcard';

/** A jCard property reduced to what Ferry reads: name, parameters and its values as text. */
interface Prop {
  name: string;
  params: Record<string, string[]>;
  values: (string | string[])[];
}

/** Type labels that say how a value is carried, not what it is: never shown as a label. */
const TECHNICAL_TYPES = new Set(['internet', 'pref', 'voice', 'x400', 'text', 'msg']);

function asText(value: unknown): string | string[] | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((v) => (Array.isArray(v) ? v.map(String).join(',') : String(v ?? '')));
  return null;
}

/** jCard (RFC 7095): ["vcard", [[name, {params}, type, ...values], ...], [subcomponents]] */
function readProps(jcard: unknown): Prop[] {
  if (!Array.isArray(jcard) || jcard[0] !== 'vcard' || !Array.isArray(jcard[1])) throw new Error('it is not a vCard');
  const props: Prop[] = [];
  for (const raw of jcard[1] as unknown[]) {
    if (!Array.isArray(raw) || typeof raw[0] !== 'string') continue;
    const params: Record<string, string[]> = {};
    const rawParams: unknown = raw[1];
    if (rawParams && typeof rawParams === 'object') {
      for (const [k, v] of Object.entries(rawParams)) {
        params[k.toLowerCase()] = (Array.isArray(v) ? v : [v]).map((x) => String(x));
      }
    }
    const values = raw.slice(3).map(asText).filter((v) => v !== null);
    props.push({ name: raw[0].toLowerCase(), params, values });
  }
  return props;
}

function first(value: string | string[] | undefined): string {
  if (value === undefined) return '';
  return (Array.isArray(value) ? value[0] ?? '' : value).trim();
}

function component(value: string | string[] | undefined, index: number): string {
  if (value === undefined) return '';
  if (!Array.isArray(value)) return index === 0 ? value.trim() : '';
  return (value[index] ?? '').trim();
}

function labelOf(p: Prop): string | undefined {
  const types = (p.params.type ?? [])
    .flatMap((t) => t.split(','))
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== '' && !TECHNICAL_TYPES.has(t));
  return types.length > 0 ? types.join(',') : undefined;
}

/** PHOTO as bytes: base64 inline (2.1/3.0 ENCODING=b) or a data: URI (4.0). A web address is not fetched. */
export function photoBytes(p: Prop): Buffer | undefined {
  const value = first(p.values[0]).replace(/\s+/g, '');
  if (value === '') return undefined;
  const dataUri = /^data:[^,]*?(;base64)?,(.*)$/is.exec(value);
  if (dataUri) {
    return dataUri[1] ? Buffer.from(dataUri[2] ?? '', 'base64') : Buffer.from(decodeURIComponent(dataUri[2] ?? ''), 'latin1');
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return undefined;
  const bytes = Buffer.from(value, 'base64');
  return bytes.length > 0 ? bytes : undefined;
}

function propsToInput(props: Prop[]): { input: ContactInput; avatar?: Buffer } {
  const all = (name: string): Prop[] => props.filter((p) => p.name === name);
  const one = (name: string): Prop | undefined => props.find((p) => p.name === name);
  const n = one('n')?.values[0];
  let firstName = component(n, 1);
  let lastName = component(n, 0);
  const fn = first(one('fn')?.values[0]);
  if (firstName === '' && lastName === '' && fn !== '') ({ firstName, lastName } = splitFullName(fn));
  const org = one('org')?.values[0];
  const customFields: Record<string, string> = {};
  const setCustom = (key: string, value: string): void => { if (value !== '') customFields[key] = value; };
  setCustom('Department', component(org, 1));
  setCustom('Nickname', first(one('nickname')?.values[0]));
  setCustom('Birthday', first(one('bday')?.values[0]));
  setCustom('Role', first(one('role')?.values[0]));
  const urls = all('url').map((p) => first(p.values[0])).filter((u) => u !== '');
  urls.slice(1).forEach((u, i) => setCustom(`Website ${i + 2}`, u));

  const withLabel = <T extends object>(base: T, label: string | undefined): T & { label?: string } =>
    label === undefined ? base : { ...base, label };
  const photo = one('photo');
  const avatar = photo ? photoBytes(photo) : undefined;
  const input: ContactInput = {
    firstName,
    lastName,
    emails: all('email').map((p) => withLabel({ value: first(p.values[0]) }, labelOf(p))).filter((e) => e.value !== ''),
    phones: all('tel').map((p) => withLabel({ raw: first(p.values[0]).replace(/^tel:/i, '') }, labelOf(p))).filter((t) => t.raw !== ''),
    company: component(org, 0),
    title: first(one('title')?.values[0]),
    website: urls[0] ?? '',
    addresses: all('adr').map((p) => {
      const v = p.values[0];
      const street = [component(v, 2), component(v, 1), component(v, 0)].filter((s) => s !== '').join('\n');
      return withLabel({ street, city: component(v, 3), region: component(v, 4), postalCode: component(v, 5), country: component(v, 6) }, labelOf(p));
    }).filter((a) => a.street || a.city || a.region || a.postalCode || a.country),
    notes: all('note').map((p) => p.values.map((v) => (Array.isArray(v) ? v.join(',') : v)).join(',')).join('\n\n'),
    tags: all('categories').flatMap((p) => p.values.flatMap((v) => (Array.isArray(v) ? v : [v]))).map((t) => t.trim()).filter((t) => t !== ''),
    customFields,
    source: VCARD_SOURCE,
  };
  return avatar ? { input, avatar } : { input };
}

/** Reads every card of a vCard 2.1/3.0/4.0 file; a card ical.js cannot parse is reported by the line it starts on. */
export function* readVcards(text: string): Generator<ImportRecord> {
  let cards = 0;
  for (const card of splitCards(text)) {
    cards++;
    if ('error' in card) {
      yield card;
      continue;
    }
    try {
      const { input, avatar } = propsToInput(readProps(ICAL.parse(card.text) as unknown));
      yield avatar ? { line: card.line, input, avatar } : { line: card.line, input };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      yield { line: card.line, error: `The card starting on line ${card.line} could not be read: ${why}.` };
    }
  }
  if (cards === 0) {
    const empty = text.trim() === '';
    yield { line: 1, fatal: true, error: empty ? 'The file is empty: there are no contacts in it.' : 'The file has no vCards in it (no BEGIN:VCARD line).' };
  }
}

export function parseVcards(text: string): ImportRecord[] {
  return [...readVcards(text)];
}
