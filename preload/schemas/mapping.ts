import { z } from 'zod';

/**
 * A connection's field mapping (stored in `connections.mapping`, carried by the
 * configuration export and the admin policy). It holds only what differs from
 * the destination's default mapping: `{}` sends exactly what Ferry always sent.
 *
 * Ferry fields are named as the contract names them: `firstName`, `lastName`,
 * `title`, `company`, `website`, `emails`, `phones`, `addresses`, `notes`,
 * `tags`, `meeting.at|place|event|notes`, and custom fields as `custom.<Name>`.
 */
export const STANDARD_FERRY_FIELDS = [
  'firstName', 'lastName', 'title', 'company', 'website', 'emails', 'phones', 'addresses', 'notes', 'tags',
  'meeting.at', 'meeting.place', 'meeting.event', 'meeting.notes',
] as const;

export const ferryFieldSchema = z.string().max(200).refine(
  (f) => (STANDARD_FERRY_FIELDS as readonly string[]).includes(f) || /^custom\..+$/.test(f),
  { message: 'a Ferry field is one of firstName, lastName, title, company, website, emails, phones, addresses, notes, tags, meeting.at, meeting.place, meeting.event, meeting.notes or custom.<Name>' },
);

/** The value types a CRM field may have, as the mapping checks them. */
export const CRM_FIELD_TYPES = ['string', 'number', 'date', 'datetime', 'bool', 'enumeration', 'multiselect'] as const;
export type CrmFieldType = (typeof CRM_FIELD_TYPES)[number];

/** Apollo's names: always overwrite / fill only if empty in the CRM / never overwrite after create. */
export const WRITE_POLICIES = ['overwrite', 'fill_if_empty', 'create_only'] as const;
export type WritePolicy = (typeof WRITE_POLICIES)[number];

const crmFieldName = z.string().trim().min(1).max(200);

export const transformSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('trim') }).strict(),
  z.object({ kind: z.literal('case'), to: z.enum(['upper', 'lower', 'title']) }).strict(),
  /** the value sent when the Ferry field is empty */
  z.object({ kind: z.literal('default'), value: z.string().max(1000) }).strict(),
  /** Ferry value → CRM value (e.g. an enumeration option); `otherwise` for values the map does not name ('' sends nothing) */
  z.object({ kind: z.literal('valueMap'), map: z.record(z.string().max(200), z.string().max(200)), otherwise: z.string().max(200).optional() }).strict(),
  /** phones: E.164 (+442079460958), national (020 7946 0958) or international (+44 20 7946 0958), read in `region` when they have no country code */
  z.object({ kind: z.literal('phone'), format: z.enum(['e164', 'national', 'international']), region: z.string().regex(/^[A-Z]{2}$/).optional() }).strict(),
  /** dates: `date` (YYYY-MM-DD), `datetime` (ISO 8601 UTC), `epoch_ms`, `dmy` (31/12/2024), `mdy` (12/31/2024); a time without offset is read in `timeZone` */
  z.object({ kind: z.literal('date'), format: z.enum(['date', 'datetime', 'epoch_ms', 'dmy', 'mdy']), timeZone: z.string().max(64).optional() }).strict(),
  /** joins other Ferry fields after this one (e.g. firstName + lastName → a full name) */
  z.object({ kind: z.literal('join'), with: z.array(ferryFieldSchema).min(1).max(5), separator: z.string().max(10).default(' ') }).strict(),
  /** one part of a full name: `first` (all words but the last) or `last` (the last word) */
  z.object({ kind: z.literal('split'), part: z.enum(['first', 'last']) }).strict(),
]);
export type Transform = z.infer<typeof transformSchema>;

export const fieldRuleSchema = z.object({
  /** the CRM field; absent: the destination's default; null: not sent */
  target: crmFieldName.nullable().optional(),
  transforms: z.array(transformSchema).max(10).optional(),
  policy: z.enum(WRITE_POLICIES).optional(),
}).strict();
export type FieldRule = z.infer<typeof fieldRuleSchema>;

export const conditionSchema = z.union([
  z.object({ tag: z.string().trim().min(1).max(200) }).strict(),
  z.object({ field: ferryFieldSchema, equals: z.string().max(200) }).strict(),
]);
export type Condition = z.infer<typeof conditionSchema>;

