import { address, email, field, KEEP, phone, type Vocabulary } from './meaning';

/**
 * Apple Contacts has no CSV export of its own (it writes vCards); the CSV files
 * reps bring from it are made with Numbers or an exporter app, and name their
 * columns after the fields and labels Apple Contacts shows: "Phone (iPhone)",
 * "Email (work)", "Home Street". This table follows those field names and the
 * default labels of Contacts on macOS and iOS (mobile, iPhone, home, work,
 * main, home fax, work fax, pager, other; e-mail home, work, iCloud, other).
 * No sample file written by Apple exists to check it against.
 */
const phones = ['mobile', 'iPhone', 'home', 'work', 'main', 'home fax', 'work fax', 'pager', 'other'];
const emails = ['home', 'work', 'iCloud', 'other'];

export const apple: Vocabulary = {
  name: 'Apple Contacts (CSV)',
  source: 'Apple Contacts field names as CSV exporters and Numbers write them',
  columns: {
    'First name': field('firstName'), 'Last name': field('lastName'), 'Middle name': KEEP, 'Prefix': KEEP, 'Suffix': KEEP,
    'Nickname': KEEP, 'Maiden name': KEEP, 'Phonetic first name': KEEP, 'Phonetic last name': KEEP,
    'Job title': field('title'), 'Department': KEEP, 'Company': field('company'), 'Birthday': KEEP, 'Note': field('notes'),
    'Homepage': field('website'), 'URL (homepage)': field('website'),
    ...Object.fromEntries(phones.map((label) => [`Phone (${label})`, phone(label)])),
    ...Object.fromEntries(emails.map((label, i) => [`Email (${label})`, email(i + 1, label)])),
    ...Object.fromEntries((['home', 'work', 'other'] as const).flatMap((label) => [
      [`Address (${label}) street`, address(label, 'street', label)], [`Address (${label}) city`, address(label, 'city', label)],
      [`Address (${label}) state`, address(label, 'region', label)], [`Address (${label}) ZIP`, address(label, 'postalCode', label)],
      [`Address (${label}) country`, address(label, 'country', label)],
    ])),
  },
};
