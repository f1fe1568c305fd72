import { address, emailLabel, field, IGNORE, KEEP, numberedPhone, type AddressPart, type Meaning, type Vocabulary } from './meaning';

/**
 * Google Contacts exports, in the layout before 2020 ("Google CSV": Name,
 * Given Name, Family Name, "E-mail 1 - Type", Group Membership) and the one
 * contacts.google.com writes now (First Name, Last Name, "E-mail 1 - Label",
 * Labels). Header lists from real exports in the corpus (roundcube
 * tests/src/Csv2vcard/gmail.csv, tine20 google_contacts.csv, agamm/rolomind
 * tests/fixtures/google.csv) and Google's own import template
 * (support.google.com/contacts/answer/15147365). Numbered families ("Phone 3 -
 * Value") are patterns; several values in one cell are joined by " ::: ".
 */
const ADDRESS_PARTS: Record<string, AddressPart> = {
  street: 'street', pobox: 'street', extendedaddress: 'street', city: 'city', region: 'region',
  postalcode: 'postalCode', country: 'country', type: 'label', label: 'label', formatted: 'formatted',
};

const numbered: NonNullable<Vocabulary['patterns']> = [
  { match: /^email(\d+)(type|label)$/, meaning: (m) => emailLabel(Number(m[1])) },
  { match: /^email(\d+)value$/, meaning: (m) => ({ kind: 'email', slot: `email${m[1]}`, part: 'value' }) },
  { match: /^phone(\d+)(type|label)$/, meaning: (m) => numberedPhone(m[1] ?? '', 'label') },
  { match: /^phone(\d+)value$/, meaning: (m) => numberedPhone(m[1] ?? '') },
  {
    match: /^address(\d+)(street|pobox|extendedaddress|city|region|postalcode|country|type|label|formatted)$/,
    meaning: (m) => address(`address${m[1]}`, ADDRESS_PARTS[m[2] ?? ''] ?? 'street'),
  },
  // Only the first organisation is the contact's company; later ones stay custom fields.
  { match: /^organization1(name|title)$/, meaning: (m): Meaning => field(m[1] === 'name' ? 'company' : 'title') },
  { match: /^organization\d+(type|yominame|symbol|location|jobdescription)$/, meaning: () => IGNORE },
  { match: /^website1value$/, meaning: () => field('website') },
  { match: /^website\d+(type|label)$/, meaning: () => IGNORE },
  { match: /^customfield(\d+)(type|label)$/, meaning: (m) => ({ kind: 'customLabel', slot: `custom${m[1]}` }) },
  { match: /^customfield(\d+)value$/, meaning: (m) => ({ kind: 'customValue', slot: `custom${m[1]}` }) },
  { match: /^im\d+(type|service|label)$/, meaning: () => IGNORE },
];

export const googleOld: Vocabulary = {
  name: 'Google Contacts (before 2020)',
  source: 'Google Contacts "Google CSV" export, old layout',
  columns: {
    'Name': field('fullName'), 'Given Name': field('firstName'), 'Additional Name': KEEP, 'Family Name': field('lastName'),
    'Yomi Name': KEEP, 'Given Name Yomi': KEEP, 'Additional Name Yomi': KEEP, 'Family Name Yomi': KEEP,
    'Name Prefix': KEEP, 'Name Suffix': KEEP, 'Initials': IGNORE, 'Nickname': KEEP, 'Short Name': KEEP, 'Maiden Name': KEEP,
    'Birthday': KEEP, 'Gender': KEEP, 'Location': KEEP, 'Billing Information': KEEP, 'Directory Server': KEEP,
    'Mileage': KEEP, 'Occupation': KEEP, 'Hobby': KEEP, 'Sensitivity': IGNORE, 'Priority': IGNORE, 'Subject': KEEP,
    'Notes': field('notes'), 'Language': KEEP, 'Photo': IGNORE, 'Group Membership': field('tags'),
  },
  patterns: numbered,
};

export const googleNew: Vocabulary = {
  name: 'Google Contacts',
  source: 'Google Contacts export, layout since 2020',
  columns: {
    'First Name': field('firstName'), 'Middle Name': KEEP, 'Last Name': field('lastName'),
    'Phonetic First Name': KEEP, 'Phonetic Middle Name': KEEP, 'Phonetic Last Name': KEEP,
    'Name Prefix': KEEP, 'Name Suffix': KEEP, 'Nickname': KEEP, 'File As': KEEP,
    'Organization Name': field('company'), 'Organization Title': field('title'), 'Organization Department': KEEP,
    'Birthday': KEEP, 'Notes': field('notes'), 'Photo': IGNORE, 'Labels': field('tags'),
  },
  patterns: numbered,
};
