import { address, email, field, IGNORE, KEEP, phone, type Meaning, type Vocabulary } from './meaning';

/**
 * The fields of Outlook's CSV contact export, whatever language Outlook runs in.
 * The names follow Microsoft Exchange's own importer for these files
 * (Microsoft.Exchange.Transport.Sync.Common.ImportContacts.ImportContactProperties,
 * with one header table per Outlook language in OutlookCsvLanguageSelect); each
 * outlook-<lang>.ts maps that language's header texts to these fields.
 */
type OutlookField =
  | 'FirstName' | 'MiddleName' | 'LastName' | 'Title' | 'Suffix' | 'Nickname' | 'Company' | 'Department' | 'JobTitle'
  | 'BusinessStreet' | 'BusinessStreet2' | 'BusinessStreet3' | 'BusinessCity' | 'BusinessState' | 'BusinessPostalCode'
  | 'BusinessCountryOrRegion' | 'BusinessPOBox'
  | 'HomeStreet' | 'HomeStreet2' | 'HomeStreet3' | 'HomeCity' | 'HomeState' | 'HomePostalCode' | 'HomeCountryOrRegion' | 'HomePOBox'
  | 'OtherStreet' | 'OtherStreet2' | 'OtherStreet3' | 'OtherCity' | 'OtherState' | 'OtherPostalCode' | 'OtherCountryOrRegion' | 'OtherPOBox'
  | 'AssistantPhone' | 'BusinessFax' | 'BusinessPhone' | 'BusinessPhone2' | 'Callback' | 'CarPhone' | 'CompanyMainPhone'
  | 'HomeFax' | 'HomePhone' | 'HomePhone2' | 'ISDN' | 'MobilePhone' | 'OtherFax' | 'OtherPhone' | 'Pager' | 'PrimaryPhone'
  | 'RadioPhone' | 'TTYOrTDDPhone' | 'Telex'
  | 'EmailAddress' | 'EmailType' | 'EmailDisplayName' | 'Email2Address' | 'Email2Type' | 'Email2DisplayName'
  | 'Email3Address' | 'Email3Type' | 'Email3DisplayName'
  | 'Account' | 'Anniversary' | 'AssistantName' | 'BillingInformation' | 'Birthday' | 'Categories' | 'Children'
  | 'DirectoryServer' | 'Gender' | 'GovernmentIDNumber' | 'Hobby' | 'Initials' | 'InternetFreeBusy' | 'Keywords'
  | 'Language' | 'Location' | 'ManagerName' | 'Mileage' | 'Notes' | 'OfficeLocation' | 'OrganizationalIDNumber'
  | 'Priority' | 'Private' | 'Profession' | 'ReferredBy' | 'Sensitivity' | 'Spouse'
  | 'User1' | 'User2' | 'User3' | 'User4' | 'WebPage' | 'CompanyYomi' | 'GivenYomi' | 'SurnameYomi';

/**
 * Outlook writes the same defaults into every row ("Normal", "Unspecified",
 * "SMTP", "Ada (ada@x.example)"), so these columns say nothing about the person.
 * The honorific ("Title": Dr., Mrs.) is kept as a custom field: Ferry's title is
 * the job title.
 */
const MEANINGS: Record<OutlookField, Meaning> = {
  FirstName: field('firstName'), MiddleName: KEEP, LastName: field('lastName'), Title: KEEP, Suffix: KEEP,
  Nickname: KEEP, Company: field('company'), Department: KEEP, JobTitle: field('title'),
  BusinessStreet: address('work', 'street', 'work'), BusinessStreet2: address('work', 'street', 'work'),
  BusinessStreet3: address('work', 'street', 'work'), BusinessCity: address('work', 'city', 'work'),
  BusinessState: address('work', 'region', 'work'), BusinessPostalCode: address('work', 'postalCode', 'work'),
  BusinessCountryOrRegion: address('work', 'country', 'work'), BusinessPOBox: address('work', 'street', 'work'),
  HomeStreet: address('home', 'street', 'home'), HomeStreet2: address('home', 'street', 'home'),
  HomeStreet3: address('home', 'street', 'home'), HomeCity: address('home', 'city', 'home'),
  HomeState: address('home', 'region', 'home'), HomePostalCode: address('home', 'postalCode', 'home'),
  HomeCountryOrRegion: address('home', 'country', 'home'), HomePOBox: address('home', 'street', 'home'),
  OtherStreet: address('other', 'street', 'other'), OtherStreet2: address('other', 'street', 'other'),
  OtherStreet3: address('other', 'street', 'other'), OtherCity: address('other', 'city', 'other'),
  OtherState: address('other', 'region', 'other'), OtherPostalCode: address('other', 'postalCode', 'other'),
  OtherCountryOrRegion: address('other', 'country', 'other'), OtherPOBox: address('other', 'street', 'other'),
  AssistantPhone: phone('assistant'), BusinessFax: phone('work fax'), BusinessPhone: phone('work'),
  BusinessPhone2: phone('work'), Callback: phone('callback'), CarPhone: phone('car'), CompanyMainPhone: phone('company main'),
  HomeFax: phone('home fax'), HomePhone: phone('home'), HomePhone2: phone('home'), ISDN: phone('isdn'),
  MobilePhone: phone('mobile'), OtherFax: phone('other fax'), OtherPhone: phone('other'), Pager: phone('pager'),
  PrimaryPhone: phone('main'), RadioPhone: phone('radio'), TTYOrTDDPhone: phone('tty'), Telex: phone('telex'),
  EmailAddress: email(1), EmailType: IGNORE, EmailDisplayName: IGNORE,
  Email2Address: email(2), Email2Type: IGNORE, Email2DisplayName: IGNORE,
  Email3Address: email(3), Email3Type: IGNORE, Email3DisplayName: IGNORE,
  Account: KEEP, Anniversary: KEEP, AssistantName: KEEP, BillingInformation: KEEP, Birthday: KEEP,
  Categories: field('tags'), Children: KEEP, DirectoryServer: KEEP, Gender: IGNORE, GovernmentIDNumber: KEEP,
  Hobby: KEEP, Initials: IGNORE, InternetFreeBusy: KEEP, Keywords: KEEP, Language: KEEP, Location: KEEP,
  ManagerName: KEEP, Mileage: KEEP, Notes: field('notes'), OfficeLocation: KEEP, OrganizationalIDNumber: KEEP,
  Priority: IGNORE, Private: IGNORE, Profession: KEEP, ReferredBy: KEEP, Sensitivity: IGNORE, Spouse: KEEP,
  User1: KEEP, User2: KEEP, User3: KEEP, User4: KEEP, WebPage: field('website'),
  CompanyYomi: KEEP, GivenYomi: KEEP, SurnameYomi: KEEP,
};

/** One Outlook language's table: its header texts to Outlook's fields. */
export function outlookVocabulary(
  name: string, source: string, headers: Readonly<Record<string, OutlookField>>,
  repeated: Readonly<Record<string, readonly OutlookField[]>> = {},
): Vocabulary {
  const columns: Record<string, Meaning> = {};
  for (const [header, outlookField] of Object.entries(headers)) columns[header] = MEANINGS[outlookField];
  const again: Record<string, Meaning[]> = {};
  for (const [header, fields] of Object.entries(repeated)) again[header] = fields.map((f) => MEANINGS[f]);
  return { name, source, columns, repeated: again };
}