/** Sets CRM fields to fixed values for the contacts a condition matches (e.g. tag "customer" → lifecyclestage = customer); the first matching rule per field wins. */
export const valueRuleSchema = z.object({ when: conditionSchema, set: z.record(crmFieldName, z.string().max(200)) }).strict();
export type ValueRule = z.infer<typeof valueRuleSchema>;

export const SALESFORCE_OBJECTS = ['Contact', 'Lead'] as const;
/** Salesforce: which object a new contact becomes; a contact already in Salesforce stays the record it is. */
export const routingSchema = z.object({
  rules: z.array(z.object({ when: conditionSchema, object: z.enum(SALESFORCE_OBJECTS) }).strict()).max(50),
  otherwise: z.enum(SALESFORCE_OBJECTS),
}).strict();
export type Routing = z.infer<typeof routingSchema>;

export const mappingSchema = z.object({
  fields: z.record(ferryFieldSchema, fieldRuleSchema).default({}),
  rules: z.array(valueRuleSchema).max(50).default([]),
  routing: routingSchema.optional(),
  /** CRM fields an earlier mapping wrote: Ferry no longer writes them and never clears them */
  released: z.array(crmFieldName).max(500).default([]),
}).strict();
export type Mapping = z.infer<typeof mappingSchema>;
export type MappingInput = z.input<typeof mappingSchema>;

export const EMPTY_MAPPING: Mapping = { fields: {}, rules: [], released: [] };

/** A CRM field as the Mapping screen and the checks see it. */
export interface CrmFieldView {
  name: string;
  label: string;
  type: CrmFieldType;
  /** enumeration and multi-select options (API values) */
  options?: { value: string; label: string }[];
  /** false: the CRM does not let Ferry write it (read-only, calculated, field-level security) */
  writable: boolean;
  /** longest text it takes, when the CRM says */
  maxLength?: number;
}

/** One row of the Mapping screen's grid (and of `ferry mapping show`). */
export interface MappingRowView {
  ferryField: string;
  /** where the destination sends it by default */
  defaultTarget: string;
  /** where it goes now: the chosen field, the default, or null (not sent) */
  target: string | null;
  /** true when the mapping says something about this field */
  custom: boolean;
  /** the chosen target's type, when the CRM says */
  targetType: CrmFieldType | null;
  transforms: Transform[];
  policy: WritePolicy;
  /** the e-mail: the key records are matched on, not remappable */
  fixed: boolean;
  /** why this row cannot work as set (a field the CRM no longer has or lets Ferry write) */
  problem: string | null;
}

export interface MappingView {
  connectionId: number;
  kind: string;
  crmName: string;
  rows: MappingRowView[];
  /** the CRM's fields; null when the destination takes free-form keys (Zapier, webhooks) */
  crmFields: CrmFieldView[] | null;
  rules: ValueRule[];
  routing: Routing | null;
  /** routing applies (Salesforce) */
  canRoute: boolean;
  /** an admin policy locks the mapping */
  locked: boolean;
  released: string[];
}

/** A contact as the next sync would send it under the mapping (the live preview). */
export interface MappingPreviewView {
  contactId: number;
  name: string;
  values: { field: string; value: string | null }[];
  problems: string[];
}

export const connectionMappingInputSchema = z.object({ connectionId: z.number().int().positive() }).strict();
export const setMappingFieldInputSchema = z.object({
  connectionId: z.number().int().positive(),
  ferryField: ferryFieldSchema,
  /** absent: keep the default target; null: do not send */
  rule: fieldRuleSchema,
}).strict();
export const resetMappingInputSchema = z.object({
  connectionId: z.number().int().positive(),
  /** absent: the whole mapping back to the defaults */
  ferryField: ferryFieldSchema.optional(),
}).strict();
export const setMappingRulesInputSchema = z.object({
  connectionId: z.number().int().positive(),
  rules: z.array(valueRuleSchema).max(50).optional(),
  routing: routingSchema.nullable().optional(),
}).strict();
export const previewMappingInputSchema = z.object({
  connectionId: z.number().int().positive(),
  contactIds: z.array(z.number().int().positive()).max(10).optional(),
}).strict();
