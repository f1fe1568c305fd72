import { z } from 'zod';
import { propertyValueError, type PropertyValueError } from './errors';

/** The CRM object types this sandbox stores. */
export type ObjectType = 'contacts' | 'notes' | 'companies';

const propertyTypes = ['string', 'number', 'date', 'datetime', 'enumeration', 'bool'] as const;
const fieldTypes = ['textarea', 'text', 'date', 'file', 'number', 'select', 'radio', 'checkbox', 'booleancheckbox', 'calculation_equation', 'phonenumber', 'html'] as const;

const optionSchema = z.object({
  label: z.string(),
  value: z.string(),
  description: z.string().optional(),
  displayOrder: z.number().int().optional(),
  hidden: z.boolean().default(false),
}).strict();

/** PropertyCreate as the SDK sends it; HubSpot rejects unknown fields. */
export const propertyCreateSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'Property names are lowercase letters, digits and underscores, starting with a letter').max(100),
  label: z.string().min(1),
  type: z.enum(propertyTypes),
  fieldType: z.enum(fieldTypes),
  groupName: z.string().min(1),
  description: z.string().optional(),
  hasUniqueValue: z.boolean().optional(),
  options: z.array(optionSchema).optional(),
  displayOrder: z.number().int().optional(),
  hidden: z.boolean().optional(),
  formField: z.boolean().optional(),
  calculationFormula: z.string().optional(),
  referencedObjectType: z.string().optional(),
  externalOptions: z.boolean().optional(),
}).strict();

export type PropertyCreate = z.infer<typeof propertyCreateSchema>;

export interface PropertyDefinition {
  name: string;
  label: string;
  type: (typeof propertyTypes)[number];
  fieldType: (typeof fieldTypes)[number];
  groupName: string;
  description: string;
  options: Array<z.infer<typeof optionSchema>>;
  hasUniqueValue: boolean;
  hubspotDefined: boolean;
  readOnlyValue: boolean;
  displayOrder: number;
  hidden: boolean;
  formField: boolean;
  createdAt: number;
}

/** HubSpot allows at most this many unique-value properties per object type. */
export const maxUniqueProperties = 10;
/** HubSpot's cap on any string property value (hs_note_body included). */
const maxStringLength = 65_536;

const emailPattern = /^[^\s@]+@[^\s@.][^\s@]*\.[^\s@]+$/;

function builtIn(name: string, type: PropertyDefinition['type'], fieldType: PropertyDefinition['fieldType'], extra: Partial<PropertyDefinition> = {}): PropertyDefinition {
  return {
    name, label: name, type, fieldType, groupName: 'contactinformation', description: '', options: [],
    hasUniqueValue: false, hubspotDefined: true, readOnlyValue: false, displayOrder: -1, hidden: false, formField: false,
    createdAt: 0, ...extra,
  };
}

