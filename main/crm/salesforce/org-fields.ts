import { z } from 'zod';
import { decodeValidFor, type AddressPicklists } from './address-codes';
import type { CrmFieldType, CrmFieldView } from '../../../preload/schemas/mapping';

/**
 * What the org's describe says about fields Ferry may write beyond the standard
 * ones: whether Ferry_Id__c is a usable upsert key, and every custom text field
 * the API user can both create and update.
 *
 * Invariant: only plain text custom fields (Text, Long Text Area) are listed.
 * An e-mail, phone, URL or picklist custom field could refuse a value and make
 * Salesforce reject the whole contact; a value that cannot go into a listed
 * field goes into the Description block instead, so nothing is lost.
 */
interface OrgTextField {
  /** the API name as the org spells it */
  name: string;
  /** the longest value it takes (0 = unknown, treated as no limit) */
  length: number;
}

export interface OrgFields {
  /** Ferry_Id__c exists, is an External ID and is writable: the crash-safe upsert key */
  ferryId: boolean;
  /** writable custom text fields, keyed by lowercased API name */
  text: ReadonlyMap<string, OrgTextField>;
  /**
   * Lowercased names of every field the API user may both create and update, from
   * describe; null before describe answered (then standard fields are assumed
   * writable). Field-level security can hide or lock standard fields per profile
   * (HomePhone, OtherPhone, Description, Website…), and a hidden field in a
   * collection fails the whole request.
   */
  writable: ReadonlySet<string> | null;
  /**
   * State and Country/Territory picklists, keyed by address prefix ('Mailing',
   * 'Other', '' for a Lead), when describe shows writable `<prefix>CountryCode`.
   */
  addressCodes: ReadonlyMap<string, AddressPicklists>;
  /** every field describe listed, as mapping targets (main/mapping/) */
  fields: readonly CrmFieldView[];
}

/** Before describe has answered (or for a mapping without an org): only standard fields. */
export const NO_ORG_FIELDS: OrgFields = { ferryId: false, text: new Map(), writable: null, addressCodes: new Map(), fields: [] };

/** True when the org lets Ferry write `field` (always, before describe answered). */
export function canWrite(org: OrgFields, field: string): boolean {
  return org.writable === null || org.writable.has(field.toLowerCase());
}

export const FERRY_ID_FIELD = 'Ferry_Id__c';
/** Where tags go when the org has it: a Text or Long Text Area field on Contact and Lead. */
export const FERRY_TAGS_FIELD = 'Ferry_Tags__c';
/** A Contact's website, when the org has it (Lead has the standard Website). */
export const FERRY_WEBSITE_FIELD = 'Ferry_Website__c';
/** A Contact's company as text, when the org has one of these (Lead has the standard Company). */
export const COMPANY_FIELDS = ['Ferry_Company__c', 'Company__c'] as const;
/** The day a contact was deleted in Ferry, on a record kept in Salesforce (deletes "tag"; deleted-mark.ts): a Date field. */
export const FERRY_DELETED_FIELD = 'Ferry_Deleted__c';

/** Names that never take a Ferry custom field, even when its slug matches (e.g. a field called "Ferry id"). */
const RESERVED_FIELDS: ReadonlySet<string> = new Set(
  [FERRY_ID_FIELD, FERRY_TAGS_FIELD, FERRY_WEBSITE_FIELD, FERRY_DELETED_FIELD, ...COMPANY_FIELDS].map((f) => f.toLowerCase()),
);

const describeFieldSchema = z.object({
  name: z.string(),
  type: z.string().catch(''),
  length: z.number().catch(0),
  custom: z.boolean().catch(false),
  externalId: z.boolean().catch(false),
  createable: z.boolean().catch(false),
  updateable: z.boolean().catch(false),
  calculated: z.boolean().catch(false),
  controllerName: z.string().nullable().optional().catch(undefined),
  label: z.string().catch(''),
  restrictedPicklist: z.boolean().catch(false),
  picklistValues: z.array(z.object({
    value: z.string(), label: z.string().catch(''), active: z.boolean().catch(true), validFor: z.string().nullable().optional().catch(undefined),
  }).passthrough()).optional().catch(undefined),
}).passthrough();

