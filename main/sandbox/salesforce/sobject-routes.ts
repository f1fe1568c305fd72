import type { Reply, SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import { apiVersion, type SalesforceContext, type SalesforceRoute } from './context';
import { invalidType, RecordRejection, SalesforceError } from './errors';
import { asApiError, commit, findForUpdate, planCreate, planUpdate, planUpsert, type WriteOutcome } from './record-writes';
import { parseDuplicateHeader } from './rules';
import { describeObject, isObjectName, type ObjectName } from './schema';
import { recordView } from './store';
import { parseBody, singleRecordSchema, splitId } from './wire';

/** Single-record REST (create, read, update, upsert by external id, delete) and describe, as jsforce calls them. */

function objectOf(req: SandboxRequest): ObjectName {
  const type = req.params.sobject ?? '';
  if (!isObjectName(type)) throw invalidType(type);
  return type;
}

function failed(x: WriteOutcome): Reply | undefined {
  return x.ok ? undefined : { status: 400, body: [asApiError(x.error)] };
}

function opts(req: SandboxRequest) {
  return { dup: parseDuplicateHeader(req.headers['sforce-duplicate-rule-header']), version: apiVersion(req) };
}

function create(req: SandboxRequest, ctx: SalesforceContext): Reply {
  const type = objectOf(req);
  const { id, fields } = splitId(parseBody(req, singleRecordSchema));
  const x = planCreate(ctx, type, id, fields, opts(req));
  if (!x.ok) return failed(x) as Reply;
  return { status: 201, body: { id: commit(ctx, x.plan), success: true, errors: [] } };
}

function read(req: SandboxRequest, ctx: SalesforceContext): Reply {
  const type = objectOf(req);
  const record = ctx.store.get(type, req.params.id ?? '');
  if (!record) throw new SalesforceError(404, 'NOT_FOUND', 'The requested resource does not exist');
  const requested = req.query.get('fields')?.split(',').map((f) => f.trim()).filter(Boolean);
  const names = requested ?? ctx.schema.fields(type).map((f) => f.name);
  return { status: 200, body: recordView(record, names.map((n) => ctx.schema.field(type, n)?.name ?? n), apiVersion(req)) };
}

function update(req: SandboxRequest, ctx: SalesforceContext): Reply {
  const type = objectOf(req);
  const { fields } = splitId(parseBody(req, singleRecordSchema));
  const x = planUpdate(ctx, type, req.params.id, fields, opts(req));
  if (!x.ok) return x.error.statusCode === 'INVALID_CROSS_REFERENCE_KEY' ? { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] } : failed(x) as Reply;
  commit(ctx, x.plan);
  return { status: 204 };
}

/** HTTP 300 with the matching records' URLs when the external id matches several. */
function upsert(req: SandboxRequest, ctx: SalesforceContext): Reply {
  const type = objectOf(req);
  const field = req.params.field ?? '';
  const value = req.params.value ?? '';
  const { fields } = splitId(parseBody(req, singleRecordSchema));
  const x = planUpsert(ctx, type, field, fields, opts(req), value);
  if (!x.ok && x.error.statusCode === 'DUPLICATE_EXTERNAL_ID') {
    const ids = ctx.store.idsWhere(type, field, value);
    return { status: 300, body: ids.map((id) => `/services/data/v${apiVersion(req)}/sobjects/${type}/${id}`) };
  }
  if (!x.ok) return failed(x) as Reply;
  const id = commit(ctx, x.plan);
  return { status: x.created ? 201 : 200, body: { id, success: true, errors: [], created: x.created } };
}

function remove(req: SandboxRequest, ctx: SalesforceContext): Reply {
  const type = objectOf(req);
  try {
    findForUpdate(ctx, req.params.id, type);
  } catch (error) {
    if (error instanceof RecordRejection) return { status: 404, body: [{ errorCode: error.error.statusCode, message: error.error.message }] };
    throw error;
  }
  ctx.store.remove(req.params.id ?? '', ctx.now());
  return { status: 204 };
}

function describe(req: SandboxRequest, ctx: SalesforceContext): Reply {
  return { status: 200, body: describeObject(ctx.schema, objectOf(req), apiVersion(req)) };
}

export function addSObjectRoutes(router: Router<SalesforceRoute>): void {
  router
    .add('GET', '/services/data/:version/sobjects/:sobject/describe', { handler: describe, kind: 'api' })
    .add('POST', '/services/data/:version/sobjects/:sobject', { handler: create, kind: 'api' })
    .add('GET', '/services/data/:version/sobjects/:sobject/:id', { handler: read, kind: 'api' })
    .add('PATCH', '/services/data/:version/sobjects/:sobject/:id', { handler: update, kind: 'api' })
    .add('DELETE', '/services/data/:version/sobjects/:sobject/:id', { handler: remove, kind: 'api' })
    .add('PATCH', '/services/data/:version/sobjects/:sobject/:field/:value', { handler: upsert, kind: 'api' });
}
