/**
 * Header detection: what each column of a CSV file means. Google Contacts
 * ("E-mail 1 - Value"), Outlook ("E-mail 2 Address", "Business Phone") and
 * hand-made spreadsheets ("email", "Surname", "Met at") all resolve to the
 * same column targets; anything unknown becomes a custom field named by its header.
 */

export type CsvLayout = 'google' | 'outlook' | 'generic';

export type AddressPart = 'street' | 'city' | 'region' | 'postalCode' | 'country' | 'label' | 'formatted';

export type ColumnTarget =
  | { kind: 'firstName' | 'lastName' | 'fullName' | 'company' | 'title' | 'notes' | 'tags' }
  | { kind: 'meetingAt' | 'meetingPlace' | 'meetingEvent' | 'meetingNotes' }
  | { kind: 'website' }
  /** slot groups a value column with its label column, e.g. "E-mail 1 - Type" + "E-mail 1 - Value" */
  | { kind: 'email' | 'phone'; slot: string; part: 'value' | 'label'; label?: string }
  | { kind: 'address'; slot: string; part: AddressPart; label?: string }
  | { kind: 'customLabel' | 'customValue'; slot: string }
  | { kind: 'custom'; name: string }
  | { kind: 'ignore' };

export interface ColumnPlan {
  layout: CsvLayout;
  targets: ColumnTarget[];
  /** true when at least one column means something other than a custom field */
  recognised: boolean;
}

