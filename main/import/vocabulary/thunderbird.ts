import { address, email, field, IGNORE, KEEP, phone, type Vocabulary } from './meaning';

/**
 * Thunderbird's address book export (Tools → Export, "Comma Separated"). The
 * headers are those of Thunderbird's own import test files
 * (mozilla/releases-comm-central mailnews/import/test/unit/resources/
 * basic_csv_addressbook.csv, in the corpus) and of Roundcube's
 * tests/src/Csv2vcard/tb_plain.csv; Roundcube's export uses the same names.
 */
export const thunderbird: Vocabulary = {
  name: 'Thunderbird',
  source: 'Mozilla Thunderbird address book CSV export',
  columns: {
    'First Name': field('firstName'), 'Last Name': field('lastName'), 'Display Name': field('fullName'),
    'Nickname': KEEP, 'Primary Email': email(1), 'Secondary Email': email(2), 'Screen Name': KEEP,
    'Work Phone': phone('work'), 'Home Phone': phone('home'), 'Fax Number': phone('fax'), 'Pager Number': phone('pager'),
    'Mobile Number': phone('mobile'),
    'Home Address': address('home', 'street', 'home'), 'Home Address 2': address('home', 'street', 'home'),
    'Home City': address('home', 'city', 'home'), 'Home State': address('home', 'region', 'home'),
    'Home ZipCode': address('home', 'postalCode', 'home'), 'Home Country': address('home', 'country', 'home'),
    'Work Address': address('work', 'street', 'work'), 'Work Address 2': address('work', 'street', 'work'),
    'Work City': address('work', 'city', 'work'), 'Work State': address('work', 'region', 'work'),
    'Work ZipCode': address('work', 'postalCode', 'work'), 'Work Country': address('work', 'country', 'work'),
    'Job Title': field('title'), 'Department': KEEP, 'Organization': field('company'),
    'Web Page 1': field('website'), 'Web Page 2': KEEP, 'Birth Year': KEEP, 'Birth Month': KEEP, 'Birth Day': KEEP,
    'Custom 1': KEEP, 'Custom 2': KEEP, 'Custom 3': KEEP, 'Custom 4': KEEP, 'Notes': field('notes'),
    '': IGNORE,
  },
};
