import { outlookVocabulary } from './outlook-fields';

/**
 * Outlook (Portuguese, Brazil). From Exchange's importer table for pt-br
 * (OutlookCsvLanguageSelect.CreateLanguageObject_pt_br), which keeps a few of
 * Outlook's English names ("Business Street", "Birthday"), and Roundcube's
 * localization/pt_BR/csv2vcard.inc.
 */
export const outlookPortugueseBrazil = outlookVocabulary('Outlook (Portuguese, Brazil)', 'Microsoft Outlook CSV export, pt-BR', {
  'Tratamento': 'Title', 'Primeiro nome': 'FirstName', 'Segundo nome': 'MiddleName', 'Sobrenome': 'LastName',
  'Sufixo': 'Suffix', 'Empresa': 'Company', 'Departamento': 'Department', 'Cargo': 'JobTitle',
  'Business Street': 'BusinessStreet', 'Rua do endereço comercial 2': 'BusinessStreet2',
  'Rua do endereço comercial 3': 'BusinessStreet3', 'Business City': 'BusinessCity', 'Business State': 'BusinessState',
  'Business Postal Code': 'BusinessPostalCode', 'País/Região da Empresa': 'BusinessCountryOrRegion',
  'Caixa postal do endereço comercial': 'BusinessPOBox',
  'Endereço residencial': 'HomeStreet', 'Endereço residencial 2': 'HomeStreet2', 'Endereço residencial 3': 'HomeStreet3',
  'Cidade do endereço residencial': 'HomeCity', 'Estado': 'HomeState', 'CEP do endereço residencial': 'HomePostalCode',
  'País/Região de Residência': 'HomeCountryOrRegion', 'Caixa postal do endereço residencial': 'HomePOBox',
  'Outro endereço': 'OtherStreet', 'Outro endereço 2': 'OtherStreet2', 'Outro endereço 3': 'OtherStreet3',
  'Cidade': 'OtherCity', 'Outro Estado': 'OtherState', 'CEP': 'OtherPostalCode', 'Outro País/Região': 'OtherCountryOrRegion',
  'Caixa postal de outro endereço': 'OtherPOBox',
  'Telefone do assistente': 'AssistantPhone', 'Fax comercial': 'BusinessFax', 'Telefone comercial': 'BusinessPhone',
  'Telefone comercial 2': 'BusinessPhone2', 'Retorno de chamada': 'Callback', 'Telefone do carro': 'CarPhone',
  'Telefone principal da empresa': 'CompanyMainPhone', 'Fax residencial': 'HomeFax', 'Telefone residencial': 'HomePhone',
  'Telefone residencial 2': 'HomePhone2', 'ISDN': 'ISDN', 'Telefone celular': 'MobilePhone', 'Celular': 'MobilePhone',
  'Outro fax': 'OtherFax', 'Outro telefone': 'OtherPhone', 'Pager': 'Pager', 'Telefone principal': 'PrimaryPhone',
  'Radiofone': 'RadioPhone', 'Telefone TTY/TDD': 'TTYOrTDDPhone', 'Telex': 'Telex',
  'E-mail Address': 'EmailAddress', 'Endereço de email': 'EmailAddress', 'Endereço de E-mail': 'EmailAddress',
  'Tipo de email': 'EmailType', 'Nome para exibição do email': 'EmailDisplayName', 'Endereço de email 2': 'Email2Address',
  'Endereço de E-mail 2': 'Email2Address', 'Tipo de email 2': 'Email2Type', 'Nome para exibição do email 2': 'Email2DisplayName',
  'Endereço de email 3': 'Email3Address', 'Endereço de E-mail 3': 'Email3Address', 'Tipo de email 3': 'Email3Type',
  'Nome para exibição do email 3': 'Email3DisplayName',
  'Conta': 'Account', 'Datas especiais': 'Anniversary', 'Nome do assistente': 'AssistantName',
  'Informações para cobrança': 'BillingInformation', 'Birthday': 'Birthday', 'Aniversário': 'Birthday',
  'Categorias': 'Categories', 'Filhos': 'Children', 'Sexo': 'Gender', 'Código do governo': 'GovernmentIDNumber',
  'Hobby': 'Hobby', 'Iniciais': 'Initials', 'Disponibilidade da Internet': 'InternetFreeBusy', 'Local': 'Location',
  'Nome do gerenciador': 'ManagerName', 'Quilometragem': 'Mileage', 'Anotações': 'Notes', 'Notas': 'Notes',
  'Sala': 'OfficeLocation', 'Prioridade': 'Priority', 'Profissão': 'Profession', 'Sensibilidade': 'Sensitivity',
  'Spouse': 'Spouse', 'Personalizado 1': 'User1', 'Personalizado 2': 'User2', 'Personalizado 3': 'User3',
  'Personalizado 4': 'User4', 'Página da Web': 'WebPage', 'Yomi (empresa)': 'CompanyYomi', 'Yomi fornecido': 'GivenYomi',
  'Yomi (sobrenome)': 'SurnameYomi',
});
