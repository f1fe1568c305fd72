import { address, email, field, IGNORE, KEEP, keepAs, phone, type Vocabulary } from './meaning';

/**
 * Tine 2.0 and EGroupware address book exports, which name columns by their
 * database fields (Addressbook_Model_Contact: n_given, n_family, org_name,
 * adr_one_street, tel_work, email, email_home; a sample is in the corpus,
 * tine20 tests/tine20/Addressbook/Import/files/import_duplicate_1.csv).
 * "title" there is the academic title (Dr.) and "role" the job title.
 */
export const tine20: Vocabulary = {
  name: 'Tine 2.0 / EGroupware',
  source: 'Tine 2.0 and EGroupware address book CSV export (database field names)',
  columns: {
    'n_given': field('firstName'), 'n_family': field('lastName'), 'n_middle': keepAs('Middle name'), 'n_prefix': keepAs('Prefix'),
    'n_suffix': keepAs('Suffix'), 'n_fn': field('fullName'), 'n_fileas': IGNORE, 'salutation': keepAs('Salutation'),
    'title': keepAs('Academic title'), 'role': field('title'), 'org_name': field('company'), 'org_unit': keepAs('Department'),
    'adr_one_street': address('work', 'street', 'work'), 'adr_one_street2': address('work', 'street', 'work'),
    'adr_one_locality': address('work', 'city', 'work'), 'adr_one_region': address('work', 'region', 'work'),
    'adr_one_postalcode': address('work', 'postalCode', 'work'), 'adr_one_countryname': address('work', 'country', 'work'),
    'adr_two_street': address('home', 'street', 'home'), 'adr_two_street2': address('home', 'street', 'home'),
    'adr_two_locality': address('home', 'city', 'home'), 'adr_two_region': address('home', 'region', 'home'),
    'adr_two_postalcode': address('home', 'postalCode', 'home'), 'adr_two_countryname': address('home', 'country', 'home'),
    'tel_work': phone('work'), 'tel_cell': phone('mobile'), 'tel_fax': phone('work fax'), 'tel_home': phone('home'),
    'tel_fax_home': phone('home fax'), 'tel_cell_private': phone('mobile'), 'tel_other': phone('other'),
    'tel_pager': phone('pager'), 'tel_car': phone('car'), 'tel_assistent': phone('assistant'),
    'email': email(1), 'email_home': email(2, 'home'), 'url': field('website'), 'url_home': KEEP, 'note': field('notes'),
    'bday': keepAs('Birthday'), 'tags': field('tags'), 'id': IGNORE,
  },
};
