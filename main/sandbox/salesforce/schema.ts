import { COUNTRY_VALUES, STATE_VALUES, validForOf } from './address-picklists';

/**
 * The sObjects this sandbox knows and their fields: enough of Contact, Lead and
 * Account for Ferry, described the way `GET /sobjects/{type}/describe` shows
 * them. Whether `Ferry_Id__c` exists (and is an external id) is a per-sandbox
 * setting, so both of the connector's matching paths are testable.
 */
type FieldType = 'id' | 'string' | 'email' | 'phone' | 'textarea' | 'reference' | 'datetime' | 'date' | 'picklist' | 'multipicklist' | 'boolean' | 'url' | 'double' | 'int' | 'currency';

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  length: number;
  /** false = required on create (REQUIRED_FIELD_MISSING when absent or null) */
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  custom: boolean;
  externalId: boolean;
  unique: boolean;
  /** the value a new record gets when none is sent */
  defaultValue?: string;
  /** picklist and multi-select picklist values (API names), when the field has a value set */
  picklistValues?: readonly string[];
  /**
   * "Restrict picklist to the values defined in the value set": another value is
   * refused with INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST (writes.ts). Custom
   * picklists are restricted by default; an admin may restrict standard ones.
   */
  restrictedPicklist?: boolean;
}

export type ObjectName = 'Contact' | 'Lead' | 'Account';
export const OBJECT_NAMES: readonly ObjectName[] = ['Contact', 'Lead', 'Account'];

/** The three-character key prefix of each object's ids, as in Salesforce. */
export const KEY_PREFIX: Record<ObjectName, string> = { Contact: '003', Lead: '00Q', Account: '001' };

export const FERRY_ID_FIELD = 'Ferry_Id__c';

const base = { length: 0, nillable: true, createable: true, updateable: true, custom: false, externalId: false, unique: false };
const text = (name: string, label: string, length: number, extra: Partial<FieldDef> = {}): FieldDef => ({ ...base, name, label, type: 'string', length, ...extra });
const system = (name: string, label: string, type: FieldType): FieldDef => ({ ...base, name, label, type, length: type === 'id' ? 18 : 0, nillable: name !== 'Id', createable: false, updateable: false });

const audit: FieldDef[] = [
  system('Id', 'Record ID', 'id'),
  system('CreatedDate', 'Created Date', 'datetime'),
  system('LastModifiedDate', 'Last Modified Date', 'datetime'),
  system('SystemModstamp', 'System Modstamp', 'datetime'),
  { ...system('IsDeleted', 'Deleted', 'boolean'), nillable: false },
];

