import { outlookVocabulary } from './outlook-fields';

/**
 * Outlook (Italian). From Exchange's importer table for it-it
 * (OutlookCsvLanguageSelect.CreateLanguageObject_it_it) and Roundcube's
 * localization/it_IT/csv2vcard.inc.
 */
export const outlookItalian = outlookVocabulary('Outlook (Italian)', 'Microsoft Outlook CSV export, it-IT', {
  'Titolo': 'Title', 'Nome': 'FirstName', 'Secondo nome': 'MiddleName', 'Cognome': 'LastName', 'Titolo straniero': 'Suffix',
  'Suffisso': 'Suffix', 'Società': 'Company', 'Reparto': 'Department', 'Posizione': 'JobTitle', 'Qualifica': 'JobTitle',
  'Via (uff.)': 'BusinessStreet', 'Via (uff.) 2': 'BusinessStreet2', 'Via (uff.) 3': 'BusinessStreet3',
  'Città (uff.)': 'BusinessCity', 'Provincia (uff.)': 'BusinessState', 'CAP (uff.)': 'BusinessPostalCode',
  'Paese (uff.)': 'BusinessCountryOrRegion', 'Indirizzo (uff.) - Casella postale': 'BusinessPOBox',
  'Via (ab.)': 'HomeStreet', 'Via (ab.) 2': 'HomeStreet2', 'Via (ab.) 3': 'HomeStreet3', 'Città (ab.)': 'HomeCity',
  'Provincia (ab.)': 'HomeState', 'CAP (ab.)': 'HomePostalCode', 'Paese (ab.)': 'HomeCountryOrRegion',
  'Indirizzo (ab.) - Casella postale': 'HomePOBox',
  'Altra via': 'OtherStreet', 'Altra via 2': 'OtherStreet2', 'Altra via 3': 'OtherStreet3', 'Altra città': 'OtherCity',
  'Altra provincia': 'OtherState', 'Altro CAP': 'OtherPostalCode', 'Altro paese': 'OtherCountryOrRegion',
  'Altro indirizzo - Casella postale': 'OtherPOBox',
  'Telefono assistente': 'AssistantPhone', 'Fax (uff.)': 'BusinessFax', 'Ufficio': 'BusinessPhone', 'Ufficio 2': 'BusinessPhone2',
  'Richiamata automatica': 'Callback', 'Telefono auto': 'CarPhone', 'Telefono principale società': 'CompanyMainPhone',
  'Fax (ab.)': 'HomeFax', 'Abitazione': 'HomePhone', 'Abitazione 2': 'HomePhone2', 'ISDN': 'ISDN', 'Cellulare': 'MobilePhone',
  'Telefono Mobile': 'MobilePhone', 'Altro fax': 'OtherFax', 'Altro telefono': 'OtherPhone', 'Cercapersone': 'Pager',
  'Telefono principale': 'PrimaryPhone', 'Radiotelefono': 'RadioPhone', 'Telefono TTY/TDD': 'TTYOrTDDPhone', 'Telex': 'Telex',
  'Telefono di Lavoro': 'BusinessPhone', 'Telefono di casa': 'HomePhone',
  'Indirizzo posta elettronica': 'EmailAddress', 'Tipo posta elettronica': 'EmailType',
  'Nome visualizzato posta elettronica': 'EmailDisplayName', 'Indirizzo posta elettronica 2': 'Email2Address',
  'Tipo posta elettronica 2': 'Email2Type', 'Nome visualizzato posta elettronica 2': 'Email2DisplayName',
  'Indirizzo posta elettronica 3': 'Email3Address', 'Tipo posta elettronica 3': 'Email3Type',
  'Nome visualizzato posta elettronica 3': 'Email3DisplayName',
  'Indirizzo E-mail': 'EmailAddress', 'Indirizzo E-mail 2': 'Email2Address', 'Indirizzo E-mail 3': 'Email3Address',
  'Account': 'Account', 'Anniversario': 'Anniversary', 'Nome assistente': 'AssistantName', 'Dati fatturazione': 'BillingInformation',
  'Compleanno': 'Birthday', 'Categorie': 'Categories', 'Figli': 'Children', 'Sesso': 'Gender',
  'Cod. Fisc./P. IVA': 'GovernmentIDNumber', 'Hobby': 'Hobby', 'Iniziali': 'Initials', 'Disponibilità Internet': 'InternetFreeBusy',
  'Luogo': 'Location', 'Nome manager': 'ManagerName', 'Indennità trasferta': 'Mileage', 'Notes': 'Notes', 'Note': 'Notes',
  'Ubicazione ufficio': 'OfficeLocation', 'Priorità': 'Priority', 'Professione': 'Profession', 'Riservatezza': 'Sensitivity',
  'Nome coniuge': 'Spouse', 'Utente 1': 'User1', 'Utente 2': 'User2', 'Utente 3': 'User3', 'Utente 4': 'User4',
  'Pagina Web': 'WebPage', 'Company Yomi': 'CompanyYomi', 'Given Yomi': 'GivenYomi', 'Surname Yomi': 'SurnameYomi',
});