function defaults(objectType: ObjectType): PropertyDefinition[] {
  const readOnly = { readOnlyValue: true };
  if (objectType === 'notes') {
    return [
      builtIn('hs_timestamp', 'datetime', 'date', { groupName: 'engagement' }),
      builtIn('hs_note_body', 'string', 'html', { groupName: 'engagement' }),
      builtIn('hubspot_owner_id', 'enumeration', 'select', { groupName: 'engagement' }),
      builtIn('hs_attachment_ids', 'enumeration', 'checkbox', { groupName: 'engagement' }),
      builtIn('hs_object_id', 'number', 'number', readOnly),
      builtIn('hs_createdate', 'datetime', 'date', readOnly),
      builtIn('hs_lastmodifieddate', 'datetime', 'date', readOnly),
    ];
  }
  if (objectType === 'companies') {
    // HubSpot's default company properties that matter here (the companies guide,
    // developers.hubspot.com/docs/api-reference/latest/crm/objects/companies/guide):
    // `domain` is the key HubSpot de-duplicates companies on in its own tools, but it
    // is NOT a unique-value property, so the API lets two companies share a domain
    const companyTexts = ['name', 'domain', 'website', 'phone', 'address', 'city', 'state', 'zip', 'country', 'industry', 'description', 'hubspot_owner_id'];
    return [
      ...companyTexts.map((name) => builtIn(name, 'string', 'text', { groupName: 'companyinformation' })),
      builtIn('hs_additional_domains', 'string', 'text', { groupName: 'companyinformation' }),
      builtIn('hs_object_id', 'number', 'number', readOnly),
      builtIn('createdate', 'datetime', 'date', readOnly),
      builtIn('hs_lastmodifieddate', 'datetime', 'date', readOnly),
    ];
  }
  const texts = ['firstname', 'lastname', 'phone', 'mobilephone', 'fax', 'company', 'jobtitle', 'website', 'address',
    'city', 'state', 'zip', 'country', 'industry', 'message', 'salutation', 'twitterhandle', 'hs_whatsapp_phone_number',
    'date_of_birth', 'annualrevenue', 'hubspot_owner_id', 'hs_language', 'hs_timezone'];
  return [
    builtIn('email', 'string', 'text'),
    ...texts.map((name) => builtIn(name, 'string', 'text')),
    builtIn('lifecyclestage', 'enumeration', 'radio', {
      options: ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other']
        .map((value, i) => ({ label: value, value, displayOrder: i, hidden: false })),
    }),
    builtIn('hs_lead_status', 'enumeration', 'radio', {
      options: ['NEW', 'OPEN', 'IN_PROGRESS', 'OPEN_DEAL', 'UNQUALIFIED', 'ATTEMPTED_TO_CONTACT', 'CONNECTED', 'BAD_TIMING']
        .map((value, i) => ({ label: value, value, displayOrder: i, hidden: false })),
    }),
    builtIn('hs_object_id', 'number', 'number', readOnly),
    builtIn('createdate', 'datetime', 'date', readOnly),
    builtIn('lastmodifieddate', 'datetime', 'date', readOnly),
    builtIn('hs_additional_emails', 'enumeration', 'checkbox', readOnly),
    builtIn('notes_last_updated', 'datetime', 'date', readOnly),
  ];
}

/** Property definitions per object type, plus the checks HubSpot applies to written values. */
export class PropertyRegistry {
  private readonly byType = new Map<ObjectType, Map<string, PropertyDefinition>>();

  constructor() {
    this.reset();
  }

  reset(): void {
    for (const objectType of ['contacts', 'notes', 'companies'] as const) {
      this.byType.set(objectType, new Map(defaults(objectType).map((p) => [p.name, p])));
    }
  }

  list(objectType: ObjectType): PropertyDefinition[] {
    return [...this.defs(objectType).values()];
  }

  get(objectType: ObjectType, name: string): PropertyDefinition | undefined {
    return this.defs(objectType).get(name);
  }

  has(objectType: ObjectType, name: string): boolean {
    return this.defs(objectType).has(name);
  }

  /** Adds a custom property; the caller has checked that the name is free. */
  create(objectType: ObjectType, input: PropertyCreate, now: number): PropertyDefinition {
    const def: PropertyDefinition = {
      name: input.name, label: input.label, type: input.type, fieldType: input.fieldType, groupName: input.groupName,
      description: input.description ?? '', options: input.options ?? [], hasUniqueValue: input.hasUniqueValue ?? false,
      hubspotDefined: false, readOnlyValue: false, displayOrder: input.displayOrder ?? -1, hidden: input.hidden ?? false,
      formField: input.formField ?? false, createdAt: now,
    };
    this.defs(objectType).set(def.name, def);
    return def;
  }

  /** The properties created in this account (not HubSpot's own). */
  custom(objectType: ObjectType): PropertyDefinition[] {
    return this.list(objectType).filter((p) => !p.hubspotDefined).map((p) => ({ ...p, options: [...p.options] }));
  }

  /** Puts back a property saved with `custom()`. */
  restore(objectType: ObjectType, def: PropertyDefinition): void {
    this.defs(objectType).set(def.name, { ...def });
  }

  uniqueCount(objectType: ObjectType): number {
    return this.list(objectType).filter((p) => p.hasUniqueValue).length;
  }

