import type { Reply, SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import { scopes, type HubSpotContext, type HubSpotRoute } from './context';
import { HubSpotError, propertyExists, validationError } from './errors';
import { maxUniqueProperties, propertyCreateSchema, propertyToWire, type ObjectType } from './properties';
import { correlationId } from '../shared/ids';
import { parseBody } from './wire';

function objectTypeOf(req: SandboxRequest): ObjectType {
  const raw = req.params.objectType;
  if (raw === 'contacts' || raw === 'contact' || raw === '0-1') return 'contacts';
  if (raw === 'notes' || raw === 'note' || raw === '0-46') return 'notes';
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

function create(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const objectType = objectTypeOf(req);
  const input = parseBody(req, propertyCreateSchema);
  const registry = ctx.store.properties;
  if (registry.has(objectType, input.name)) throw propertyExists(input.name);
  if (input.hasUniqueValue && registry.uniqueCount(objectType) >= maxUniqueProperties) {
    throw validationError(`An object type may have at most ${maxUniqueProperties} unique value properties.`);
  }
  if (input.type === 'enumeration' && (input.options === undefined || input.options.length === 0) && input.fieldType !== 'booleancheckbox') {
    throw validationError(`Enumeration property ${input.name} needs at least one option.`);
  }
  return { status: 201, body: propertyToWire(registry.create(objectType, input, ctx.now())) };
}

export function addPropertyRoutes(router: Router<HubSpotRoute>): void {
  const read = [scopes.schemasRead, scopes.contactsRead];
  router
    .add('GET', '/crm/v3/properties/:objectType', { handler: list, scopes: read, budget: 'standard' })
    .add('GET', '/crm/v3/properties/:objectType/:name', { handler: getOne, scopes: read, budget: 'standard' })
    .add('POST', '/crm/v3/properties/:objectType', { handler: create, scopes: [scopes.schemasWrite], budget: 'standard' });
}
