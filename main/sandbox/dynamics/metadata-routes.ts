import { randomUUID } from 'node:crypto';
import type { Router } from '../shared/router';
import type { DynamicsContext, DynamicsRoute } from './context';
import { attributeOut, optionSetOut } from './typed-columns';
import { API_VERSION, DataverseError, missingPrivilege, notFound } from './wire';

/**
 * The metadata Ferry reads and writes (Web API "Query table definitions",
 * "Create and update column definitions", "Define alternate keys"), for the
 * contact table only, plus WhoAmI and the Default solution's publisher.
 */

const CONTACT_DEFINITION = "EntityDefinitions(LogicalName='contact')";

function contactOnly(ctx: DynamicsContext, entity: string | undefined, path: string): void {
  if (entity !== CONTACT_DEFINITION) throw notFound(path);
  void ctx;
}

function body(raw: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(raw || '{}');
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new DataverseError(400, '0x80040203', 'The request body is not a valid JSON object.');
}

const whoAmI: DynamicsRoute = (_req, ctx) => ({
  status: 200,
  body: {
    '@odata.context': `${ctx.orgUrl()}/api/data/${API_VERSION}/$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
    BusinessUnitId: '2a5b7e1c-0000-4000-8000-000000000001', UserId: ctx.settings.userId, OrganizationId: ctx.settings.organizationId,
  },
});

const listKeys: DynamicsRoute = (req, ctx) => {
  contactOnly(ctx, req.params.entity, req.path);
  return {
    status: 200,
    body: { value: ctx.org.alternateKeys().map((k) => ({ LogicalName: k.logicalName, SchemaName: k.logicalName, KeyAttributes: [k.column], EntityKeyIndexStatus: k.status })) },
  };
};

const createKey: DynamicsRoute = (req, ctx) => {
  contactOnly(ctx, req.params.entity, req.path);
  if (!ctx.settings.canCustomize) throw missingPrivilege(ctx.settings.userId, 'prvCreateEntityKey');
  const b = body(req.rawBody);
  const attributes = Array.isArray(b.KeyAttributes) ? b.KeyAttributes.filter((a): a is string => typeof a === 'string') : [];
  if (attributes.length !== 1 || ctx.org.columnMax(attributes[0]!) === undefined) throw new DataverseError(400, '0x80040203', 'KeyAttributes must name existing columns of the entity.');
  const key = ctx.org.addKey(attributes[0]!, ctx.settings.newKeyStatus);
  return { status: 204, headers: { 'OData-EntityId': `${ctx.orgUrl()}/api/data/${API_VERSION}/${CONTACT_DEFINITION}/Keys(${randomUUID()})`, 'x-sandbox-key': key.logicalName } };
};

/** EntityDefinitions(LogicalName='contact')/Attributes: every column's AttributeMetadata (typed-columns.ts). */
const listAttributes: DynamicsRoute = (req, ctx) => {
  contactOnly(ctx, req.params.entity, req.path);
  return { status: 200, body: { value: ctx.org.definitions().map(([name, d]) => attributeOut(name, d)) } };
};

/**
 * …/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$expand=OptionSet (and the
 * MultiSelectPicklist cast): the choice columns with their options ("Query table
 * definitions using the Web API", retrieving attributes of a derived type).
 */
const listChoiceAttributes: DynamicsRoute = (req, ctx) => {
  contactOnly(ctx, req.params.entity, req.path);
  const cast = req.params.cast ?? '';
  const wanted = cast === 'Microsoft.Dynamics.CRM.PicklistAttributeMetadata' ? 'picklist' : cast === 'Microsoft.Dynamics.CRM.MultiSelectPicklistAttributeMetadata' ? 'multi' : null;
  if (!wanted) throw notFound(req.path);
  const columns = ctx.org.definitions().filter(([, d]) => (wanted === 'multi' ? d.typeName === 'MultiSelectPicklistType' : d.type === 'Picklist'));
  const expand = /OptionSet/.test(req.query.get('$expand') ?? '');
  return { status: 200, body: { value: columns.map(([name, d]) => ({ LogicalName: name, ...(expand ? { OptionSet: optionSetOut(d) } : {}) })) } };
};

const createAttribute: DynamicsRoute = (req, ctx) => {
  contactOnly(ctx, req.params.entity, req.path);
  if (!ctx.settings.canCustomize) throw missingPrivilege(ctx.settings.userId, 'prvCreateAttribute');
  const b = body(req.rawBody);
  const schemaName = typeof b.SchemaName === 'string' ? b.SchemaName : '';
  // a custom column's name starts with a publisher's customization prefix and an underscore
  if (!schemaName.toLowerCase().startsWith(`${ctx.org.prefix}_`)) {
    throw new DataverseError(400, '0x80040203', `The schema name ${schemaName} for this column does not start with the customization prefix of the publisher (${ctx.org.prefix}_).`);
  }
  const logicalName = schemaName.toLowerCase();
  if (ctx.org.columnMax(logicalName) !== undefined) throw new DataverseError(400, '0x80044363', `An attribute with the specified name ${logicalName} already exists.`);
  const maxLength = typeof b.MaxLength === 'number' && b.MaxLength > 0 && b.MaxLength <= 4_000 ? b.MaxLength : 100;
  ctx.org.addColumn(logicalName, maxLength);
  return { status: 204, headers: { 'OData-EntityId': `${ctx.orgUrl()}/api/data/${API_VERSION}/${CONTACT_DEFINITION}/Attributes(${randomUUID()})` } };
};

/** `solutions?$filter=uniquename eq 'Default'&$expand=publisherid(...)`: the Default solution and its publisher's prefix. */
const solutions: DynamicsRoute = (req, ctx) => {
  const filter = req.query.get('$filter') ?? '';
  const wantsDefault = /uniquename\s+eq\s+'Default'/i.test(filter);
  return {
    status: 200,
    body: { value: wantsDefault ? [{ uniquename: 'Default', solutionid: 'fd140aaf-4df4-11dd-bd17-0019b9312238', publisherid: { customizationprefix: ctx.org.prefix, publisherid: 'd21aab71-79e7-11dd-8874-00188b01e34f' } }] : [] },
  };
};

export function addMetadataRoutes(api: Router<DynamicsRoute>): void {
  api.add('GET', '/api/data/:version/WhoAmI', whoAmI);
  api.add('GET', '/api/data/:version/solutions', solutions);
  api.add('GET', '/api/data/:version/:entity/Keys', listKeys);
  api.add('POST', '/api/data/:version/:entity/Keys', createKey);
  api.add('GET', '/api/data/:version/:entity/Attributes', listAttributes);
  api.add('GET', '/api/data/:version/:entity/Attributes/:cast', listChoiceAttributes);
  api.add('POST', '/api/data/:version/:entity/Attributes', createAttribute);
}
