import type { Reply, SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import type { DynamicsContext, DynamicsRoute } from './context';
import type { ContactRow } from './org';
import { checkTyped, typedOut } from './typed-columns';
import { queryContacts } from './list-route';
import { deleteRecordChangeHistory, mergeContacts } from './action-routes';
import { isTrackedRead, trackedRead } from './track-changes-route';
import { API_VERSION, DataverseError, dataverseTime, notFound, pluginRefusal, tooLong, unknownProperty } from './wire';

/**
 * contacts: retrieve and upsert. `PATCH contacts(<key>)` creates the row when
 * none matches and updates it otherwise; `If-Match: *` makes it update-only (404
 * when missing) and `If-None-Match: *` create-only (412 when it exists) — Web API
 * "Upsert a table row" and "Limit upsert operations". The answer is 204 with
 * OData-EntityId, or the row with `Prefer: return=representation` (201 created, 200 updated).
 */

type Address = { id: string } | { column: string; value: string };

/** `contacts(<guid>)` or `contacts(name='value')` (quotes doubled inside the literal). */
function parseAddress(segment: string): Address | undefined {
  const m = /^contacts\((.*)\)$/.exec(segment);
  if (!m) return undefined;
  const inner = m[1]!;
  if (/^[0-9a-f-]{36}$/i.test(inner)) return { id: inner.toLowerCase() };
  const pair = /^([a-z0-9_]+)='((?:[^']|'')*)'$/i.exec(inner);
  return pair ? { column: pair[1]!.toLowerCase(), value: pair[2]!.replace(/''/g, "'") } : undefined;
}

function entityUrl(ctx: DynamicsContext, row: ContactRow): string {
  return `${ctx.orgUrl()}/api/data/${API_VERSION}/contacts(${row.contactid})`;
}

function typedFields(ctx: DynamicsContext, row: ContactRow, select?: string[]): Record<string, unknown> {
  const names = select ?? Object.keys(row.fields);
  return Object.fromEntries(names.map((n) => [n, typedOut(ctx.org.typed(n), row.fields[n] ?? null)]));
}

function representation(ctx: DynamicsContext, row: ContactRow): Record<string, unknown> {
  return { '@odata.context': `${ctx.orgUrl()}/api/data/${API_VERSION}/$metadata#contacts/$entity`, contactid: row.contactid, createdon: row.createdon, modifiedon: row.modifiedon, ...typedFields(ctx, row) };
}

/** Values one In() may name in the sandbox (Dataverse caps a URL at 32,768 characters; Ferry sends 100). */
const MAX_IN_VALUES = 500;

/**
 * GET contacts?$select=…&$filter=Microsoft.Dynamics.CRM.In(PropertyName='col',PropertyValues=['a','b'])
 * (Web API Query Function Reference: In; "Query data using the Web API": $select, $filter),
 * the only query shape Ferry sends: the rows whose column holds one of the values,
 * with the columns selected. Anything else in $filter is refused as OData refuses what it cannot parse.
 */
const listContacts: DynamicsRoute = (req, ctx) => {
  const filter = req.query.get('$filter') ?? '';
  const m = /^Microsoft\.Dynamics\.CRM\.In\(PropertyName='([a-z0-9_]+)',PropertyValues=\[(.*)\]\)$/i.exec(filter.trim());
  // any other query (a pull: comparisons, $orderby, paging) is list-route.ts's
  if (!m) return queryContacts(req, ctx);
  const column = m[1]!.toLowerCase();
  if (ctx.org.columnMax(column) === undefined && !ctx.org.typed(column)) throw unknownProperty(column);
  const values = [...m[2]!.matchAll(/'((?:[^']|'')*)'/g)].map((v) => v[1]!.replace(/''/g, "'"));
  if (values.length > MAX_IN_VALUES) throw new DataverseError(400, '0x80060888', 'Too many values in PropertyValues.');
  const select = (req.query.get('$select') ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const unknown = select.find((s) => s !== 'contactid' && ctx.org.columnMax(s) === undefined && !ctx.org.typed(s));
  if (unknown) throw new DataverseError(400, '0x80060888', `Could not find a property named '${unknown}' on type 'Microsoft.Dynamics.CRM.contact'.`);
  const wanted = new Set(values);
  const rows = ctx.org.all().filter((r) => wanted.has(r.fields[column] ?? ''));
  return {
    status: 200,
    headers: { 'OData-Version': '4.0' },
    body: { '@odata.context': `${ctx.orgUrl()}/api/data/${API_VERSION}/$metadata#contacts(${select.join(',')})`, value: rows.map((r) => ({ contactid: r.contactid, ...typedFields(ctx, r, select.filter((s) => s !== 'contactid')) })) },
  };
};

