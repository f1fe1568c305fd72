import type { Reply, SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import { apiVersion, type SalesforceContext, type SalesforceRoute } from './context';
import { invalidType, SalesforceError, type RecordError } from './errors';
import { commit, planCreate, planUpdate, planUpsert, type WriteOptions, type WriteOutcome } from './record-writes';
import { parseDuplicateHeader } from './rules';
import { isObjectName } from './schema';
import { assertDeserializable, upsertKeyField } from './writes';
import { attributeType, collectionBodySchema, MAX_COLLECTION_RECORDS, parseBody, splitId, type JsonRecord } from './wire';

/**
 * sObject Collections: create (POST), update by id (PATCH) and upsert by an
 * External ID (PATCH …/{SObject}/{Field}), at most 200 records per call.
 *
 * Invariants: every record gets exactly one result, in request order; with
 * allOrNone false (the default) each valid record is written even when others
 * fail, and later records see earlier ones (a unique value used twice in one
 * call fails the second); with allOrNone true nothing is written unless all pass.
 */
type SaveResult =
  | { id: string; success: true; errors: []; created?: boolean }
  | { id?: string; success: false; errors: RecordError[] };

const rolledBack: RecordError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

function options(req: SandboxRequest): WriteOptions {
  return { dup: parseDuplicateHeader(req.headers['sforce-duplicate-rule-header']), version: apiVersion(req) };
}

function run(ctx: SalesforceContext, req: SandboxRequest, plan: (record: JsonRecord, o: WriteOptions) => WriteOutcome, withCreated: boolean): Reply {
  const body = parseBody(req, collectionBodySchema);
  if (body.records.length > MAX_COLLECTION_RECORDS) {
    throw new SalesforceError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_COLLECTION_RECORDS} records into this call`);
  }
  assertNoHiddenFields(ctx, body.records);
  for (const record of body.records) assertDeserializable(ctx, record, req.params.sobject);
  const o = options(req);
  const results: SaveResult[] = [];
  if (body.allOrNone) {
    const outcomes = body.records.map((r) => plan(r, o));
    if (outcomes.every((x) => x.ok)) {
      for (const x of outcomes) if (x.ok) results.push(success(commit(ctx, x.plan), x.created, withCreated));
    } else {
      for (const x of outcomes) results.push({ success: false, errors: [x.ok ? rolledBack : x.error] });
    }
  } else {
    for (const record of body.records) {
      const x = plan(record, o);
      results.push(x.ok ? success(commit(ctx, x.plan), x.created, withCreated) : { success: false, errors: [x.error] });
    }
  }
  return { status: 200, body: results };
}

/**
 * A field the API user's profile cannot see fails the whole collection request
 * (INVALID_FIELD, "No such column"), not just its record: the body does not
 * deserialize. Read-only fields fail per record instead (writes.ts).
 */
function assertNoHiddenFields(ctx: SalesforceContext, records: JsonRecord[]): void {
  for (const record of records) {
    const type = attributeType(record);
    if (!type || !isObjectName(type)) continue;
    const hidden = Object.keys(record).find((k) => k !== 'attributes' && ctx.schema.isHidden(type, k));
    if (hidden) throw new SalesforceError(400, 'INVALID_FIELD', `No such column '${hidden}' on sobject of type ${type}`, [hidden]);
  }
}

function success(id: string, created: boolean, withCreated: boolean): SaveResult {
  return withCreated ? { id, success: true, errors: [], created } : { id, success: true, errors: [] };
}

function create(req: SandboxRequest, ctx: SalesforceContext): Reply {
  return run(ctx, req, (record, o) => {
    const { id, fields } = splitId(record);
    return planCreate(ctx, attributeType(record), id, fields, o);
  }, false);
}

function update(req: SandboxRequest, ctx: SalesforceContext): Reply {
  return run(ctx, req, (record, o) => {
    const { id, fields } = splitId(record);
    return planUpdate(ctx, attributeType(record), id, fields, o);
  }, false);
}

function upsert(req: SandboxRequest, ctx: SalesforceContext): Reply {
  const type = req.params.sobject ?? '';
  const field = req.params.field ?? '';
  if (!isObjectName(type)) throw invalidType(type);
  // A key that is not an External ID fails the whole call, as in Salesforce.
  if (!upsertKeyField(ctx, type, field)) {
    throw new SalesforceError(400, 'INVALID_FIELD', `Field name provided, ${field} is not an External ID or indexed field for ${type}`, [field]);
  }
  return run(ctx, req, (record, o) => {
    const { fields } = splitId(record);
    return planUpsert(ctx, type, field, field.toLowerCase() === 'id' ? record : fields, o);
  }, true);
}

export function addCollectionRoutes(router: Router<SalesforceRoute>): void {
  router
    .add('POST', '/services/data/:version/composite/sobjects', { handler: create, kind: 'api' })
    .add('PATCH', '/services/data/:version/composite/sobjects', { handler: update, kind: 'api' })
    .add('PATCH', '/services/data/:version/composite/sobjects/:sobject/:field', { handler: upsert, kind: 'api' });
}
