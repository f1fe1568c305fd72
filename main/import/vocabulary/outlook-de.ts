import { outlookVocabulary } from './outlook-fields';

/**
 * Outlook (German). From Exchange's importer table for de-de
 * (OutlookCsvLanguageSelect.CreateLanguageObject_de_de), Open-Xchange's
 * importCSV/outlook2007.de_DE.properties, and the header of a real German
 * Outlook 2013 export (tine20 tests/.../importtest_outlook2013.csv, in the
 * corpus), which writes "Telefon (privat)" where older versions write
 * "Telefon privat" (both read the same: brackets and spaces are ignored).
 */
export const outlookGerman = outlookVocabulary('Outlook (German)', 'Microsoft Outlook CSV export, de-DE', {
  'Anrede': 'Title', 'Vorname': 'FirstName', 'Weitere Vornamen': 'MiddleName', 'Nachname': 'LastName', 'Suffix': 'Suffix',
  'Firma': 'Company', 'Abteilung': 'Department', 'Position': 'JobTitle',
  'Straße geschäftlich': 'BusinessStreet', 'Straße geschäftlich 2': 'BusinessStreet2', 'Straße geschäftlich 3': 'BusinessStreet3',
  'Ort geschäftlich': 'BusinessCity', 'Region geschäftlich': 'BusinessState', 'Postleitzahl geschäftlich': 'BusinessPostalCode',
  'Land/Region geschäftlich': 'BusinessCountryOrRegion', 'Postfach geschäftlich': 'BusinessPOBox',
  'Straße privat': 'HomeStreet', 'Straße privat 2': 'HomeStreet2', 'Straße privat 3': 'HomeStreet3', 'Ort privat': 'HomeCity',
  'Bundesland/Kanton privat': 'HomeState', 'Postleitzahl privat': 'HomePostalCode', 'Land/Region privat': 'HomeCountryOrRegion',
  'Postfach privat': 'HomePOBox',
  'Weitere Straße': 'OtherStreet', 'Weitere Straße 2': 'OtherStreet2', 'Weitere Straße 3': 'OtherStreet3',
  'Weiterer Ort': 'OtherCity', 'Weiteres/r Bundesland/Kanton': 'OtherState', 'Weitere Postleitzahl': 'OtherPostalCode',
  'Weiteres/e Land/Region': 'OtherCountryOrRegion', 'Weiteres Postfach': 'OtherPOBox',
  'Telefon Assistent': 'AssistantPhone', 'Fax geschäftlich': 'BusinessFax', 'Telefon geschäftlich': 'BusinessPhone',
  'Telefon geschäftlich 2': 'BusinessPhone2', 'Rückmeldung': 'Callback', 'Autotelefon': 'CarPhone',
  'Telefon Firma': 'CompanyMainPhone', 'Fax privat': 'HomeFax', 'Telefon privat': 'HomePhone', 'Telefon privat 2': 'HomePhone2',
  'ISDN': 'ISDN', 'Mobiltelefon': 'MobilePhone', 'Weiteres Fax': 'OtherFax', 'Weiteres Telefon': 'OtherPhone', 'Pager': 'Pager',
  'Haupttelefon': 'PrimaryPhone', 'Mobiltelefon 2': 'RadioPhone', 'Telefon für Hörbehinderte': 'TTYOrTDDPhone', 'Telex': 'Telex',
  'E-Mail-Adresse': 'EmailAddress', 'E-Mail-Typ': 'EmailType', 'E-Mail: Angezeigter Name': 'EmailDisplayName',
  'E-Mail 2: Adresse': 'Email2Address', 'E-Mail 2: Typ': 'Email2Type', 'E-Mail 2: Angezeigter Name': 'Email2DisplayName',
  'E-Mail 3: Adresse': 'Email3Address', 'E-Mail 3: Typ': 'Email3Type', 'E-Mail 3: Angezeigter Name': 'Email3DisplayName',
  'Konto': 'Account', 'Jahrestag': 'Anniversary', 'Name Assistent': 'AssistantName', 'Assistent(in)': 'AssistantName',
  'Abrechnungsinformation': 'BillingInformation', 'Geburtstag': 'Birthday', 'Kategorien': 'Categories', 'Kinder': 'Children',
  'Verzeichnisserver': 'DirectoryServer', 'Geschlecht': 'Gender', 'Regierungsnr.': 'GovernmentIDNumber', 'Hobby': 'Hobby',
  'Initialen': 'Initials', 'Internet-Frei/Gebucht': 'InternetFreeBusy', 'Stichwörter': 'Keywords', 'Sprache': 'Language',
  'Ort': 'Location', 'Name des/der Vorgesetzten': 'ManagerName', 'Name des/r Vorgesetzten': 'ManagerName',
  'Reisekilometer': 'Mileage', 'Notizen': 'Notes', 'Büro': 'OfficeLocation', 'Organisationsnr.': 'OrganizationalIDNumber',
  'Priorität': 'Priority', 'Privat': 'Private', 'Beruf': 'Profession', 'Empfohlen von': 'ReferredBy',
  'Vertraulichkeit': 'Sensitivity', 'Partner': 'Spouse', 'Benutzer 1': 'User1', 'Benutzer 2': 'User2', 'Benutzer 3': 'User3',
  'Benutzer 4': 'User4', 'Webseite': 'WebPage', 'Firma Yomi': 'CompanyYomi', 'Vorname Yomi': 'GivenYomi',
  'Nachname Yomi': 'SurnameYomi', 'Sozialversicherungsnr.': 'GovernmentIDNumber',
});
