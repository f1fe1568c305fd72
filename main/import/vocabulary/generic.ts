import { address, field, IGNORE, KEEP, numberedPhone, type AddressPart, type Meaning, type SingleField, type Vocabulary } from './meaning';

/**
 * Hand-made spreadsheets and Ferry's own export ("Email 1", "Email 1 Label",
 * "Address 1 Postal Code", "Met At"): the words people use for a contact's
 * fields, in English and a few other languages, matched loosely (case, spaces
 * and punctuation do not matter). Numbered and labelled families ("Work
 * Email", "email2", "Phone (mobile)", "Home Mobile") are patterns. This table
 * is the fallback for columns no application table claims.
 */
const words = (kind: SingleField | 'notes' | 'tags', ...names: string[]): [string, Meaning][] =>
  names.map((n) => [n, field(kind)]);

const LABELS = 'work|home|other|personal|business|office|private|main|mobile|cell|primary|secondary|alternate|alternative|internet|pref';
const PHONE_WORDS = 'phone|phonenumber|telephone|telefon|tel|mobile|mobilephone|mobilenumber|cell|cellphone|fax|faxnumber|pager|pagernumber';
const PHONE_PREFIX = `${LABELS}|companymain|car|assistants|assistant|radio|callback|video|isdn|telex|tty`;

const GENERIC_ADDRESS: Record<string, AddressPart> = {
  street: 'street', address: 'street', streetaddress: 'street', address1: 'street', addressline1: 'street',
  address2: 'street', addressline2: 'street', city: 'city', town: 'city', state: 'region', region: 'region',
  province: 'region', county: 'region', zip: 'postalCode', zipcode: 'postalCode', postalcode: 'postalCode',
  postcode: 'postalCode', country: 'country',
};
const ADDRESS_PARTS: Record<string, AddressPart> = {
  street: 'street', street2: 'street', street3: 'street', pobox: 'street', city: 'city', state: 'region', region: 'region',
  postalcode: 'postalCode', zip: 'postalCode', zipcode: 'postalCode', country: 'country', countryregion: 'country',
  label: 'label', type: 'label', formatted: 'formatted',
};

function phoneLabel(prefix: string | undefined, word: string): string | undefined {
  const implicit = /^(mobile|cell)/.test(word) ? 'mobile' : /^fax/.test(word) ? 'fax' : /^pager/.test(word) ? 'pager' : undefined;
  if (prefix === undefined) return implicit;
  const named: Record<string, string> = { business: 'work', office: 'work', cell: 'mobile', assistants: 'assistant', companymain: 'company main' };
  const label = named[prefix] ?? prefix;
  return implicit && implicit !== label ? `${label} ${implicit}` : label;
}

export const generic: Vocabulary = {
  name: 'Spreadsheet',
  source: 'column names people give their own spreadsheets, and Ferry\'s CSV export',
  columns: Object.fromEntries([
    ...words('firstName', 'firstname', 'givenname', 'first', 'forename', 'vorname', 'prenom', 'prénom'),
    ...words('lastName', 'lastname', 'familyname', 'surname', 'last', 'nachname', 'nom'),
    ...words('fullName', 'name', 'fullname', 'displayname', 'contactname', 'contact', 'fn'),
    ...words('company', 'company', 'companyname', 'organization', 'organisation', 'org', 'organizationname',
      'organisationname', 'employer', 'firma', 'account', 'accountname', 'business'),
    ...words('title', 'title', 'jobtitle', 'position', 'role', 'organizationtitle', 'organisationtitle', 'job'),
    ...words('website', 'website', 'url', 'web', 'webpage', 'homepage', 'site', 'websiteurl'),
    ...words('notes', 'notes', 'note', 'comments', 'comment', 'description'),
    ...words('tags', 'tags', 'tag', 'labels', 'categories', 'category', 'groups', 'group', 'groupmembership', 'lists'),
    ...words('meetingAt', 'meetingdate', 'metdate', 'datemet', 'meetingat', 'meton', 'met', 'whenmet', 'metwhen'),
    ...words('meetingPlace', 'metat', 'meetingplace', 'wheremet', 'metwhere', 'meetinglocation', 'placemet'),
    ...words('meetingEvent', 'event', 'meetingevent', 'conference', 'tradeshow', 'eventname'),
    ...words('meetingNotes', 'meetingnotes', 'meetingnote'),
    ['department', KEEP], ['birthday', KEEP], ['nickname', KEEP], ['middlename', KEEP],
    ['id', IGNORE],
  ]),
  patterns: [
    // Ferry's export and the like: "Email 1 Label", "Phone 2 Type"
    { match: /^e?mail(\d*)(label|type)$/, meaning: (m) => ({ kind: 'email', slot: `email${m[1] || '1'}`, part: 'label' }) },
    { match: /^phone(\d*)(label|type)$/, meaning: (m) => numberedPhone(m[1] || '1', 'label') },
    // "E-mail Address", "Email 2", "Work Email", "Email Home", "Primary Email Address"
    {
      match: new RegExp(`^(${LABELS})?e?mail(\\d*)(address|addresses)?(${LABELS})?$`),
      meaning: (m) => {
        const label = m[1] ?? m[4];
        const slot = `email${m[2] || '1'}${label ?? ''}`;
        return { kind: 'email', slot, part: 'value', ...(label && !/^(primary|internet|pref)$/.test(label) ? { label } : {}) };
      },
    },
    // "Phone", "Phone 2", "Mobile Phone", "Home Mobile", "Phone (work)", "Phone Video", "Fax Number"
    {
      match: new RegExp(`^(${PHONE_PREFIX})?(${PHONE_WORDS})(\\d*)(${LABELS}|video|fax)?$`),
      meaning: (m) => {
        const word = m[2] ?? '';
        const plain = m[1] === undefined && m[4] === undefined && /^(phone|phonenumber|telephone|telefon|tel)$/.test(word);
        if (plain) return numberedPhone(m[3] || '1');
        const label = phoneLabel(m[1] ?? m[4], word) ?? word;
        return { kind: 'phone', slot: `phone:${label}`, part: 'value', label };
      },
    },
    // "Address 1 Street", "Address 1 - Postal Code"
    {
      match: /^address(\d+)(street|city|region|state|postalcode|zip|country|label|type|formatted|pobox)$/,
      meaning: (m) => address(`address${m[1]}`, ADDRESS_PARTS[m[2] ?? ''] ?? 'street'),
    },
    // "Business Street", "Home Postal Code", "Other Country/Region", "Work City"
    {
      match: /^(business|work|home|other)(street\d?|city|state|postalcode|zip|zipcode|countryregion|country|pobox)$/,
      meaning: (m) => {
        const label = m[1] === 'business' ? 'work' : m[1] ?? 'other';
        return address(label, ADDRESS_PARTS[m[2] ?? ''] ?? 'street', label);
      },
    },
    { match: /^(street|address|streetaddress|address1|addressline1|address2|addressline2|city|town|state|region|province|county|zip|zipcode|postalcode|postcode|country)$/, meaning: (m) => address('address', GENERIC_ADDRESS[m[1] ?? ''] ?? 'street') },
    { match: /^website(\d+)(value)?$/, meaning: (m) => (m[1] === '1' ? field('website') : KEEP) },
  ],
};
