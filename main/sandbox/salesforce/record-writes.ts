import type { SalesforceContext } from './context';
import { RecordRejection, rejectRecord, type RecordError } from './errors';
import type { DuplicateHeader } from './rules';
import { isObjectName, type ObjectName } from './schema';
import type { SfRecord } from './store';
import type { JsonRecord } from './wire';
import { normaliseInput, upsertKeyField, validateWrite, type FieldValues } from './writes';

/**
 * One record's create, update or upsert, split into a check and a commit so an
 * allOrNone request can check everything before writing anything.
 */
interface PlannedWrite {
  type: ObjectName;
  /** undefined = a new record */
  existingId: string | undefined;
  changes: FieldValues;
}

export type WriteOutcome = { ok: true; plan: PlannedWrite; created: boolean } | { ok: false; error: RecordError };

export interface WriteOptions {
  dup: DuplicateHeader;
  version: string;
}

function attempt(fn: () => WriteOutcome): WriteOutcome {
  try {
    return fn();
  } catch (error) {
    if (error instanceof RecordRejection) return { ok: false, error: error.error };
    throw error;
  }
}

export function planCreate(ctx: SalesforceContext, typeName: string | undefined, id: string | undefined, input: JsonRecord, o: WriteOptions): WriteOutcome {
  return attempt(() => {
    if (!typeName || !isObjectName(typeName)) throw rejectRecord('INVALID_TYPE', typeName ? `sObject type '${typeName}' is not supported.` : 'No SObject Type defined in record', []);
    if (id !== undefined) throw rejectRecord('INVALID_FIELD', 'cannot specify Id in an insert call', ['Id']);
    const values = normaliseInput(ctx, typeName, input, 'create');
    return { ok: true, created: true, plan: { type: typeName, existingId: undefined, changes: validateWrite(ctx, typeName, values, undefined, o.dup, o.version) } };
  });
}

/** The stored record for an id, or the error Salesforce gives for a missing one. */
export function findForUpdate(ctx: SalesforceContext, id: string | undefined, typeName: string | undefined): SfRecord {
  if (!id) throw rejectRecord('MISSING_ARGUMENT', 'Id not specified in an update call', []);
  if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(id)) throw rejectRecord('MALFORMED_ID', `malformed id ${id}`, []);
  if (ctx.store.isDeleted(id)) throw rejectRecord('ENTITY_IS_DELETED', 'entity is deleted', []);
  const record = ctx.store.find(id);
  if (!record || (typeName !== undefined && record.type !== typeName)) throw rejectRecord('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', []);
  // a converted Lead is read-only: statusCode CANNOT_UPDATE_CONVERTED_LEAD, message
  // "cannot reference converted lead" (as public issue threads quote it; docs/vendor-facts.md)
  if (record.type === 'Lead' && record.fields.IsConverted === 'true') throw rejectRecord('CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead', []);
  return record;
}

export function planUpdate(ctx: SalesforceContext, typeName: string | undefined, id: string | undefined, input: JsonRecord, o: WriteOptions): WriteOutcome {
  return attempt(() => {
    const record = findForUpdate(ctx, id, typeName);
    const values = normaliseInput(ctx, record.type, input, 'update');
    return { ok: true, created: false, plan: { type: record.type, existingId: record.id, changes: validateWrite(ctx, record.type, values, record, o.dup, o.version) } };
  });
}

/** Upsert keyed on an External ID field (or Id); several matches are DUPLICATE_EXTERNAL_ID. */
export function planUpsert(ctx: SalesforceContext, type: ObjectName, keyField: string, input: JsonRecord, o: WriteOptions, keyValue?: string): WriteOutcome {
  return attempt(() => {
    const def = upsertKeyField(ctx, type, keyField);
    if (!def) throw rejectRecord('INVALID_FIELD', `Field name provided, ${keyField} is not an External ID or indexed field for ${type}`, [keyField]);
    const keyEntry = Object.entries(input).find(([k]) => k.toLowerCase() === def.name.toLowerCase());
    const value = keyValue ?? (keyEntry && typeof keyEntry[1] === 'string' ? keyEntry[1] : undefined);
    if (!value) throw rejectRecord('MISSING_ARGUMENT', `${def.name} not specified`, [def.name]);
    const ids = def.name === 'Id' ? (ctx.store.get(type, value) ? [value] : []) : ctx.store.idsWhere(type, def.name, value);
    if (ids.length > 1) throw rejectRecord('DUPLICATE_EXTERNAL_ID', `${def.name}: more than one record found for external id field: [${ids.join(', ')}]`, [def.name]);
    const fields = def.name === 'Id' ? input : { ...input, [def.name]: value };
    const existing = ids[0] === undefined ? undefined : ctx.store.get(type, ids[0]);
    const values = normaliseInput(ctx, type, Object.fromEntries(Object.entries(fields).filter(([k]) => k.toLowerCase() !== 'id')), existing ? 'update' : 'create');
    return { ok: true, created: !existing, plan: { type, existingId: existing?.id, changes: validateWrite(ctx, type, values, existing, o.dup, o.version) } };
  });
}

/** Writes a checked plan; returns the record id. */
export function commit(ctx: SalesforceContext, plan: PlannedWrite): string {
  const id = plan.existingId ?? ctx.store.newId(plan.type);
  ctx.store.put(plan.type, id, plan.changes, ctx.now());
  return id;
}

/** A whole-request error entry for a single-record call (the REST array shape). */
export function asApiError(error: RecordError): Record<string, unknown> {
  return { message: error.message, errorCode: error.statusCode, fields: error.fields, ...(error.duplicateResut ? { duplicateResut: error.duplicateResut } : {}) };
}
