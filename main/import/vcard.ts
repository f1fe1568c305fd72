import ICAL from 'ical.js';
import type { ContactInput } from '../../preload/schemas/contact';
import { cardText, splitCards, type CardLine, type CardText, type SplitOptions } from './vcard-lines';
import { choosePhoto } from './vcard-photo';
import type { ImportRecord } from './types';

const VCARD_SOURCE = 'import:vcard';

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

const clip = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}...` : text);

/**
 * The card's properties. ical.js reads the whole card; when it refuses it,
 * every line is read on its own and the ones it refuses are left out with a
 * warning naming the line, so one broken line never costs the person.
 */
function parseCard(card: CardText): { props: Prop[]; warnings: string[] } {
  try {
    return { props: readProps(ICAL.parse(cardText(card)) as unknown), warnings: [] };
  } catch {
    const props: Prop[] = [];
    const warnings: string[] = [];
    for (const line of card.lines) {
      try {
        props.push(...readProps(ICAL.parse(cardText(card, [line] satisfies CardLine[])) as unknown));
      } catch {
        warnings.push(`Line ${line.line} could not be read, so it was left out: "${clip(line.text)}".`);
      }
    }
    return { props, warnings };
  }
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

/**
 * A card with only FN: FN is the name as it is displayed, so it is split at
 * its last space ("Anna Maria Schmidt") and never reordered at a comma the
 * way a spreadsheet's "Schmidt, Anna" is: "URI PNG, version 4.0" stays as written.
 */
function splitDisplayName(fn: string): { firstName: string; lastName: string } {
  const name = fn.trim().replace(/\s+/g, ' ');
  const space = name.lastIndexOf(' ');
  return space < 0 ? { firstName: name, lastName: '' } : { firstName: name.slice(0, space), lastName: name.slice(space + 1) };
}

function propsToInput(props: Prop[]): { input: ContactInput; avatar?: Buffer; warnings: string[] } {
  const all = (name: string): Prop[] => props.filter((p) => p.name === name);
  const one = (name: string): Prop | undefined => props.find((p) => p.name === name);
  const n = one('n')?.values[0];
  let firstName = component(n, 1);
  let lastName = component(n, 0);
  const fn = first(one('fn')?.values[0]);
  if (firstName === '' && lastName === '' && fn !== '') ({ firstName, lastName } = splitDisplayName(fn));
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
  const photo = choosePhoto(all('photo').map((p) => first(p.values[0])));
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
  const warnings = photo.warning ? [photo.warning] : [];
  return photo.avatar ? { input, avatar: photo.avatar, warnings } : { input, warnings };
}

/** Reads every card of a vCard 2.1/3.0/4.0 file; a line of a card that cannot be read is left out with a warning. */
export function* readVcards(text: string, opts: SplitOptions = {}): Generator<ImportRecord> {
  let cards = 0;
  for (const card of splitCards(text, opts)) {
    cards++;
    if ('error' in card) {
      yield card;
      continue;
    }
    const parsed = parseCard(card);
    if (parsed.props.length === 0 && card.lines.length > 0) {
      yield { line: card.line, error: `The card starting on line ${card.line} could not be read: none of its lines are written the way vCards are.` };
      continue;
    }
    const { input, avatar, warnings } = propsToInput(parsed.props);
    const all = [...parsed.warnings, ...warnings];
    yield { line: card.line, input, ...(avatar ? { avatar } : {}), ...(all.length > 0 ? { warnings: all } : {}) };
  }
  if (cards === 0) {
    const empty = text.trim() === '';
    yield { line: 1, fatal: true, error: empty ? 'The file is empty: there are no contacts in it.' : 'The file has no vCards in it (no BEGIN:VCARD line).' };
  }
}

export function parseVcards(text: string, opts: SplitOptions = {}): ImportRecord[] {
  return [...readVcards(text, opts)];
}

/** "vCard 3.0", from the first VERSION line. */
export function vcardLayout(text: string): string {
  const version = /^\s*VERSION\s*:\s*(\S+)/im.exec(text.slice(0, 4096))?.[1];
  return version ? `vCard ${version}` : 'vCard';
}
