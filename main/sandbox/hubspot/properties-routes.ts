import type { Reply, SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import { scopes, type HubSpotContext, type HubSpotRoute } from './context';
import { HubSpotError, propertyExists, validationError } from './errors';
import { maxUniqueProperties, propertyCreateSchema, propertyToWire, type ObjectType } from './properties';
import { correlationId } from '../shared/ids';
import { assertBatchSize, batchResponse, parseBody, type BatchError } from './wire';
import { z } from 'zod';

function objectTypeOf(req: SandboxRequest): ObjectType {
  // the company routes are literal paths (they need the company scopes), so their type is in the path itself
  const raw = req.params.objectType ?? (/^\/crm\/v3\/properties\/(companies|0-2)(\/|$)/.test(req.path) ? 'companies' : undefined);
  if (raw === 'contacts' || raw === 'contact' || raw === '0-1') return 'contacts';
  if (raw === 'notes' || raw === 'note' || raw === '0-46') return 'notes';
  if (raw === 'companies' || raw === 'company' || raw === '0-2') return 'companies';
  throw new HubSpotError(400, { status: 'error', message: `Unable to infer object type from: ${raw ?? ''}`, correlationId: correlationId(), category: 'VALIDATION_ERROR' });
}

function list(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const objectType = objectTypeOf(req);
  return { status: 200, body: { results: ctx.store.properties.list(objectType).map(propertyToWire) } };
}

function getOne(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const objectType = objectTypeOf(req);
  const name = req.params.name ?? '';
  const def = ctx.store.properties.get(objectType, name);
  if (!def) {
    throw new HubSpotError(404, { status: 'error', message: `Unable to find property ${name} on object type ${objectType}`, correlationId: correlationId(), category: 'OBJECT_NOT_FOUND' });
  }
  return { status: 200, body: propertyToWire(def) };
}

/** Checks one property create as HubSpot does; throws its error. */
function checkCreate(ctx: HubSpotContext, objectType: ObjectType, input: z.infer<typeof propertyCreateSchema>): void {
  const registry = ctx.store.properties;
  if (registry.has(objectType, input.name)) throw propertyExists(input.name);
  // at most ten unique-value properties per object (docs/vendor-facts.md); the
  // wording is the sandbox's own, Ferry counts unique properties before asking
  if (input.hasUniqueValue && registry.uniqueCount(objectType) >= maxUniqueProperties) {
    throw validationError(`Sandbox: no more unique-value properties on ${objectType}.`);
  }
  if (input.type === 'enumeration' && (input.options === undefined || input.options.length === 0) && input.fieldType !== 'booleancheckbox') {
    throw validationError(`Enumeration property ${input.name} needs at least one option.`);
  }
}

function create(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const objectType = objectTypeOf(req);
  const input = parseBody(req, propertyCreateSchema);
  checkCreate(ctx, objectType, input);
  return { status: 201, body: propertyToWire(ctx.store.properties.create(objectType, input, ctx.now())) };
}

const batchCreateSchema = z.object({ inputs: z.array(propertyCreateSchema) }).strict();

/**
 * POST /crm/v3/properties/{objectType}/batch/create ("Create a batch of properties
 * using the same rules as when creating an individual property"): 201 with the
 * created ones; inputs refused on their own (an existing name) come back as errors (207).
 */
function batchCreate(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const startedAt = ctx.now();
  const objectType = objectTypeOf(req);
  const { inputs } = parseBody(req, batchCreateSchema);
  assertBatchSize(inputs.length);
  const results: Array<Record<string, unknown>> = [];
  const errors: BatchError[] = [];
  for (const input of inputs) {
    try {
      checkCreate(ctx, objectType, input);
      results.push(propertyToWire(ctx.store.properties.create(objectType, input, ctx.now())));
    } catch (error) {
      if (!(error instanceof HubSpotError)) throw error;
      errors.push({ status: 'error', category: String(error.body.category), message: error.message, context: { name: [input.name] } });
    }
  }
  const { status, body } = batchResponse(results, startedAt, ctx.now(), errors);
  return { status: status === 200 ? 201 : status, body };
}

export function addPropertyRoutes(router: Router<HubSpotRoute>): void {
  // each object's properties need that object's scopes: companies' first, as literal paths, so they win over `:objectType`
  const companyRead = [scopes.companySchemasRead, scopes.companiesRead];
  const companyWrite = [scopes.companySchemasWrite];
  for (const type of ['companies', '0-2']) {
    router
      .add('GET', `/crm/v3/properties/${type}`, { handler: list, scopes: companyRead, budget: 'standard' })
      .add('GET', `/crm/v3/properties/${type}/:name`, { handler: getOne, scopes: companyRead, budget: 'standard' })
      .add('POST', `/crm/v3/properties/${type}`, { handler: create, scopes: companyWrite, budget: 'standard' })
      .add('POST', `/crm/v3/properties/${type}/batch/create`, { handler: batchCreate, scopes: companyWrite, budget: 'standard' });
  }
  const read = [scopes.schemasRead, scopes.contactsRead];
  router
    .add('GET', '/crm/v3/properties/:objectType', { handler: list, scopes: read, budget: 'standard' })
    .add('GET', '/crm/v3/properties/:objectType/:name', { handler: getOne, scopes: read, budget: 'standard' })
    .add('POST', '/crm/v3/properties/:objectType', { handler: create, scopes: [scopes.schemasWrite], budget: 'standard' })
    .add('POST', '/crm/v3/properties/:objectType/batch/create', { handler: batchCreate, scopes: [scopes.schemasWrite], budget: 'standard' });
}