function locate(req: SandboxRequest, ctx: DynamicsContext): { address: Address; row: ContactRow | undefined } {
  const address = parseAddress(req.params.record ?? '');
  if (!address) throw notFound(req.path);
  if ('id' in address) return { address, row: ctx.org.get(address.id) };
  if (!ctx.org.isActiveKey(address.column)) {
    // wording: the sandbox's; the driver never reads it
    throw new DataverseError(400, '0x80040203', `'${address.column}' is not the column of an active alternate key of the entity 'contact'.`);
  }
  return { address, row: ctx.org.find(address.column, address.value) };
}

/** The body's columns, checked as Dataverse checks them: known columns, strings within MaxLength, business rules. */
function fieldsOf(req: SandboxRequest, ctx: DynamicsContext, creating: boolean): Record<string, string | null> {
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody || '{}');
  } catch {
    throw new DataverseError(400, '0x80040203', 'The request body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new DataverseError(400, '0x80040203', 'The request body must be a JSON object.');
  const fields: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(body)) {
    if (name.startsWith('@')) continue;
    const typed = ctx.org.typed(name);
    if (typed) {
      fields[name] = value === null ? null : checkTyped(name, typed, value, creating);
      continue;
    }
    const max = ctx.org.columnMax(name);
    if (max === undefined) throw unknownProperty(name);
    if (value !== null && typeof value !== 'string') throw new DataverseError(400, '0x80040203', `Cannot convert the literal '${String(value)}' to the expected type 'Edm.String'.`);
    if (typeof value === 'string' && value.length > max) throw tooLong(name, max);
    fields[name] = value;
  }
  for (const rule of ctx.settings.rejectRules) {
    const value = fields[rule.column];
    if (typeof value === 'string' && rule.pattern.test(value)) throw pluginRefusal(rule.message);
  }
  return fields;
}

const upsert: DynamicsRoute = (req, ctx) => {
  const { address, row } = locate(req, ctx);
  const ifMatch = req.headers['if-match'];
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifMatch === '*' && !row) throw new DataverseError(404, '0x80040217', 'A record with the specified key values does not exist in contact entity');
  if (ifNoneMatch === '*' && row) throw new DataverseError(412, '0x80060892', 'A record with matching key values already exists.');
  const fields = fieldsOf(req, ctx, !row);
  // a row created through an alternate key address carries that key's value
  if (!row && 'column' in address) fields[address.column] = address.value;
  const conflict = ctx.org.keyConflict(fields, row);
  if (conflict) throw new DataverseError(412, '0x80060892', `A record that has the attribute values ${conflict} already exists. The entity key requires that this set of attributes contains unique values.`);
  const { row: written, created } = ctx.org.write(row, fields, dataverseTime(ctx.now()), 'id' in address ? address.id : undefined);
  const headers = { 'OData-Version': '4.0', 'OData-EntityId': entityUrl(ctx, written) };
  if (/return=representation/i.test(String(req.headers.prefer ?? ''))) return { status: created ? 201 : 200, body: representation(ctx, written), headers };
  return { status: 204, headers };
};

const retrieve: DynamicsRoute = (req, ctx): Reply => {
  if (req.params.record === 'contacts') return isTrackedRead(req) ? trackedRead(req, ctx) : listContacts(req, ctx);
  const { row } = locate(req, ctx);
  if (!row) throw new DataverseError(404, '0x80040217', 'A record with the specified key values does not exist in contact entity');
  return { status: 200, body: representation(ctx, row) };
};

/**
 * `DELETE contacts(<id>)` (Web API "Delete a table row"): 204, or 404 with 0x80040217
 * when no row has that id. The row is gone: nothing in the Web API lists it again.
 */
const remove: DynamicsRoute = (req, ctx) => {
  const { row } = locate(req, ctx);
  if (!row || !ctx.org.remove(row.contactid, ctx.now())) throw new DataverseError(404, '0x80040217', 'A record with the specified key values does not exist in contact entity');
  return { status: 204, headers: { 'OData-Version': '4.0' } };
};

export function addRecordRoutes(api: Router<DynamicsRoute>): void {
  api.add('POST', '/api/data/:version/Merge', mergeContacts);
  api.add('POST', '/api/data/:version/DeleteRecordChangeHistory', deleteRecordChangeHistory);
  api.add('PATCH', '/api/data/:version/:record', upsert);
  api.add('GET', '/api/data/:version/:record', retrieve);
  api.add('DELETE', '/api/data/:version/:record', remove);
}
