import { outlookVocabulary } from './outlook-fields';

/**
 * Outlook (Spanish). From Exchange's importer table for es-es
 * (OutlookCsvLanguageSelect.CreateLanguageObject_es_es), which keeps Outlook's
 * English names for the columns Spanish Outlook leaves untranslated ("Mobile
 * Phone", "Home Street"), and Roundcube's localization/es_ES/csv2vcard.inc
 * ("Teléfono móvil", "Departamento").
 */
export const outlookSpanish = outlookVocabulary('Outlook (Spanish)', 'Microsoft Outlook CSV export, es-ES', {
  'Nombre': 'FirstName', 'Segundo nombre': 'MiddleName', 'Apellidos': 'LastName', 'Suffix': 'Suffix', 'Sufijo': 'Suffix',
  'Title': 'Title', 'Tratamiento': 'Title', 'Organización': 'Company', 'Department': 'Department', 'Departamento': 'Department',
  'Puesto': 'JobTitle',
  'Calle del trabajo': 'BusinessStreet', 'Calle del trabajo 2': 'BusinessStreet2', 'Calle del trabajo 3': 'BusinessStreet3',
  'Ciudad de trabajo': 'BusinessCity', 'Provincia o estado de trabajo': 'BusinessState',
  'Código postal del trabajo': 'BusinessPostalCode', 'País o región del trabajo': 'BusinessCountryOrRegion',
  'Apartado postal de la dirección del trabajo': 'BusinessPOBox',
  'Home Street': 'HomeStreet', 'Home Street 2': 'HomeStreet2', 'Home Street 3': 'HomeStreet3', 'Home City': 'HomeCity',
  'Home State': 'HomeState', 'Home Postal Code': 'HomePostalCode', 'País o región del domicilio': 'HomeCountryOrRegion',
  'Apartado postal de la dirección personal': 'HomePOBox',
  'Otra calle': 'OtherStreet', 'Otra calle 2': 'OtherStreet2', 'Otra calle 3': 'OtherStreet3', 'Otra ciudad': 'OtherCity',
  'Otra provincia o estado': 'OtherState', 'Otro código postal': 'OtherPostalCode', 'Otro país o región': 'OtherCountryOrRegion',
  'Otro apartado postal': 'OtherPOBox',
  "Assistant's Phone": 'AssistantPhone', 'Business Fax': 'BusinessFax', 'Teléfono del trabajo': 'BusinessPhone',
  'Business Phone 2': 'BusinessPhone2', 'Devolución de llamada': 'Callback', 'Car Phone': 'CarPhone',
  'Número de centralita de la organización': 'CompanyMainPhone', 'Home Fax': 'HomeFax', 'Particular': 'HomePhone',
  'Home Phone 2': 'HomePhone2', 'ISDN': 'ISDN', 'Mobile Phone': 'MobilePhone', 'Teléfono móvil': 'MobilePhone',
  'Otro fax': 'OtherFax', 'Otro teléfono': 'OtherPhone', 'Pager': 'Pager', 'Buscapersonas': 'Pager',
  'Teléfono principal': 'PrimaryPhone', 'Radioteléfono': 'RadioPhone', 'Número de teletipo': 'TTYOrTDDPhone', 'Télex': 'Telex',
  'E-mail Address': 'EmailAddress', 'Dirección de correo electrónico': 'EmailAddress', 'E-mail Type': 'EmailType',
  'Nombre de pantalla de correo electrónico': 'EmailDisplayName', 'Dirección de correo electrónico 2': 'Email2Address',
  'Tipo de correo electrónico 2': 'Email2Type', 'Nombre de pantalla de correo electrónico 2': 'Email2DisplayName',
  'Dirección del correo electrónico 3': 'Email3Address', 'Dirección de correo electrónico 3': 'Email3Address',
  'Tipo de correo electrónico 3': 'Email3Type', 'Nombre de pantalla de correo electrónico 3': 'Email3DisplayName',
  'Account': 'Account', 'Anniversary': 'Anniversary', "Assistant's Name": 'AssistantName', 'Facturación': 'BillingInformation',
  'Birthday': 'Birthday', 'Categorías': 'Categories', 'Hijos': 'Children', 'Género': 'Gender',
  'Government ID Number': 'GovernmentIDNumber', 'Aficiones': 'Hobby', 'Initials': 'Initials',
  'Internet Free Busy': 'InternetFreeBusy', 'Location': 'Location', 'Nombre del director': 'ManagerName',
  'Kilometraje': 'Mileage', 'Notes': 'Notes', 'Notas': 'Notes', 'Office Location': 'OfficeLocation', 'Prioridad': 'Priority',
  'Profesión': 'Profession', 'Confidencialidad': 'Sensitivity', 'Spouse': 'Spouse', 'Usuario 1': 'User1', 'Usuario 2': 'User2',
  'Usuario 3': 'User3', 'Usuario 4': 'User4', 'Página web': 'WebPage', 'Compañía Yomi': 'CompanyYomi',
  'Yomi especificada': 'GivenYomi', 'Apellido Yomi': 'SurnameYomi',
});