const person: FieldDef[] = [
  text('FirstName', 'First Name', 40),
  text('LastName', 'Last Name', 80, { nillable: false }),
  { ...base, name: 'Email', label: 'Email', type: 'email', length: 80 },
  { ...base, name: 'Phone', label: 'Phone', type: 'phone', length: 40 },
  { ...base, name: 'MobilePhone', label: 'Mobile Phone', type: 'phone', length: 40 },
  text('Title', 'Title', 128),
  { ...base, name: 'Description', label: 'Description', type: 'textarea', length: 32_000 },
  // the default Lead Source values of a new org; this sandbox org restricted the picklist
  text('LeadSource', 'Lead Source', 255, { type: 'picklist', picklistValues: ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'], restrictedPicklist: true }),
  { ...base, name: 'HasOptedOutOfEmail', label: 'Email Opt Out', type: 'boolean' },
];

const contactOnly: FieldDef[] = [
  { ...base, name: 'AccountId', label: 'Account ID', type: 'reference', length: 18 },
  { ...text('MailingStreet', 'Mailing Street', 255), type: 'textarea' },
  text('MailingCity', 'Mailing City', 40),
  text('MailingState', 'Mailing State/Province', 80),
  text('MailingPostalCode', 'Mailing Zip/Postal Code', 20),
  text('MailingCountry', 'Mailing Country', 80),
  { ...base, name: 'HomePhone', label: 'Home Phone', type: 'phone', length: 40 },
  { ...base, name: 'OtherPhone', label: 'Other Phone', type: 'phone', length: 40 },
  { ...text('OtherStreet', 'Other Street', 255), type: 'textarea' },
  text('OtherCity', 'Other City', 40),
  text('OtherState', 'Other State/Province', 80),
  text('OtherPostalCode', 'Other Zip/Postal Code', 20),
  text('OtherCountry', 'Other Country', 80),
  text('Department', 'Department', 80),
  { ...base, name: 'Birthdate', label: 'Birthdate', type: 'date' },
];

const leadOnly: FieldDef[] = [
  text('Company', 'Company', 255, { nillable: false }),
  { ...text('Street', 'Street', 255), type: 'textarea' },
  text('City', 'City', 40),
  text('State', 'State/Province', 80),
  text('PostalCode', 'Zip/Postal Code', 20),
  text('Country', 'Country', 80),
  { ...base, name: 'Website', label: 'Website', type: 'url', length: 255 },
  // the default Lead Status values of a new org
  text('Status', 'Status', 255, {
    type: 'picklist', nillable: false, defaultValue: 'Open - Not Contacted', restrictedPicklist: true,
    picklistValues: ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'],
  }),
  { ...base, name: 'NumberOfEmployees', label: 'Employees', type: 'int', length: 0 },
  { ...base, name: 'AnnualRevenue', label: 'Annual Revenue', type: 'currency', length: 0 },
  // set by lead conversion only; a converted Lead is read-only ("cannot reference converted lead")
  { ...system('IsConverted', 'Converted', 'boolean'), nillable: false },
  system('ConvertedContactId', 'Converted Contact ID', 'reference'),
];

const accountFields: FieldDef[] = [
  text('Name', 'Account Name', 255, { nillable: false }),
  { ...base, name: 'Website', label: 'Website', type: 'url', length: 255 },
  { ...base, name: 'Description', label: 'Account Description', type: 'textarea', length: 32_000 },
];

export interface SchemaOptions {
  /** add Ferry_Id__c to Contact and Lead */
  ferryIdField: boolean;
  /** whether Ferry_Id__c is marked External ID (only then can upserts key on it) */
  ferryIdExternal: boolean;
  /** whether Ferry_Id__c is marked Unique (when not, several records may share a value) */
  ferryIdUnique: boolean;
  /** State and Country/Territory picklists turned on: `…CountryCode`/`…StateCode` fields, free text refused */
  stateCountryPicklists: boolean;
}

export const defaultSchemaOptions: SchemaOptions = { ferryIdField: true, ferryIdExternal: true, ferryIdUnique: true, stateCountryPicklists: false };

/** The address prefixes of each object ('' for a Lead's single address). */
export const ADDRESS_PREFIXES: Record<ObjectName, readonly string[]> = { Contact: ['Mailing', 'Other'], Lead: [''], Account: [] };

const codeFields = (prefix: string): FieldDef[] => [
  { ...base, name: `${prefix}CountryCode`, label: `${prefix} Country Code`.trim(), type: 'picklist', length: 10 },
  { ...base, name: `${prefix}StateCode`, label: `${prefix} State/Province Code`.trim(), type: 'picklist', length: 10 },
];

/** The field definitions of every object, keyed by object then by lowercased field name. */
export class SchemaRegistry {
  private objects = new Map<ObjectName, Map<string, FieldDef>>();
  /** `Object.field` (lowercased) hidden from the API user's profile by field-level security */
  private hidden = new Set<string>();
  /** `Object.field` (lowercased) visible but read-only for the API user's profile */
  private locked = new Set<string>();

  constructor(private options: SchemaOptions = defaultSchemaOptions) {
    this.rebuild();
  }

  configure(options: Partial<SchemaOptions>): void {
    this.options = { ...this.options, ...options };
    this.rebuild();
  }

  current(): SchemaOptions {
    return { ...this.options };
  }

  /** The custom fields added to the org (not Ferry_Id__c, which `options` decides), to restore with addCustomField. */
  customFields(): Array<{ object: ObjectName; def: FieldDef }> {
    return [...this.objects.entries()].flatMap(([object, fields]) =>
      [...fields.values()].filter((f) => f.custom && f.name !== FERRY_ID_FIELD).map((def) => ({ object, def: { ...def } })));
  }

  /** Adds (or replaces) a custom field, e.g. to test mapping onto an org's own fields. */
  addCustomField(object: ObjectName, def: Pick<FieldDef, 'name' | 'label'> & Partial<FieldDef>): void {
    if (!def.name.endsWith('__c')) throw new RangeError('custom field names end in __c');
    this.objects.get(object)?.set(def.name.toLowerCase(), { ...base, type: 'string', length: 255, custom: true, ...def });
  }

  /**
   * Field-level security: hides a field from the API user's profile. A hidden field
   * is absent from describe and from the API ("No such column"), and naming it in
   * an sObject Collection fails the whole request (help.salesforce.com, "Field-Level
   * Security"; docs/vendor-facts.md).
   */
  hideField(object: ObjectName, name: string, hidden = true): void {
    const key = `${object}.${name}`.toLowerCase();
    if (hidden) this.hidden.add(key);
    else this.hidden.delete(key);
  }

  /** Field-level security "Read-Only": describe says createable/updateable false; writing it fails the record. */
  lockField(object: ObjectName, name: string, locked = true): void {
    const key = `${object}.${name}`.toLowerCase();
    if (locked) this.locked.add(key);
    else this.locked.delete(key);
  }

  private withAccess(object: ObjectName, def: FieldDef): FieldDef {
    return this.locked.has(`${object}.${def.name}`.toLowerCase()) ? { ...def, createable: false, updateable: false } : def;
  }

  isHidden(object: ObjectName, name: string): boolean {
    return this.hidden.has(`${object}.${name}`.toLowerCase());
  }

  fields(object: ObjectName): FieldDef[] {
    return [...(this.objects.get(object)?.values() ?? [])].filter((f) => !this.isHidden(object, f.name)).map((f) => this.withAccess(object, f));
  }

  /** The field by case-insensitive name (Salesforce field names are case-insensitive); hidden fields do not exist for the API user. */
  field(object: ObjectName, name: string): FieldDef | undefined {
    if (this.isHidden(object, name)) return undefined;
    const def = this.objects.get(object)?.get(name.toLowerCase());
    return def && this.withAccess(object, def);
  }

  private rebuild(): void {
    const ferryId: FieldDef[] = this.options.ferryIdField
      ? [text(FERRY_ID_FIELD, 'Ferry ID', 64, { custom: true, externalId: this.options.ferryIdExternal, unique: this.options.ferryIdUnique })]
      : [];
    const keep = (object: ObjectName): FieldDef[] => this.fields(object).filter((f) => f.custom && f.name !== FERRY_ID_FIELD);
    const next = new Map<ObjectName, Map<string, FieldDef>>();
    const build = (object: ObjectName, defs: FieldDef[]): void => {
      next.set(object, new Map([...defs, ...keep(object)].map((f) => [f.name.toLowerCase(), f])));
    };
    const codes = (object: ObjectName): FieldDef[] => (this.options.stateCountryPicklists ? ADDRESS_PREFIXES[object].flatMap(codeFields) : []);
    build('Contact', [...audit, ...person, ...contactOnly, ...codes('Contact'), ...ferryId]);
    build('Lead', [...audit, ...person, ...leadOnly, ...codes('Lead'), ...ferryId]);
    build('Account', [...audit, ...accountFields]);
    this.objects = next;
  }
}

export function isObjectName(name: string): name is ObjectName {
  return (OBJECT_NAMES as readonly string[]).includes(name);
}

/** Describe's picklist details of the address code fields (values, labels, and for states the dependency). */
function picklistOf(f: FieldDef): Record<string, unknown> {
  if (f.name.endsWith('CountryCode')) return { picklistValues: COUNTRY_VALUES.map((c) => ({ active: true, defaultValue: false, label: c.label, validFor: null, value: c.value })), controllerName: null };
  if (f.name.endsWith('StateCode')) {
    return {
      picklistValues: STATE_VALUES.map((st) => ({ active: true, defaultValue: false, label: st.label, validFor: validForOf(st.country ?? ''), value: st.value })),
      controllerName: f.name.replace(/StateCode$/, 'CountryCode'), dependentPicklist: true,
    };
  }
  if (f.picklistValues) {
    return { picklistValues: f.picklistValues.map((value) => ({ active: true, defaultValue: value === f.defaultValue, label: value, validFor: null, value })), restrictedPicklist: f.restrictedPicklist === true, controllerName: null };
  }
  return {};
}

const SOAP_TYPES: Partial<Record<FieldType, string>> = {
  datetime: 'xsd:dateTime', date: 'xsd:date', boolean: 'xsd:boolean', id: 'tns:ID', reference: 'tns:ID', double: 'xsd:double', currency: 'xsd:double', int: 'xsd:int',
};

/** The describe document jsforce's `describe()` reads (a faithful subset of Salesforce's). */
export function describeObject(schema: SchemaRegistry, object: ObjectName, version: string): Record<string, unknown> {
  const fields = schema.fields(object).map((f) => ({
    ...picklistOf(f),
    name: f.name, label: f.label, type: f.type, length: f.length, nillable: f.nillable,
    createable: f.createable, updateable: f.updateable, custom: f.custom, externalId: f.externalId,
    unique: f.unique, idLookup: f.externalId || f.name === 'Id' || f.name === 'Email',
    defaultedOnCreate: f.defaultValue !== undefined || !f.createable, defaultValue: f.defaultValue ?? null,
    caseSensitive: false, filterable: true, sortable: f.type !== 'textarea', calculated: false,
    referenceTo: f.type === 'reference' ? [f.name === 'ConvertedContactId' ? 'Contact' : 'Account'] : [], relationshipName: f.name === 'AccountId' ? 'Account' : null,
    soapType: SOAP_TYPES[f.type] ?? 'xsd:string',
  }));
  return {
    name: object, label: object, labelPlural: `${object}s`, keyPrefix: KEY_PREFIX[object], custom: false,
    createable: true, updateable: true, deletable: true, queryable: true, searchable: true, layoutable: true,
    fields,
    urls: {
      sobject: `/services/data/v${version}/sobjects/${object}`,
      describe: `/services/data/v${version}/sobjects/${object}/describe`,
      rowTemplate: `/services/data/v${version}/sobjects/${object}/{ID}`,
    },
  };
}