  /**
   * Every reason HubSpot would refuse these values (an empty list means valid).
   * `null` and `""` clear a value and are always allowed on writable properties.
   */
  validate(objectType: ObjectType, values: Record<string, string | null>, portalId: number, rejectEmail?: RegExp): PropertyValueError[] {
    const errors: PropertyValueError[] = [];
    for (const [name, value] of Object.entries(values)) {
      const def = this.get(objectType, name);
      const fail = (error: string, message: string): void => { errors.push(propertyValueError(portalId, name, error, message)); };
      if (!def) { fail('PROPERTY_DOESNT_EXIST', `Property "${name}" does not exist`); continue; }
      if (def.readOnlyValue) { fail('READ_ONLY_VALUE', `${name} is a read only property; its value cannot be set.`); continue; }
      if (value === null || value === '') continue;
      if (value.length > maxStringLength) {
        fail('INVALID_LONG_STRING', `${name} value is ${value.length} characters long; the limit is ${maxStringLength}.`);
        continue;
      }
      if (objectType === 'contacts' && name === 'email') {
        if (!emailPattern.test(value.trim()) || (rejectEmail !== undefined && rejectEmail.test(value))) {
          fail('INVALID_EMAIL', `Email address ${value} is invalid`);
        }
        continue;
      }
      if (def.type === 'number' && !Number.isFinite(Number(value))) fail('INVALID_FLOAT', `${value} was not a valid number.`);
      if ((def.type === 'datetime' || def.type === 'date') && parseHubSpotTime(value) === undefined) {
        fail('INVALID_DATE', `${value} was not a valid date. Use an ISO 8601 string or milliseconds since the epoch.`);
      } else if (def.type === 'date' && !isMidnightUtc(value)) {
        // "Date properties will only store the date, and must be set to midnight UTC for the date
        // you want … If you try to set a value that is not midnight UTC, you will receive an error"
        // (developers.hubspot.com, "How should timestamps be formatted for HubSpot's APIs?")
        fail('INVALID_DATE', `${value} is at a time of day; a date property takes midnight UTC (e.g. 2015-05-01 or 1430438400000).`);
      }
      if (def.type === 'enumeration' && def.options.length > 0) {
        const allowed = new Set(def.options.map((o) => o.value));
        const chosen = def.fieldType === 'checkbox' ? value.split(';') : [value];
        const bad = chosen.find((v) => !allowed.has(v));
        if (bad !== undefined) fail('INVALID_OPTION', `${bad} was not one of the allowed options: [${[...allowed].join(', ')}]`);
      }
      if (def.type === 'bool' && value !== 'true' && value !== 'false') fail('INVALID_BOOLEAN', `${value} was not a valid boolean.`);
    }
    return errors;
  }

  private defs(objectType: ObjectType): Map<string, PropertyDefinition> {
    const defs = this.byType.get(objectType);
    if (!defs) throw new Error(`unknown object type ${objectType}`);
    return defs;
  }
}

/** HubSpot datetime values: epoch milliseconds or an ISO 8601 string. */
export function parseHubSpotTime(value: string): number | undefined {
  if (/^\d{1,15}$/.test(value)) return Number(value);
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `YYYY-MM-DD`, or a time that falls on midnight UTC. */
function isMidnightUtc(value: string): boolean {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return true;
  const ms = parseHubSpotTime(value);
  return ms !== undefined && ms % 86_400_000 === 0;
}

/** The wire shape of GET /crm/v3/properties/{objectType}. */
export function propertyToWire(def: PropertyDefinition): Record<string, unknown> {
  const at = new Date(def.createdAt).toISOString();
  return {
    name: def.name, label: def.label, type: def.type, fieldType: def.fieldType, description: def.description,
    groupName: def.groupName, options: def.options, displayOrder: def.displayOrder, calculated: false,
    externalOptions: false, hasUniqueValue: def.hasUniqueValue, hidden: def.hidden, hubspotDefined: def.hubspotDefined,
    modificationMetadata: { archivable: !def.hubspotDefined, readOnlyDefinition: def.hubspotDefined, readOnlyValue: def.readOnlyValue },
    formField: def.formField, createdAt: at, updatedAt: at, archived: false,
  };
}
