import { outlookVocabulary } from './outlook-fields';

/**
 * Outlook (French). From Exchange's importer table for fr-fr
 * (OutlookCsvLanguageSelect.CreateLanguageObject_fr_fr) and the French Outlook
 * header in Open-Xchange's OutlookCSVContactImportTest. French Outlook calls
 * both the honorific and the job title "Titre": the first column (before
 * Prénom) is the honorific, the second (after Service) the job title. A file
 * with a single "Titre" column is read as Exchange reads it, the job title.
 */
export const outlookFrench = outlookVocabulary('Outlook (French)', 'Microsoft Outlook CSV export, fr-FR', {
  'Prénom': 'FirstName', 'Deuxième prénom': 'MiddleName', 'Nom': 'LastName', 'Suffixe': 'Suffix', 'Société': 'Company',
  'Service': 'Department', 'Titre': 'JobTitle',
  'Rue (bureau)': 'BusinessStreet', 'Rue (bureau) 2': 'BusinessStreet2', 'Rue (bureau) 3': 'BusinessStreet3',
  'Ville (bureau)': 'BusinessCity', 'Dép/Région (bureau)': 'BusinessState', 'Code postal (bureau)': 'BusinessPostalCode',
  'Pays/Région (bureau)': 'BusinessCountryOrRegion', 'B.P. professionnelle': 'BusinessPOBox',
  'Rue (domicile)': 'HomeStreet', 'Rue (domicile) 2': 'HomeStreet2', 'Rue (domicile) 3': 'HomeStreet3',
  'Ville (domicile)': 'HomeCity', 'Dép/Région (domicile)': 'HomeState', 'Code postal (domicile)': 'HomePostalCode',
  'Pays/Région (domicile)': 'HomeCountryOrRegion', 'Boîte postale du domicile': 'HomePOBox',
  'Rue (autre)': 'OtherStreet', 'Rue (autre) 2': 'OtherStreet2', 'Rue (autre) 3': 'OtherStreet3', 'Ville (autre)': 'OtherCity',
  'Dép/Région (autre)': 'OtherState', 'Code postal (autre)': 'OtherPostalCode', 'Pays/Région (autre)': 'OtherCountryOrRegion',
  'Autre boîte postale': 'OtherPOBox',
  "Téléphone de l'assistant(e)": 'AssistantPhone', 'Télécopie (bureau)': 'BusinessFax', 'Téléphone (bureau)': 'BusinessPhone',
  'Téléphone 2 (bureau)': 'BusinessPhone2', 'Rappel': 'Callback', 'Téléphone (voiture)': 'CarPhone',
  'Téléphone société': 'CompanyMainPhone', 'Télécopie (domicile)': 'HomeFax', 'Téléphone (domicile)': 'HomePhone',
  'Téléphone 2 (domicile)': 'HomePhone2', 'RNIS': 'ISDN', 'Tél. mobile': 'MobilePhone', 'Télécopie (autre)': 'OtherFax',
  'Téléphone (autre)': 'OtherPhone', 'Récepteur de radiomessagerie': 'Pager', 'Téléphone principal': 'PrimaryPhone',
  'Radio téléphone': 'RadioPhone', 'Téléphone TDD/TTY': 'TTYOrTDDPhone', 'Télex': 'Telex',
  'Adresse de messagerie': 'EmailAddress', 'Type de messagerie': 'EmailType',
  "Nom complet de l'adresse de messagerie": 'EmailDisplayName', 'Adresse de messagerie 2': 'Email2Address',
  'Type de messagerie 2': 'Email2Type', "Nom complet de l'adresse de messagerie 2": 'Email2DisplayName',
  'Adresse de messagerie 3': 'Email3Address', 'Type de messagerie 3': 'Email3Type',
  "Nom complet de l'adresse de messagerie 3": 'Email3DisplayName',
  'Compte': 'Account', 'Anniversaire de mariage ou fête': 'Anniversary', "Nom de l'assistant(e)": 'AssistantName',
  'Informations facturation': 'BillingInformation', 'Anniversaire': 'Birthday', 'Catégories': 'Categories',
  'Enfants': 'Children', "Serveur d'annuaire": 'DirectoryServer', 'Sexe': 'Gender', 'Code gouvernement': 'GovernmentIDNumber',
  'Passe-temps': 'Hobby', 'Initiales': 'Initials', 'Disponibilité Internet': 'InternetFreeBusy', 'Mots clés': 'Keywords',
  'Langue': 'Language', 'Emplacement': 'Location', 'Responsable': 'ManagerName', 'Kilométrage': 'Mileage', 'Notes': 'Notes',
  'Bureau': 'OfficeLocation', "Numéro d'identification de l'organisation": 'OrganizationalIDNumber', 'Priorité': 'Priority',
  'Privé': 'Private', 'Profession': 'Profession', 'Recommandé par': 'ReferredBy', 'Critère de diffusion': 'Sensitivity',
  'Conjoint(e)': 'Spouse', 'Utilisateur 1': 'User1', 'Utilisateur 2': 'User2', 'Utilisateur 3': 'User3',
  'Utilisateur 4': 'User4', 'Page Web': 'WebPage', 'Société Yomi': 'CompanyYomi', 'Prénom Yomi': 'GivenYomi',
  'Nom Yomi': 'SurnameYomi',
}, { 'Titre': ['Title', 'JobTitle'] });
