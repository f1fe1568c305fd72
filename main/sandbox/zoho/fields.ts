/**
 * The Contacts module's fields as the Fields metadata API lists them
 * (GET /crm/v8/settings/fields?module=Contacts: `api_name`, `field_label`,
 * `data_type`, `length`, `custom_field`, `unique`), for the standard fields Ferry
 * writes, with the lengths of Zoho's default layout. Custom fields are created
 * through POST /crm/v8/settings/fields?module=Contacts (create-custom-field.html:
 * at most 5 per call, at most 2 unique fields per module, text 1–255 characters).
 */
export interface FieldMeta {
  api_name: string;
  field_label: string;
  data_type: 'text' | 'textarea' | 'email' | 'phone' | 'website' | 'lookup' | 'ownerlookup' | 'datetime' | 'date' | 'integer' | 'double' | 'currency' | 'boolean' | 'picklist' | 'multiselectpicklist';
  length: number;
  /** true for system fields no one writes (Created_Time, Full_Name): field-meta.html `read_only` */
  read_only?: boolean;
  /** picklist options: `actual_value` is what the API reads and writes, `display_value` what users see */
  pick_list_values?: { display_value: string; actual_value: string }[];
  custom_field: boolean;
  /** user-defined unique ("Do not allow duplicate values"), matched case-insensitively */
  unique: boolean;
  system_mandatory: boolean;
}

const standard = (api_name: string, field_label: string, data_type: FieldMeta['data_type'], length: number, system_mandatory = false): FieldMeta =>
  ({ api_name, field_label, data_type, length, custom_field: false, unique: false, system_mandatory });
const readOnly = (api_name: string, field_label: string, data_type: FieldMeta['data_type']): FieldMeta => ({ ...standard(api_name, field_label, data_type, 120), read_only: true });
const picklist = (api_name: string, field_label: string, values: string[]): FieldMeta =>
  ({ ...standard(api_name, field_label, 'picklist', 120), pick_list_values: ['-None-', ...values].map((v) => ({ display_value: v, actual_value: v })) });

/** Lead Source's values in a new Contacts layout (Zoho CRM help, "Standard fields: Contacts"). */
const LEAD_SOURCES = ['Advertisement', 'Cold Call', 'Employee Referral', 'External Referral', 'Online Store', 'Partner', 'Public Relations', 'Sales Email Alias', 'Seminar Partner', 'Internal Seminar', 'Trade Show', 'Web Download', 'Web Research', 'Chat'];

export const STANDARD_FIELDS: readonly FieldMeta[] = [
  standard('First_Name', 'First Name', 'text', 40),
  standard('Last_Name', 'Last Name', 'text', 80, true),
  standard('Email', 'Email', 'email', 100),
  standard('Secondary_Email', 'Secondary Email', 'email', 100),
  standard('Phone', 'Phone', 'phone', 30),
  standard('Mobile', 'Mobile', 'phone', 30),
  standard('Home_Phone', 'Home Phone', 'phone', 30),
  standard('Other_Phone', 'Other Phone', 'phone', 30),
  standard('Title', 'Title', 'text', 100),
  standard('Department', 'Department', 'text', 100),
  standard('Mailing_Street', 'Mailing Street', 'text', 250),
  standard('Mailing_City', 'Mailing City', 'text', 100),
  standard('Mailing_State', 'Mailing State', 'text', 100),
  standard('Mailing_Zip', 'Mailing Zip', 'text', 30),
  standard('Mailing_Country', 'Mailing Country', 'text', 100),
  standard('Other_Street', 'Other Street', 'text', 250),
  standard('Other_City', 'Other City', 'text', 100),
  standard('Other_State', 'Other State', 'text', 100),
  standard('Other_Zip', 'Other Zip', 'text', 30),
  standard('Other_Country', 'Other Country', 'text', 100),
  standard('Description', 'Description', 'textarea', 32_000),
  standard('Assistant', 'Assistant', 'text', 100),
  standard('Date_of_Birth', 'Date of Birth', 'date', 20),
  standard('Email_Opt_Out', 'Email Opt Out', 'boolean', 5),
  picklist('Lead_Source', 'Lead Source', LEAD_SOURCES),
  readOnly('Full_Name', 'Full Name', 'text'),
  readOnly('Created_Time', 'Created Time', 'datetime'),
  readOnly('Modified_Time', 'Modified Time', 'datetime'),
];

/** Contacts' system-defined duplicate check field (upsert-records.html, "System-defined Duplicate Check Fields"). */
export const SYSTEM_DUPLICATE_CHECK_FIELDS: readonly string[] = ['Email'];

/** Zoho's api_name for a new field's label: words joined by underscores ("Ferry Id" → "Ferry_Id"). */
export function apiNameFor(label: string): string {
  return label.trim().replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

/** Most unique custom fields one module may have (create-custom-field.html). */
export const MAX_UNIQUE_FIELDS = 2;
/** Most fields one create call may carry. */
export const MAX_FIELDS_PER_CREATE = 5;
