import { outlookVocabulary } from './outlook-fields';

/**
 * Outlook (Japanese). From Exchange's importer table for ja-jp
 * (OutlookCsvLanguageSelect.CreateLanguageObject_ja_jp) and Open-Xchange's
 * importCSV/outlook2010.jp_JP.properties; Japanese Outlook writes Shift_JIS.
 * Exchange reads 敬称 as the suffix and 肩書き as the honorific.
 */
export const outlookJapanese = outlookVocabulary('Outlook (Japanese)', 'Microsoft Outlook CSV export, ja-JP', {
  '肩書き': 'Title', '名': 'FirstName', 'ミドル ネーム': 'MiddleName', '姓': 'LastName', '敬称': 'Suffix',
  '会社名': 'Company', '部署': 'Department', '役職': 'JobTitle',
  '番地 (会社)': 'BusinessStreet', '住所 2 (会社)': 'BusinessStreet2', '住所 3 (会社)': 'BusinessStreet3',
  '市町村 (会社)': 'BusinessCity', '都道府県 (会社)': 'BusinessState', '郵便番号 (会社)': 'BusinessPostalCode',
  '国 (会社)/地域': 'BusinessCountryOrRegion', '会社住所私書箱': 'BusinessPOBox',
  '番地 (自宅)': 'HomeStreet', '住所 2 (自宅)': 'HomeStreet2', '住所 3 (自宅)': 'HomeStreet3', '市町村 (自宅)': 'HomeCity',
  '都道府県 (自宅)': 'HomeState', '郵便番号 (自宅)': 'HomePostalCode', '国 (自宅)/地域': 'HomeCountryOrRegion',
  '自宅住所私書箱': 'HomePOBox',
  '番地 (その他)': 'OtherStreet', '住所 2 (その他)': 'OtherStreet2', '住所 3 (その他)': 'OtherStreet3',
  '市町村 (その他)': 'OtherCity', '都道府県 (その他)': 'OtherState', '郵便番号 (その他)': 'OtherPostalCode',
  '国 (その他)/地域': 'OtherCountryOrRegion', 'その他住所私書箱': 'OtherPOBox',
  '秘書の電話': 'AssistantPhone', '会社 FAX': 'BusinessFax', '会社電話': 'BusinessPhone', '会社電話 2': 'BusinessPhone2',
  'コールバック': 'Callback', '自動車電話': 'CarPhone', '会社代表電話': 'CompanyMainPhone', '自宅 FAX': 'HomeFax',
  '自宅電話': 'HomePhone', '自宅電話 2': 'HomePhone2', 'ISDN': 'ISDN', '携帯電話': 'MobilePhone', 'その他の FAX': 'OtherFax',
  'その他の電話': 'OtherPhone', 'ポケットベル': 'Pager', '通常の電話': 'PrimaryPhone', '無線電話': 'RadioPhone',
  'TTY/TDD': 'TTYOrTDDPhone', 'テレックス': 'Telex',
  '電子メール アドレス': 'EmailAddress', '電子メールの種類': 'EmailType', '電子メール表示名': 'EmailDisplayName',
  '電子メール 2 アドレス': 'Email2Address', '電子メール 2 の種類': 'Email2Type', '電子メール 2 表示名': 'Email2DisplayName',
  '電子メール 3 アドレス': 'Email3Address', '電子メール 3 の種類': 'Email3Type', '電子メール 3 表示名': 'Email3DisplayName',
  'アカウント': 'Account', '記念日': 'Anniversary', '秘書の氏名': 'AssistantName', '支払い条件': 'BillingInformation',
  '誕生日': 'Birthday', '分類': 'Categories', '子供': 'Children', 'ディレクトリ サーバー': 'DirectoryServer', '性別': 'Gender',
  'ID 番号': 'GovernmentIDNumber', '趣味': 'Hobby', 'イニシャル': 'Initials', 'インターネット空き時間情報': 'InternetFreeBusy',
  'キーワード': 'Keywords', '言語': 'Language', '場所': 'Location', 'マネージャー': 'ManagerName', '経費情報': 'Mileage',
  'メモ': 'Notes', '事業所': 'OfficeLocation', '優先度': 'Priority', 'プライベート': 'Private', '職業': 'Profession',
  '参照事項': 'ReferredBy', '秘密度': 'Sensitivity', '配偶者': 'Spouse', 'ユーザー 1': 'User1', 'ユーザー 2': 'User2',
  'ユーザー 3': 'User3', 'ユーザー 4': 'User4', 'Web ページ': 'WebPage', '会社名フリガナ': 'CompanyYomi',
  '名前フリガナ': 'GivenYomi', '姓フリガナ': 'SurnameYomi',
});
