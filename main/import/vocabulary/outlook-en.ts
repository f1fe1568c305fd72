import { outlookVocabulary } from './outlook-fields';

/**
 * Outlook (English). Headers as Outlook for Windows writes them and as
 * Microsoft lists them in "Create or edit .csv files to import into Outlook"
 * (support.microsoft.com, 4518d70d-8fe9-46ad-94fa-1494247193c7); Exchange's
 * importer (OutlookCsvLanguageSelect, en-us) reads the same names. Older
 * versions write "Business Country" without "/Region".
 */
export const outlookEnglish = outlookVocabulary('Outlook (English)', 'Microsoft Outlook CSV export, en-US', {
  'Title': 'Title', 'First Name': 'FirstName', 'Middle Name': 'MiddleName', 'Last Name': 'LastName', 'Suffix': 'Suffix',
  'Nickname': 'Nickname', 'Company': 'Company', 'Department': 'Department', 'Job Title': 'JobTitle',
  'Business Street': 'BusinessStreet', 'Business Street 2': 'BusinessStreet2', 'Business Street 3': 'BusinessStreet3',
  'Business City': 'BusinessCity', 'Business State': 'BusinessState', 'Business Postal Code': 'BusinessPostalCode',
  'Business Country/Region': 'BusinessCountryOrRegion', 'Business Country': 'BusinessCountryOrRegion',
  'Business Address PO Box': 'BusinessPOBox',
  'Home Street': 'HomeStreet', 'Home Street 2': 'HomeStreet2', 'Home Street 3': 'HomeStreet3', 'Home City': 'HomeCity',
  'Home State': 'HomeState', 'Home Postal Code': 'HomePostalCode', 'Home Country/Region': 'HomeCountryOrRegion',
  'Home Country': 'HomeCountryOrRegion', 'Home Address PO Box': 'HomePOBox',
  'Other Street': 'OtherStreet', 'Other Street 2': 'OtherStreet2', 'Other Street 3': 'OtherStreet3', 'Other City': 'OtherCity',
  'Other State': 'OtherState', 'Other Postal Code': 'OtherPostalCode', 'Other Country/Region': 'OtherCountryOrRegion',
  'Other Country': 'OtherCountryOrRegion', 'Other Address PO Box': 'OtherPOBox',
  "Assistant's Phone": 'AssistantPhone', 'Business Fax': 'BusinessFax', 'Business Phone': 'BusinessPhone',
  'Business Phone 2': 'BusinessPhone2', 'Callback': 'Callback', 'Car Phone': 'CarPhone', 'Company Main Phone': 'CompanyMainPhone',
  'Home Fax': 'HomeFax', 'Home Phone': 'HomePhone', 'Home Phone 2': 'HomePhone2', 'ISDN': 'ISDN', 'Mobile Phone': 'MobilePhone',
  'Other Fax': 'OtherFax', 'Other Phone': 'OtherPhone', 'Pager': 'Pager', 'Primary Phone': 'PrimaryPhone',
  'Radio Phone': 'RadioPhone', 'TTY/TDD Phone': 'TTYOrTDDPhone', 'Telex': 'Telex',
  'E-mail Address': 'EmailAddress', 'E-mail Type': 'EmailType', 'E-mail Display Name': 'EmailDisplayName',
  'E-mail 2 Address': 'Email2Address', 'E-mail 2 Type': 'Email2Type', 'E-mail 2 Display Name': 'Email2DisplayName',
  'E-mail 3 Address': 'Email3Address', 'E-mail 3 Type': 'Email3Type', 'E-mail 3 Display Name': 'Email3DisplayName',
  'Account': 'Account', 'Anniversary': 'Anniversary', "Assistant's Name": 'AssistantName',
  'Billing Information': 'BillingInformation', 'Birthday': 'Birthday', 'Categories': 'Categories', 'Children': 'Children',
  'Directory Server': 'DirectoryServer', 'Gender': 'Gender', 'Government ID Number': 'GovernmentIDNumber', 'Hobby': 'Hobby',
  'Initials': 'Initials', 'Internet Free Busy': 'InternetFreeBusy', 'Keywords': 'Keywords', 'Language': 'Language',
  'Location': 'Location', "Manager's Name": 'ManagerName', 'Mileage': 'Mileage', 'Notes': 'Notes',
  'Office Location': 'OfficeLocation', 'Organizational ID Number': 'OrganizationalIDNumber', 'Priority': 'Priority',
  'Private': 'Private', 'Profession': 'Profession', 'Referred By': 'ReferredBy', 'Sensitivity': 'Sensitivity',
  'Spouse': 'Spouse', 'User 1': 'User1', 'User 2': 'User2', 'User 3': 'User3', 'User 4': 'User4', 'Web Page': 'WebPage',
  'Company Yomi': 'CompanyYomi', 'Given Yomi': 'GivenYomi', 'Surname Yomi': 'SurnameYomi',
});
