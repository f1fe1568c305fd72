import { outlookVocabulary } from './outlook-fields';

/**
 * Outlook (Dutch). From Exchange's importer table for nl-nl
 * (OutlookCsvLanguageSelect.CreateLanguageObject_nl_nl) and the Dutch Outlook
 * 2007 header in Open-Xchange's CSVContactImporterTest and
 * importCSV/outlook2007.nl_NL.properties.
 */
export const outlookDutch = outlookVocabulary('Outlook (Dutch)', 'Microsoft Outlook CSV export, nl-NL', {
  'Titel': 'Title', 'Voornaam': 'FirstName', 'Middelste naam': 'MiddleName', 'Achternaam': 'LastName',
  'Achtervoegsel': 'Suffix', 'Bedrijf': 'Company', 'Afdeling': 'Department', 'Functie': 'JobTitle',
  'Werkadres, straat': 'BusinessStreet', 'Werkadres 2, straat': 'BusinessStreet2', 'Werkadres 3, straat': 'BusinessStreet3',
  'Werkadres, plaats': 'BusinessCity', 'Werkadres, provincie': 'BusinessState', 'Werkadres, postcode': 'BusinessPostalCode',
  'Land/regio (werk)': 'BusinessCountryOrRegion', 'Werkadres, postbusnummer': 'BusinessPOBox',
  'Huisadres, straat': 'HomeStreet', 'Huisadres, straat 2': 'HomeStreet2', 'Huisadres, straat 3': 'HomeStreet3',
  'Huisadres, plaats': 'HomeCity', 'Huisadres, provincie': 'HomeState', 'Huisadres, postcode': 'HomePostalCode',
  'Land/regio (thuis)': 'HomeCountryOrRegion', 'Huisadres, postbusnummer': 'HomePOBox',
  'Ander adres, straat': 'OtherStreet', 'Ander adres, straat 2': 'OtherStreet2', 'Ander adres, straat 3': 'OtherStreet3',
  'Ander adres, plaats': 'OtherCity', 'Ander adres, provincie': 'OtherState', 'Ander adres, postcode': 'OtherPostalCode',
  'Land/regio (anders)': 'OtherCountryOrRegion', 'Ander adres, postbusnummer': 'OtherPOBox',
  'Telefoon assistent': 'AssistantPhone', 'Fax op werk': 'BusinessFax', 'Telefoon op werk': 'BusinessPhone',
  'Telefoon op werk 2': 'BusinessPhone2', 'Terugbellen': 'Callback', 'Autotelefoon': 'CarPhone',
  'Hoofdtelefoon bedrijf': 'CompanyMainPhone', 'Fax thuis': 'HomeFax', 'Telefoon thuis': 'HomePhone',
  'Telefoon thuis 2': 'HomePhone2', 'ISDN': 'ISDN', 'Mobiele telefoon': 'MobilePhone', 'Andere fax': 'OtherFax',
  'Andere telefoon': 'OtherPhone', 'Pager': 'Pager', 'Hoofdtelefoon': 'PrimaryPhone', 'Radiotelefoon': 'RadioPhone',
  'Teksttelefoon': 'TTYOrTDDPhone', 'Telex': 'Telex',
  'E-mailadres': 'EmailAddress', 'E-mailtype': 'EmailType', 'Weergavenaam voor e-mail': 'EmailDisplayName',
  'E-mailadres 2': 'Email2Address', 'E-mailtype 2': 'Email2Type', 'E-mail, weergegeven naam 2': 'Email2DisplayName',
  'E-mailadres 3': 'Email3Address', 'E-mailtype 3': 'Email3Type', 'E-mail, weergegeven naam 3': 'Email3DisplayName',
  'Account': 'Account', 'Speciale datum': 'Anniversary', 'Naam assistent': 'AssistantName',
  'Factuurinformatie': 'BillingInformation', 'Verjaardag': 'Birthday', 'Categorieën': 'Categories', 'Categorien': 'Categories',
  'Kinderen': 'Children', 'Adreslijstserver': 'DirectoryServer', 'Geslacht': 'Gender', 'Sofinummer': 'GovernmentIDNumber',
  "Hobby's": 'Hobby', 'Initialen': 'Initials', 'Internet Beschikbaarheidsinfo': 'InternetFreeBusy', 'Trefwoorden': 'Keywords',
  'Taal': 'Language', 'Locatie': 'Location', 'Naam manager': 'ManagerName', 'Reisafstand': 'Mileage', 'Notities': 'Notes',
  'Kantoorlocatie': 'OfficeLocation', 'Organisatie-id': 'OrganizationalIDNumber', 'Prioriteit': 'Priority', 'Priv': 'Private',
  'Beroep': 'Profession', 'Referentie van': 'ReferredBy', 'Gevoeligheid': 'Sensitivity', 'Partner': 'Spouse',
  'Gebruiker 1': 'User1', 'Gebruiker 2': 'User2', 'Gebruiker 3': 'User3', 'Gebruiker 4': 'User4', 'Webpagina': 'WebPage',
  'Company Yomi': 'CompanyYomi', 'Given Yomi': 'GivenYomi', 'Surname Yomi': 'SurnameYomi',
});