/** Lower-case letters and digits only: "E-mail 1 - Value" and "email1value" are the same header. */
export function headerKey(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The prefix export-csv.ts puts on a custom field whose name would otherwise read as a known column. */
export const CUSTOM_PREFIX = 'Custom: ';

type SimpleKind = 'firstName' | 'lastName' | 'fullName' | 'company' | 'title' | 'notes' | 'tags' | 'website'
  | 'meetingAt' | 'meetingPlace' | 'meetingEvent' | 'meetingNotes';
const SIMPLE = new Map<string, SimpleKind>();
const simple = (kind: SimpleKind, ...keys: string[]): void => { for (const k of keys) SIMPLE.set(k, kind); };
simple('firstName', 'firstname', 'givenname', 'first', 'forename', 'vorname', 'prenom');
simple('lastName', 'lastname', 'familyname', 'surname', 'last', 'nachname', 'nom');
simple('fullName', 'name', 'fullname', 'displayname', 'contactname', 'contact');
simple('company', 'company', 'companyname', 'organization', 'organisation', 'org', 'organizationname',
  'organisationname', 'employer', 'firma', 'account', 'accountname');
simple('title', 'title', 'jobtitle', 'position', 'role', 'organizationtitle', 'organisationtitle');
simple('website', 'website', 'url', 'web', 'webpage', 'homepage', 'site', 'websiteurl');
simple('notes', 'notes', 'note', 'comments', 'comment');
simple('tags', 'tags', 'tag', 'labels', 'categories', 'category', 'groups', 'group', 'groupmembership', 'lists');
simple('meetingAt', 'meetingdate', 'metdate', 'datemet', 'meetingat', 'meton', 'met', 'whenmet', 'metwhen');
simple('meetingPlace', 'metat', 'meetingplace', 'wheremet', 'metwhere', 'meetinglocation', 'placemet');
simple('meetingEvent', 'event', 'meetingevent', 'conference', 'tradeshow', 'eventname');
simple('meetingNotes', 'meetingnotes', 'meetingnote');

/** Outlook's blank-form defaults: a column holding only these says nothing about the person. */
const OUTLOOK_NOISE = new Set(['emailtype', 'email2type', 'email3type', 'emaildisplayname', 'email2displayname',
  'email3displayname', 'priority', 'sensitivity', 'private', 'gender', 'initials']);

const ADDRESS_PARTS: Record<string, AddressPart> = {
  street: 'street', street2: 'street', street3: 'street', pobox: 'street', extendedaddress: 'street',
  city: 'city', region: 'region', state: 'region', postalcode: 'postalCode', countryregion: 'country',
  country: 'country', type: 'label', label: 'label', formatted: 'formatted',
};

const GENERIC_ADDRESS: Record<string, AddressPart> = {
  street: 'street', address: 'street', streetaddress: 'street', address1: 'street', addressline1: 'street',
  address2: 'street', addressline2: 'street', city: 'city', town: 'city', state: 'region', region: 'region',
  province: 'region', zip: 'postalCode', zipcode: 'postalCode', postalcode: 'postalCode', postcode: 'postalCode',
  country: 'country',
};

const PHONE_WORDS = 'phone|phonenumber|telephone|telefon|tel|mobile|mobilephone|mobilenumber|cell|cellphone|fax|pager';
const LABEL_WORDS = 'work|home|other|personal|business|office|private|main|mobile|cell';

export function detectLayout(keys: readonly string[]): CsvLayout {
  const has = (k: string): boolean => keys.includes(k);
  if (keys.some((k) => /^(email|phone)\d+value$/.test(k)) || has('groupmembership') || (has('givenname') && has('familyname'))) {
    return 'google';
  }
  const outlookish = ['businessphone', 'mobilephone', 'homephone', 'businessstreet', 'email2address', 'jobtitle'];
  if (has('emailaddress') && outlookish.some(has)) return 'outlook';
  return 'generic';
}

export function planColumns(headers: readonly string[]): ColumnPlan {
  const keys = headers.map(headerKey);
  const layout = detectLayout(keys);
  // "Title" is the honorific (Mr, Dr) when a separate job-title column exists, as in Outlook.
  const titleIsHonorific = keys.includes('jobtitle');
  const seenSimple = new Set<string>();
  const targets = headers.map((header, i): ColumnTarget => {
    const key = keys[i] ?? '';
    const target = resolve(header, key, layout, titleIsHonorific);
    // A second "Company" column must not overwrite the first: keep it as a custom field.
    if (SINGLE_VALUED.has(target.kind)) {
      if (seenSimple.has(target.kind)) return custom(header);
      seenSimple.add(target.kind);
    }
    return target;
  });
  const recognised = targets.some((t) => t.kind !== 'custom' && t.kind !== 'ignore');
  return { layout, targets, recognised };
}

/** Columns of which only the first in a file counts; notes and tags of several columns are joined. */
const SINGLE_VALUED = new Set<ColumnTarget['kind']>(['firstName', 'lastName', 'fullName', 'company', 'title', 'website',
  'meetingAt', 'meetingPlace', 'meetingEvent', 'meetingNotes']);

function custom(header: string): ColumnTarget {
  const name = header.trim();
  return name ? { kind: 'custom', name } : { kind: 'ignore' };
}

function resolve(header: string, key: string, layout: CsvLayout, titleIsHonorific: boolean): ColumnTarget {
  const trimmed = header.trim();
  if (trimmed.startsWith(CUSTOM_PREFIX.trim())) {
    const name = trimmed.slice(CUSTOM_PREFIX.trim().length).trim();
    return name ? { kind: 'custom', name } : { kind: 'ignore' };
  }
  if (key === '') return { kind: 'ignore' };
  if (key === 'title' && titleIsHonorific) return custom(header);
  if (layout === 'outlook' && OUTLOOK_NOISE.has(key)) return { kind: 'ignore' };
  if (layout === 'google' && (key === 'photo' || /^website\d+(type|label)$/.test(key))) return { kind: 'ignore' };

  const kind = SIMPLE.get(key);
  if (kind) return { kind };

  let m: RegExpMatchArray | null;
  // Google: "E-mail 1 - Type", "E-mail 1 - Value", "Phone 2 - Label"; Ferry's export: "Email 1 Label"
  if ((m = key.match(/^(email|phone)(\d+)(type|label|value)$/))) {
    return { kind: m[1] === 'email' ? 'email' : 'phone', slot: `${m[1]}${m[2]}`, part: m[3] === 'value' ? 'value' : 'label' };
  }
  if ((m = key.match(/^organization(\d+)(name|title)$/))) {
    if (m[1] !== '1') return custom(header);
    return { kind: m[2] === 'name' ? 'company' : 'title' };
  }
  if ((m = key.match(/^website(\d+)(value)?$/))) return m[1] === '1' ? { kind: 'website' } : custom(header);
  if ((m = key.match(/^customfield(\d+)(label|type|value)$/))) {
    return { kind: m[2] === 'value' ? 'customValue' : 'customLabel', slot: `custom${m[1]}` };
  }
  // Google and Ferry's export: "Address 1 - Street", "Address 1 Postal Code"
  if ((m = key.match(/^address(\d+)([a-z]+)$/))) {
    const part = ADDRESS_PARTS[m[2] ?? ''];
    if (part) return { kind: 'address', slot: `address${m[1]}`, part };
  }
  // Outlook: "Business Street", "Home Postal Code", "Other Country/Region"
  if ((m = key.match(/^(business|home|other)(street\d?|city|state|postalcode|countryregion|pobox)$/))) {
    const part = ADDRESS_PARTS[m[2] ?? ''];
    if (part) return { kind: 'address', slot: m[1] ?? '', part, label: m[1] === 'business' ? 'work' : m[1] };
  }
  // Outlook: "E-mail Address", "E-mail 2 Address"; generic: "Email", "Work Email", "email2"
  if ((m = key.match(new RegExp(`^(${LABEL_WORDS})?e?mail(\\d*)(address)?$`)))) {
    const label = m[1];
    return { kind: 'email', slot: `email${m[2] || '1'}${label ?? ''}`, part: 'value', ...(label ? { label } : {}) };
  }
  if ((m = key.match(/^e?mail(\d*)(label|type)$/))) return { kind: 'email', slot: `email${m[1] || '1'}`, part: 'label' };
  // Outlook's named phones ("Business Phone 2", "Mobile Phone") keep their header as the label.
  if ((m = key.match(new RegExp(`^(${LABEL_WORDS}|primary|companymain|car|assistants|radio|callback)?(${PHONE_WORDS})(\\d*)$`)))) {
    const word = m[2] ?? '';
    const implicit = /^(mobile|cell)/.test(word) ? 'mobile' : word === 'fax' || word === 'pager' ? word : undefined;
    const label = layout === 'outlook' ? trimmed : m[1] ?? implicit;
    // Plain "Phone 2" pairs with "Phone 2 Label"; a named phone ("Mobile Phone") is its own slot.
    const plain = m[1] === undefined && /^(phone|phonenumber|telephone|tel)$/.test(word);
    const slot = plain ? `phone${m[3] || '1'}` : `phone:${key}`;
    return { kind: 'phone', slot, part: 'value', ...(label ? { label } : {}) };
  }
  if ((m = key.match(/^phone(\d*)(label|type)$/))) return { kind: 'phone', slot: `phone${m[1] || '1'}`, part: 'label' };
  const part = GENERIC_ADDRESS[key];
  if (part) return { kind: 'address', slot: 'address', part };
  return custom(header);
}

/** True when a column with this header would be read back as the custom field of the same name. */
export function readsAsCustomField(name: string): boolean {
  const target = planColumns([name]).targets[0];
  return target?.kind === 'custom' && target.name === name;
}
