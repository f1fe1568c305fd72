import { address, email, field, IGNORE, KEEP, keepAs, phone, type Vocabulary } from './meaning';

/**
 * Salesforce Contact and Lead exports: Data Loader and the weekly Data Export
 * write the API names (Contact and Lead in the Salesforce Object Reference:
 * FirstName, LastName, Email, Phone, MobilePhone, MailingStreet, ...); a
 * report exported as CSV writes the field labels ("Mailing Zip/Postal Code",
 * "Account Name"). Ids (Id, AccountId, OwnerId) are Salesforce's own and are
 * ignored; Description is the notes, as Ferry writes it.
 */
export const salesforce: Vocabulary = {
  name: 'Salesforce contacts or leads export',
  source: 'Salesforce Data Loader / Data Export (API names) and report export (labels)',
  columns: {
    'Id': IGNORE, 'Contact ID': IGNORE, 'Lead ID': IGNORE, 'AccountId': IGNORE, 'OwnerId': IGNORE, 'IsDeleted': IGNORE,
    'MasterRecordId': IGNORE, 'CreatedDate': IGNORE, 'CreatedById': IGNORE, 'LastModifiedDate': IGNORE,
    'LastModifiedById': IGNORE, 'SystemModstamp': IGNORE, 'LastActivityDate': IGNORE,
    'Salutation': KEEP, 'FirstName': field('firstName'), 'MiddleName': KEEP, 'LastName': field('lastName'), 'Suffix': KEEP,
    'Name': field('fullName'), 'Email': email(1), 'Phone': phone('work'), 'MobilePhone': phone('mobile'),
    'HomePhone': phone('home'), 'OtherPhone': phone('other'), 'AssistantPhone': phone('assistant'), 'Fax': phone('fax'),
    'Title': field('title'), 'Department': KEEP, 'Company': field('company'), 'Account.Name': field('company'),
    'Account Name': field('company'), 'Website': field('website'), 'Description': field('notes'),
    'LeadSource': keepAs('Lead Source'), 'Lead Source': keepAs('Lead Source'), 'Birthdate': KEEP, 'AssistantName': KEEP,
    'MailingStreet': address('mailing', 'street'), 'MailingCity': address('mailing', 'city'),
    'MailingState': address('mailing', 'region'), 'MailingPostalCode': address('mailing', 'postalCode'),
    'MailingCountry': address('mailing', 'country'),
    'OtherStreet': address('other', 'street', 'other'), 'OtherCity': address('other', 'city', 'other'),
    'OtherState': address('other', 'region', 'other'), 'OtherPostalCode': address('other', 'postalCode', 'other'),
    'OtherCountry': address('other', 'country', 'other'),
    'Street': address('mailing', 'street'), 'City': address('mailing', 'city'), 'State': address('mailing', 'region'), 'PostalCode': address('mailing', 'postalCode'),
    'Country': address('mailing', 'country'),
    'First Name': field('firstName'), 'Last Name': field('lastName'), 'Mobile': phone('mobile'),
    'Mailing Street': address('mailing', 'street'), 'Mailing City': address('mailing', 'city'),
    'Mailing State/Province': address('mailing', 'region'), 'Mailing Zip/Postal Code': address('mailing', 'postalCode'),
    'Mailing Country': address('mailing', 'country'), 'Contact Owner': KEEP, 'Lead Owner': KEEP, 'Lead Status': keepAs('Lead Status'),
    'Status': keepAs('Lead Status'), 'Industry': KEEP, 'Rating': KEEP,
  },
};
