import { jsonParserError, rejectRecord, RecordRejection, type DuplicateResult } from './errors';
import { attributeType, type JsonRecord } from './wire';
import type { DuplicateHeader } from './rules';
import type { SalesforceContext } from './context';
import { ADDRESS_PREFIXES, KEY_PREFIX, type FieldDef, type ObjectName } from './schema';
import { countryByCode, countryByName, stateByName, stateOf } from './address-picklists';
import type { SfRecord } from './store';
import { duplicateMatches, type MatchGroup } from './matching';

/**
 * Validates one record write the way Salesforce does, in Salesforce's order:
 * field names and access, value formats and lengths, required fields,
 * validation rules, unique values, then duplicate rules. The first problem is
 * thrown as a RecordRejection; nothing is written here.
 */
export type FieldValues = Record<string, string | null>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;

/** Canonical field names → values, from a JSON record (attributes and the id key removed by the caller). */
export function normaliseInput(ctx: SalesforceContext, type: ObjectName, input: Record<string, unknown>, op: 'create' | 'update'): FieldValues {
  const out: FieldValues = {};
  const readOnly: string[] = [];
  for (const [name, raw] of Object.entries(input)) {
    const def = ctx.schema.field(type, name);
    if (!def) throw rejectRecord('INVALID_FIELD', `No such column '${name}' on sobject of type ${type}`, [name]);
    if (op === 'create' ? !def.createable : !def.updateable) { readOnly.push(def.name); continue; }
    if (raw !== null && typeof raw === 'object') throw rejectRecord('INVALID_FIELD', `Cannot deserialize instance of ${def.type} from ${Array.isArray(raw) ? 'START_ARRAY' : 'START_OBJECT'} value for ${def.name}`, [def.name]);
    out[def.name] = raw === null || raw === undefined ? null : String(raw);
  }
  if (readOnly.length > 0) {
    throw rejectRecord('INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to ${op} fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, readOnly);
  }
  return out;
}

/**
 * What Salesforce's JSON reader accepts for typed fields. A value it cannot read
 * fails the WHOLE request with 400 JSON_PARSER_ERROR ("Cannot deserialize
 * instance of date from VALUE_STRING value 2020-04-30T13:19:18+02:00 or request
 * may be missing a required field at [line:1, column:35]", as captured in
 * qoretechnologies/qore#3908, wadewegner/Force.com-Toolkit-for-NET#127,
 * restforce/restforce#897): a date is `YYYY-MM-DD`, a dateTime ISO 8601 with a
 * `T`, numbers and booleans JSON numbers/booleans or their plain text.
 */
const READABLE: Partial<Record<FieldDef['type'], { soap: string; test: (v: string) => boolean }>> = {
  date: { soap: 'date', test: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) },
  datetime: { soap: 'datetime', test: (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(v) && !Number.isNaN(Date.parse(v)) },
  double: { soap: 'double', test: (v) => /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(v.trim()) },
  currency: { soap: 'double', test: (v) => /^-?\d+(\.\d+)?$/.test(v.trim()) },
  int: { soap: 'int', test: (v) => /^-?\d{1,10}$/.test(v.trim()) },
  boolean: { soap: 'boolean', test: (v) => v === 'true' || v === 'false' },
};

/** Throws the whole-request JSON_PARSER_ERROR for the first typed value Salesforce could not read. */
export function assertDeserializable(ctx: SalesforceContext, record: JsonRecord, routeType?: string): void {
  const type = attributeType(record) ?? routeType;
  if (!type || !(ADDRESS_PREFIXES as Record<string, unknown>)[type]) return;
  for (const [name, raw] of Object.entries(record)) {
    if (name === 'attributes' || raw === null || raw === undefined || typeof raw === 'object') continue;
    const def = ctx.schema.field(type as ObjectName, name);
    const reader = def && READABLE[def.type];
    if (!reader || typeof raw === 'number' || (typeof raw === 'boolean' && def.type === 'boolean')) continue;
    const text = String(raw);
    if (text !== '' && !reader.test(text)) throw jsonParserError(`Cannot deserialize instance of ${reader.soap} from VALUE_STRING value ${text} or request may be missing a required field at [line:1, column:1]`);
  }
}

/**
 * A restricted picklist takes only its values, case-sensitively; a multi-select
 * picklist's values are joined with ';'. Otherwise the record fails with
 * INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, "bad value for restricted picklist
 * field: X" (Salesforce Help article 000250168, quoted in
 * MinnPost/object-sync-for-salesforce#128).
 */
function checkPicklist(def: FieldDef, value: string): void {
  if (!def.restrictedPicklist || !def.picklistValues) return;
  const chosen = def.type === 'multipicklist' ? value.split(';') : [value];
  const bad = chosen.find((v) => !def.picklistValues?.includes(v));
  if (bad !== undefined) throw rejectRecord('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${def.label}: bad value for restricted picklist field: ${bad}`, [def.name]);
}

function checkValue(ctx: SalesforceContext, def: FieldDef, value: string): void {
  checkPicklist(def, value);
  if (def.length > 0 && value.length > def.length) {
    throw rejectRecord('STRING_TOO_LONG', `${def.label}: data value too large: ${value.slice(0, 40)} (max length=${def.length})`, [def.name]);
  }
  if (def.type === 'email' && (!EMAIL.test(value) || ctx.settings.rejectEmailPattern?.test(value))) {
    throw rejectRecord('INVALID_EMAIL_ADDRESS', `${def.label}: invalid email address: ${value}`, [def.name]);
  }
  if (def.type === 'reference') {
    if (!ID.test(value)) throw rejectRecord('MALFORMED_ID', `${def.label}: id value of incorrect type: ${value}`, [def.name]);
    if (!value.startsWith(KEY_PREFIX.Account) || !ctx.store.get('Account', value)) {
      throw rejectRecord('INVALID_CROSS_REFERENCE_KEY', `${def.label}: invalid cross reference id`, [def.name]);
    }
  }
}

function duplicateResult(type: ObjectName, ruleName: string, allowSave: boolean, groups: MatchGroup[], version: string): DuplicateResult {
  return {
    allowSave,
    duplicateRule: ruleName,
    duplicateRuleEntityType: type,
    errorMessage: 'Use one of these records?',
    matchResults: groups.map((g) => ({
      entityType: g.entityType, errors: [], matchEngine: 'FuzzyMatchEngine',
      // includeRecordDetails=true: "Get fields and values for records detected as duplicates"
      matchRecords: g.records.map((r) => ({
        additionalInformation: [], fieldDiffs: [], matchConfidence: 90,
        record: { attributes: { type: g.entityType, url: `/services/data/v${version}/sobjects/${g.entityType}/${r.id}` }, Id: r.id, FirstName: r.fields.FirstName ?? null, LastName: r.fields.LastName ?? null, Email: r.fields.Email ?? null },
      })),
      rule: `Standard_${g.entityType}_Match_Rule_v1_1`, size: g.records.length, success: true,
    })),
  };
}

const integrity = (message: string, field: string): RecordRejection => rejectRecord('FIELD_INTEGRITY_EXCEPTION', `${message}: [${field}]`, [field]);
const blank = (v: string | null | undefined): boolean => v === undefined || v === null || v === '';

/**
 * With State and Country/Territory picklists on, free-text countries and states must
 * be the picklists' values (integration values, the full names) and codes must be
 * valid, states for their country; Salesforce keeps text and code in step. Messages
 * as captured in public issue threads (SalesforceFoundation/NPSP#994, #2432).
 */
function checkAddressPicklists(changes: FieldValues, existing: SfRecord | undefined, prefix: string): void {
  const [countryField, stateField, countryCodeField, stateCodeField] = [`${prefix}Country`, `${prefix}State`, `${prefix}CountryCode`, `${prefix}StateCode`];
  let country = existing?.fields[countryCodeField];
  if (countryCodeField in changes) {
    const code = changes[countryCodeField];
    if (blank(code)) { country = undefined; changes[countryField] = null; }
    else {
      const found = countryByCode(code as string);
      if (!found) throw integrity('There\'s a problem with this country, even though it may appear correct. Please select a country/territory from the list of valid countries', countryCodeField);
      country = found.value;
      changes[countryField] = found.label;
    }
  } else if (countryField in changes) {
    const text = changes[countryField];
    if (blank(text)) { country = undefined; changes[countryCodeField] = null; }
    else {
      const found = countryByName(text as string);
      if (!found) throw integrity('There\'s a problem with this country, even though it may appear correct. Please select a country/territory from the list of valid countries', countryField);
      country = found.value;
      changes[countryCodeField] = found.value;
    }
  }
  if (stateCodeField in changes) {
    const code = changes[stateCodeField];
    if (blank(code)) { changes[stateField] = null; return; }
    const found = country ? stateOf(country, code as string) : undefined;
    if (!found) throw integrity('The existing country/territory doesn\'t recognize the state value for field', stateCodeField);
    changes[stateField] = found.label;
  } else if (stateField in changes) {
    const text = changes[stateField];
    if (blank(text)) { changes[stateCodeField] = null; return; }
    const found = country ? stateByName(country, text as string) : undefined;
    if (!found) throw integrity('There\'s a problem with this state, even though it may appear correct. Please select a state from the list of valid states', stateField);
    changes[stateCodeField] = found.value;
  }
}

/**
 * The changes to store for a create (`existing` undefined) or an update, with
 * defaults applied on create. Throws RecordRejection for the first problem.
 */
export function validateWrite(
  ctx: SalesforceContext, type: ObjectName, values: FieldValues, existing: SfRecord | undefined,
  dup: DuplicateHeader, version: string,
): FieldValues {
  if (existing && ctx.settings.lockedRowWrites > 0) {
    ctx.settings.lockedRowWrites--;
    // the record-level lock error real orgs answer, e.g. "UNABLE_TO_LOCK_ROW: unable to obtain
    // exclusive access to this record or 1 records" (quoted in hiratake55/RForcecom#67)
    throw rejectRecord('UNABLE_TO_LOCK_ROW', `unable to obtain exclusive access to this record or 1 records: ${existing.id}`, []);
  }
  const changes: FieldValues = { ...values };
  for (const [name, value] of Object.entries(changes)) {
    const def = ctx.schema.field(type, name);
    if (def && value !== null && value !== '') checkValue(ctx, def, value);
  }
  if (ctx.schema.current().stateCountryPicklists) for (const prefix of ADDRESS_PREFIXES[type]) checkAddressPicklists(changes, existing, prefix);
  const final: Record<string, string> = { ...(existing?.fields ?? {}) };
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === '') delete final[name];
    else final[name] = value;
  }
  if (!existing) {
    for (const def of ctx.schema.fields(type)) {
      if (def.defaultValue !== undefined && final[def.name] === undefined) {
        final[def.name] = def.defaultValue;
        changes[def.name] = def.defaultValue;
      }
    }
  }
  const missing = ctx.schema.fields(type).filter((f) => !f.nillable && f.createable && final[f.name] === undefined).map((f) => f.name);
  if (missing.length > 0) throw rejectRecord('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);

  for (const rule of ctx.settings.validationRules) {
    if (rule.object !== undefined && rule.object !== type) continue;
    const def = ctx.schema.field(type, rule.field);
    const value = def ? final[def.name] : undefined;
    if (value !== undefined && rule.pattern.test(value)) throw rejectRecord('FIELD_CUSTOM_VALIDATION_EXCEPTION', rule.message, def ? [def.name] : []);
  }

  for (const def of ctx.schema.fields(type)) {
    const value = final[def.name];
    if (!def.unique || value === undefined) continue;
    const other = ctx.store.idsWhere(type, def.name, value).find((id) => id !== existing?.id);
    if (other) throw rejectRecord('DUPLICATE_VALUE', `duplicate value found: ${def.name} duplicates value on record with id: ${other}`, [def.name]);
  }

  const rule = ctx.settings.duplicateRules.find((r) => r.object === type);
  if (rule) {
    const groups = duplicateMatches(ctx, type, final, existing?.id);
    const saveAnyway = rule.action === 'allow' && dup.allowSave;
    if (groups.length > 0 && !saveAnyway) {
      const error = new RecordRejection({ statusCode: 'DUPLICATES_DETECTED', message: 'Use one of these records?', fields: [] });
      // real REST bodies spell this key `duplicateResut` (sic): see docs/vendor-facts.md
      if (dup.includeRecordDetails) error.error.duplicateResut = duplicateResult(type, rule.name, rule.action === 'allow', groups, version);
      throw error;
    }
  }
  return changes;
}

/** The fields an upsert keyed on `field` may use (Id or an External ID field). */
export function upsertKeyField(ctx: SalesforceContext, type: ObjectName, field: string): FieldDef | undefined {
  const def = ctx.schema.field(type, field);
  if (!def) return undefined;
  return def.name === 'Id' || def.externalId ? def : undefined;
}
