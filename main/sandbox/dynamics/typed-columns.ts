import { DataverseError } from './wire';

/**
 * The contact table's typed standard columns (contact table reference,
 * learn.microsoft.com/power-apps/developer/data-platform/reference/entities/contact),
 * beside the text columns of contact-columns.ts, with what the Web API's
 * attribute metadata says of them (AttributeMetadata: AttributeType,
 * IsValidForCreate, IsValidForUpdate; PicklistAttributeMetadata.OptionSet.Options,
 * "Query table definitions using the Web API").
 *
 * Values are checked as OData checks a JSON body against Edm types: an Int32 or
 * Decimal column takes a JSON number, a Boolean a JSON boolean, a choice the
 * integer Value of one of its options (an unknown one is refused), a
 * multi-select choice a string of Values joined by commas (Web API "Multi-select
 * choice columns"), a date-only column `YYYY-MM-DD`. The sandbox keeps values as
 * text and answers with the JSON types.
 */
export type AttributeType = 'String' | 'Memo' | 'Integer' | 'Decimal' | 'Money' | 'Boolean' | 'DateTime' | 'Picklist' | 'Virtual' | 'Customer' | 'Uniqueidentifier';

export interface ColumnDef {
  type: AttributeType;
  label: string;
  /** MultiSelectPicklist is AttributeType Virtual with this AttributeTypeName */
  typeName?: 'MultiSelectPicklistType';
  maxLength?: number;
  options?: { value: number; label: string }[];
  /** DateTime: 'DateOnly' or 'DateAndTime' */
  format?: 'DateOnly' | 'DateAndTime';
  validForCreate: boolean;
  validForUpdate: boolean;
}

const col = (type: AttributeType, label: string, more: Partial<ColumnDef> = {}): ColumnDef => ({ type, label, validForCreate: true, validForUpdate: true, ...more });
const options = (...labels: string[]): { value: number; label: string }[] => labels.map((label, i) => ({ value: i + 1, label }));

export const TYPED_COLUMNS: Readonly<Record<string, ColumnDef>> = {
  numberofchildren: col('Integer', 'No. of Children'),
  annualincome: col('Money', 'Annual Income'),
  birthdate: col('DateTime', 'Birthday', { format: 'DateOnly' }),
  donotemail: col('Boolean', 'Do not allow Emails'),
  preferredcontactmethodcode: col('Picklist', 'Preferred Method of Contact', { options: options('Any', 'Email', 'Phone', 'Fax', 'Mail') }),
  gendercode: col('Picklist', 'Gender', { options: options('Male', 'Female') }),
  parentcustomerid: col('Customer', 'Company Name'),
  fullname: col('String', 'Full Name', { maxLength: 160, validForCreate: false, validForUpdate: false }),
  createdon: col('DateTime', 'Created On', { format: 'DateAndTime', validForCreate: false, validForUpdate: false }),
};

const typeName = (d: ColumnDef): string => d.typeName ?? `${d.type}Type`;
const edm: Record<AttributeType, string> = {
  String: 'Edm.String', Memo: 'Edm.String', Integer: 'Edm.Int32', Decimal: 'Edm.Decimal', Money: 'Edm.Decimal', Boolean: 'Edm.Boolean',
  DateTime: 'Edm.DateTimeOffset', Picklist: 'Edm.Int32', Virtual: 'Edm.String', Customer: 'Edm.Guid', Uniqueidentifier: 'Edm.Guid',
};

const cannotConvert = (value: unknown, d: ColumnDef): DataverseError =>
  new DataverseError(400, '0x80040203', `Cannot convert the literal '${typeof value === 'string' ? value : JSON.stringify(value)}' to the expected type '${edm[d.type]}'.`);

/** A JSON value for this column as the sandbox stores it (text), or the error Dataverse answers. */
export function checkTyped(name: string, d: ColumnDef, value: unknown, creating: boolean): string {
  if (!(creating ? d.validForCreate : d.validForUpdate)) {
    // wording: the sandbox's (unverified whether Dataverse ignores or refuses it); the driver never sends such a column
    throw new DataverseError(400, '0x80040203', `The attribute '${name}' of the entity 'contact' is not valid for ${creating ? 'create' : 'update'}.`);
  }
  switch (d.type) {
    case 'Integer':
      if (typeof value === 'number' && Number.isInteger(value)) return String(value);
      throw cannotConvert(value, d);
    case 'Decimal':
    case 'Money':
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      throw cannotConvert(value, d);
    case 'Boolean':
      if (typeof value === 'boolean') return String(value);
      throw cannotConvert(value, d);
    case 'DateTime': {
      const ok = typeof value === 'string' && (d.format === 'DateOnly' ? /^\d{4}-\d{2}-\d{2}$/.test(value) : /^\d{4}-\d{2}-\d{2}T/.test(value)) && !Number.isNaN(Date.parse(value));
      if (ok) return value as string;
      throw cannotConvert(value, d);
    }
    case 'Picklist': {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw cannotConvert(value, d);
      if (!(d.options ?? []).some((o) => o.value === value)) throw new DataverseError(400, '0x8004431a', `A validation error occurred. The value ${value} of '${name}' on record of type 'contact' is outside the valid range.`);
      return String(value);
    }
    case 'Customer':
      throw new DataverseError(400, '0x80060888', `Does not support untyped value in non-open type. A lookup column such as '${name}' is set with '${name}@odata.bind'.`);
    default:
      if (typeof value !== 'string') throw cannotConvert(value, d);
      if (d.maxLength !== undefined && value.length > d.maxLength) throw new DataverseError(400, '0x80044331', `A validation error occurred. The length of the '${name}' attribute of the 'contact' entity exceeded the maximum allowed length of '${d.maxLength}'.`);
      return value;
  }
}

/** A stored value as the Web API returns it. */
export function typedOut(d: ColumnDef | undefined, text: string | null): unknown {
  if (text === null || !d) return text;
  switch (d.type) {
    case 'Integer': case 'Decimal': case 'Money': case 'Picklist': return Number(text);
    case 'Boolean': return text === 'true';
    default: return text;
  }
}

const localized = (text: string): unknown => ({ LocalizedLabels: [{ Label: text, LanguageCode: 1033 }], UserLocalizedLabel: { Label: text, LanguageCode: 1033 } });

/** One column as EntityDefinitions(...)/Attributes lists it. */
export function attributeOut(name: string, d: ColumnDef): Record<string, unknown> {
  const metadataType = d.typeName === 'MultiSelectPicklistType' ? 'MultiSelectPicklist' : d.type === 'Integer' ? 'Integer' : d.type === 'Memo' ? 'Memo' : d.type === 'Customer' ? 'Lookup' : d.type;
  return {
    '@odata.type': `#Microsoft.Dynamics.CRM.${metadataType}AttributeMetadata`,
    LogicalName: name, SchemaName: name, AttributeType: d.type, AttributeTypeName: { Value: typeName(d) },
    DisplayName: localized(d.label), IsValidForCreate: d.validForCreate, IsValidForUpdate: d.validForUpdate, IsValidForRead: true,
    ...(d.maxLength !== undefined ? { MaxLength: d.maxLength } : {}),
    ...(d.format ? { Format: d.format } : {}),
  };
}

/** A choice column's options, as `$expand=OptionSet` on the PicklistAttributeMetadata cast returns them. */
export function optionSetOut(d: ColumnDef): Record<string, unknown> {
  return { Options: (d.options ?? []).map((o) => ({ Value: o.value, Label: localized(o.label) })) };
}