export const describeSchema = z.object({ fields: z.array(describeFieldSchema) }).passthrough();

const TEXT_TYPES = new Set(['string', 'textarea']);

/** The parts of a describe answer the mapping uses. Pure. */
export function orgFieldsOf(describe: z.infer<typeof describeSchema>): OrgFields {
  const text = new Map<string, OrgTextField>();
  const writableNames = new Set<string>();
  let ferryId = false;
  for (const f of describe.fields) {
    const writable = f.createable && f.updateable && !f.calculated;
    if (writable) writableNames.add(f.name.toLowerCase());
    if (f.name.toLowerCase() === FERRY_ID_FIELD.toLowerCase()) ferryId = writable && f.externalId;
    if (writable && f.custom && TEXT_TYPES.has(f.type)) text.set(f.name.toLowerCase(), { name: f.name, length: f.length });
  }
  return { ferryId, text, writable: writableNames, addressCodes: addressCodesOf(describe), fields: fieldViews(describe) };
}

/** Describe's field types → the mapping's value types (REST API Developer Guide, "Field Types"). */
const TYPES: Record<string, CrmFieldType> = {
  double: 'number', int: 'number', currency: 'number', percent: 'number', long: 'number',
  date: 'date', datetime: 'datetime', boolean: 'bool', picklist: 'enumeration', multipicklist: 'multiselect',
};

function fieldViews(describe: z.infer<typeof describeSchema>): CrmFieldView[] {
  return describe.fields.map((f) => ({
    name: f.name,
    label: f.label || f.name,
    type: TYPES[f.type] ?? 'string',
    // an unrestricted picklist takes any value: its options are suggestions, not a check
    ...(f.picklistValues && f.restrictedPicklist ? { options: f.picklistValues.filter((v) => v.active).map((v) => ({ value: v.value, label: v.label || v.value })) } : {}),
    writable: f.createable && f.updateable && !f.calculated,
    ...(f.length > 0 && (TYPES[f.type] ?? 'string') === 'string' ? { maxLength: f.length } : {}),
  })).sort((a, b) => a.label.localeCompare(b.label));
}

/** `<prefix>CountryCode` and its dependent `<prefix>StateCode` picklists, per address prefix. */
function addressCodesOf(describe: z.infer<typeof describeSchema>): Map<string, AddressPicklists> {
  const byName = new Map(describe.fields.map((f) => [f.name, f]));
  const out = new Map<string, AddressPicklists>();
  for (const prefix of ['Mailing', 'Other', '']) {
    const country = byName.get(`${prefix}CountryCode`);
    if (!country?.picklistValues || !(country.createable && country.updateable)) continue;
    const countries = country.picklistValues.filter((v) => v.active).map((v) => ({ value: v.value, label: v.label || v.value }));
    const controlling = country.picklistValues.map((v) => v.value);
    const state = byName.get(`${prefix}StateCode`);
    const states = (state?.picklistValues ?? []).filter((v) => v.active).map((v) => ({
      value: v.value, label: v.label || v.value, ...(v.validFor ? { validFor: decodeValidFor(v.validFor, controlling) } : {}),
    }));
    out.set(prefix, { countries, states });
  }
  return out;
}

/** The first of `candidates` the org has that takes `value` whole, if any. */
export function textFieldFor(org: OrgFields, candidates: readonly string[], value: string): string | undefined {
  for (const candidate of candidates) {
    const field = org.text.get(candidate.toLowerCase());
    if (field && (field.length === 0 || value.length <= field.length)) return field.name;
  }
  return undefined;
}

/**
 * A custom field's name as the words of an API name: "Lead source" → "lead_source",
 * matched case-insensitively against `Ferry_lead_source__c` then `lead_source__c`.
 * Empty when the name has no ASCII letters or digits (such a field always goes to
 * the Description block).
 */
export function customFieldSlug(fieldName: string): string {
  const ascii = fieldName.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return ascii.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

/** The API names a Ferry custom field may land in, most specific first. */
export function customFieldCandidates(fieldName: string): string[] {
  const slug = customFieldSlug(fieldName);
  if (!slug) return [];
  return [`ferry_${slug}__c`, `${slug}__c`].filter((name) => !RESERVED_FIELDS.has(name));
}
