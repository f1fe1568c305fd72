import { parseStringPromise } from 'xml2js';
import type { Reply, SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import type { SalesforceContext, SalesforceRoute } from './context';
import { RecordRejection, SalesforceError, type RecordError } from './errors';
import { commit, findForUpdate, planUpdate } from './record-writes';

/**
 * The Partner SOAP endpoint, POST /services/Soap/u/XX.X, for the one call Ferry
 * makes there: merge() (SOAP API Developer Guide, sforce_api_calls_merge.htm):
 * - "Combines up to three records of the same type into one record"; "The only
 *   supported object types are Lead, Contact and Account"; up to 200 MergeRequests
 *   per call, each its own transaction;
 * - the master ("main") record keeps its Id; field values set on `masterRecord` are
 *   written to it "similar to a call to update"; merge() "deletes the other records,
 *   known as the victim records" (they go to the delete log that Get Deleted reads,
 *   with the master as their MasterRecordId);
 * - each answer is a MergeResult `{ id, success, mergedRecordIds, updatedRelatedIds,
 *   errors }`, as jsforce's schema (lib/api/soap/schema) reads it.
 * The session travels in the envelope's SessionHeader, not an Authorization header;
 * a bad one is a SOAP fault (HTTP 500, faultcode sf:INVALID_SESSION_ID), which is
 * what jsforce's SOAP client checks before refreshing. The sandbox holds no related
 * records, so "re-parenting" has nothing to move.
 */
const MERGEABLE = new Set(['Lead', 'Contact', 'Account']);
const MAX_MERGE_REQUESTS = 200;

type XmlNode = Record<string, unknown>;

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function envelope(body: string): string {
  return '<?xml version="1.0" encoding="UTF-8"?>'
    + '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    + `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
}

function fault(code: string, message: string): Reply {
  return {
    status: 500, contentType: 'text/xml; charset=utf-8',
    text: envelope(`<soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${escapeXml(`${code}: ${message}`)}</faultstring></soapenv:Fault>`),
  };
}

/** The child named `name` whatever its namespace prefix (`<ns1:type>` or `<type>`). */
function child(node: unknown, name: string): unknown {
  if (typeof node !== 'object' || node === null) return undefined;
  for (const [key, value] of Object.entries(node as XmlNode)) if (key === name || key.endsWith(`:${name}`)) return value;
  return undefined;
}

const texts = (value: unknown): string[] => (value === undefined ? [] : (Array.isArray(value) ? value : [value]))
  .map((v) => (typeof v === 'object' && v !== null ? String((v as XmlNode)._ ?? '') : String(v)));
const list = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

interface MergeOutcome { id: string | null; success: boolean; mergedRecordIds: string[]; errors: RecordError[] }

function mergeOne(ctx: SalesforceContext, request: unknown, version: string): MergeOutcome {
  const master = child(request, 'masterRecord');
  const type = texts(child(master, 'type'))[0] ?? '';
  const masterId = texts(child(master, 'Id'))[0] ?? '';
  const victims = texts(child(request, 'recordToMergeIds'));
  const failed = (statusCode: string, message: string): MergeOutcome => ({ id: null, success: false, mergedRecordIds: [], errors: [{ statusCode, message, fields: [] }] });
  if (!MERGEABLE.has(type)) return failed('INVALID_TYPE', `merge is not supported for ${type || 'this type'}`);
  if (victims.length === 0) return failed('MISSING_ARGUMENT', 'recordToMergeIds not specified');
  if (victims.length > 2) return failed('LIMIT_EXCEEDED', 'Up to three records can be merged in a single request, including the master record');
  try {
    findForUpdate(ctx, masterId, type);
    for (const id of victims) {
      if (id === masterId) return failed('INVALID_ID_FIELD', 'the master record cannot be merged into itself');
      findForUpdate(ctx, id, type);
    }
  } catch (error) {
    if (error instanceof RecordRejection) return { id: null, success: false, mergedRecordIds: [], errors: [error.error] };
    throw error;
  }
  // values set on masterRecord supersede the master's, like an update
  const fields: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(master as XmlNode)) {
    const name = key.replace(/^[^:]+:/, '');
    if (name === 'type' || name === 'Id' || name === '$' || name === 'fieldsToNull') continue;
    fields[name] = texts(value)[0] ?? null;
  }
  for (const name of texts(child(master, 'fieldsToNull'))) fields[name] = null;
  if (Object.keys(fields).length > 0) {
    const x = planUpdate(ctx, type, masterId, fields, { dup: { allowSave: true, includeRecordDetails: false }, version });
    if (!x.ok) return { id: null, success: false, mergedRecordIds: [], errors: [x.error] };
    commit(ctx, x.plan);
  }
  for (const id of victims) ctx.store.remove(id, ctx.now(), masterId);
  return { id: masterId, success: true, mergedRecordIds: victims, errors: [] };
}

function resultXml(r: MergeOutcome): string {
  const errors = r.errors.map((e) => `<errors><message>${escapeXml(e.message)}</message><statusCode>${e.statusCode}</statusCode></errors>`).join('');
  return `<result>${errors}${r.id === null ? '<id xsi:nil="true"/>' : `<id>${r.id}</id>`}${r.mergedRecordIds.map((id) => `<mergedRecordIds>${id}</mergedRecordIds>`).join('')}<success>${r.success}</success></result>`;
}

async function soap(req: SandboxRequest, ctx: SalesforceContext): Promise<Reply> {
  let parsed: unknown;
  try {
    parsed = await parseStringPromise(req.rawBody, { explicitArray: false });
  } catch {
    return fault('INVALID_XML', 'the request is not well-formed XML');
  }
  const body = child(child(parsed, 'Envelope'), 'Body');
  const header = child(child(parsed, 'Envelope'), 'Header');
  const sessionId = texts(child(child(header, 'SessionHeader'), 'sessionId'))[0];
  if (sessionId === undefined || !ctx.auth.authenticate(`Bearer ${sessionId}`, ctx.now())) return fault('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session');
  try {
    ctx.limits.admit(ctx.now());
  } catch (error) {
    if (error instanceof SalesforceError) return fault(error.errorCode, error.message);
    throw error;
  }
  const merge = child(body, 'merge');
  if (merge === undefined) return fault('INVALID_OPERATION', 'the sandbox answers merge() only');
  const requests = list(child(merge, 'mergeRequests'));
  if (requests.length > MAX_MERGE_REQUESTS) return fault('LIMIT_EXCEEDED', `Up to ${MAX_MERGE_REQUESTS} merge requests can be made in a single SOAP call`);
  const results = requests.map((r) => mergeOne(ctx, r, req.params.version ?? '62.0'));
  return { status: 200, contentType: 'text/xml; charset=utf-8', text: envelope(`<mergeResponse>${results.map(resultXml).join('')}</mergeResponse>`) };
}

export function addSoapRoutes(router: Router<SalesforceRoute>): void {
  // 'oauth' kind: the session is checked here, from the envelope, and counted against the daily allocation
  router.add('POST', '/services/Soap/u/:version', { handler: soap, kind: 'oauth' });
}
