import { z } from 'zod';
import type { Reply, SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import { companyValues } from './companies-state';
import { scopes, type HubSpotContext, type HubSpotRoute } from './context';
import { invalidPropertyValues, uniqueValueExists, validationError } from './errors';
import { searchIn } from './search-routes';
import type { CrmRecord } from './state';
import { assertBatchSize, batchResponse, parseBody, propertyValuesSchema, publicObject, type BatchError } from './wire';

/**
 * /crm/v3/objects/companies: batch upsert, create and read, and search, as in
 * HubSpot's companies OpenAPI spec (HubSpot-public-api-spec-collection,
 * PublicApiSpecs/CRM/Companies/Rollouts/424/v3/companies.json): the same
 * SimplePublicObject shapes, 100 inputs per batch, `idProperty` only for
 * unique-value properties ("Unable to perform update/upsert by non-unique
 * property", as for contacts: `domain` cannot key an upsert).
 */

const alwaysReturned = ['createdate', 'hs_lastmodifieddate', 'hs_object_id'];
const defaultReadProperties = ['name', 'domain'];

const upsertSchema = z.object({
  inputs: z.array(z.object({
    id: z.string().min(1),
    idProperty: z.string().min(1),
    properties: propertyValuesSchema,
    objectWriteTraceId: z.string().optional(),
  }).strict()),
}).strict();

const createSchema = z.object({
  inputs: z.array(z.object({
    properties: propertyValuesSchema,
    associations: z.array(z.unknown()).optional(),
    objectWriteTraceId: z.string().optional(),
  }).strict()),
}).strict();

const readSchema = z.object({
  inputs: z.array(z.object({ id: z.string().min(1) }).strict()),
  properties: z.array(z.string()).default([]),
  propertiesWithHistory: z.array(z.string()).default([]),
  idProperty: z.string().optional(),
}).strict();

interface CompanyWrite {
  targetId: string | undefined;
  values: Record<string, string | null>;
}

function assertUniqueIdProperty(ctx: HubSpotContext, idProperty: string): void {
  const def = ctx.store.properties.get('companies', idProperty);
  if (!def) throw validationError(`Property "${idProperty}" does not exist and cannot be used as an idProperty`);
  if (!def.hasUniqueValue) throw validationError('Unable to perform update/upsert by non-unique 0-2 property');
}

/** All or nothing, as for contacts: every value and unique value is checked before anything is stored. */
function applyWrites(ctx: HubSpotContext, writes: CompanyWrite[]): Array<{ record: CrmRecord; created: boolean }> {
  const invalid = writes.flatMap((w) => ctx.store.properties.validate('companies', w.values, ctx.store.portalId));
  if (invalid.length > 0) throw invalidPropertyValues(invalid);
  const companies = ctx.store.companies;
  for (const def of ctx.store.properties.list('companies').filter((p) => p.hasUniqueValue)) {
    const claimed = new Map<string, number>();
    writes.forEach((w, index) => {
      const value = w.values[def.name];
      if (value === undefined || value === null || value === '') return;
      const owner = companies.idByUnique(def.name, value);
      if (owner !== undefined && owner !== w.targetId) throw uniqueValueExists(def.name, owner);
      const earlier = claimed.get(value);
      if (earlier !== undefined) throw validationError(`Duplicate value "${value}" for unique property "${def.name}" in batch input (inputs ${earlier} and ${index})`);
      claimed.set(value, index);
    });
  }
  const now = ctx.now();
  return writes.map((w) => ({ created: w.targetId === undefined, record: companies.put(w.targetId ?? ctx.store.newId(), w.values, now, ctx.settings.searchLagMs) }));
}

const wire = (record: CrmRecord): ReturnType<typeof publicObject> => publicObject(record.id, companyValues(record), record.createdAt, record.updatedAt);

function batchUpsert(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const startedAt = ctx.now();
  const { inputs } = parseBody(req, upsertSchema);
  assertBatchSize(inputs.length);
  for (const input of inputs) assertUniqueIdProperty(ctx, input.idProperty);
  const keys = inputs.map((i) => `${i.idProperty}:${i.id}`);
  const dupe = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dupe) throw validationError(`Duplicate IDs found in batch input: [${dupe}]. IDs must be unique`);
  const writes = inputs.map((input): CompanyWrite => ({
    targetId: ctx.store.companies.idByUnique(input.idProperty, input.id),
    // a created record carries its key
    values: { [input.idProperty]: input.id, ...input.properties },
  }));
  const applied = applyWrites(ctx, writes);
  const results = applied.map(({ record, created }, i) => ({
    ...wire(record), new: created,
    ...(inputs[i]?.objectWriteTraceId === undefined ? {} : { objectWriteTraceId: inputs[i]?.objectWriteTraceId }),
  }));
  return batchResponse(results, startedAt, ctx.now());
}

function batchCreate(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const startedAt = ctx.now();
  const { inputs } = parseBody(req, createSchema);
  assertBatchSize(inputs.length);
  const applied = applyWrites(ctx, inputs.map((i) => ({ targetId: undefined, values: i.properties })));
  return { status: 201, body: batchResponse(applied.map((a) => wire(a.record)), startedAt, ctx.now()).body };
}

function batchRead(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const startedAt = ctx.now();
  const input = parseBody(req, readSchema);
  assertBatchSize(input.inputs.length);
  const idProperty = input.idProperty ?? 'hs_object_id';
  if (idProperty !== 'hs_object_id') assertUniqueIdProperty(ctx, idProperty);
  const requested = input.properties.length > 0 ? input.properties : defaultReadProperties;
  const results = [];
  const missing: string[] = [];
  for (const { id } of input.inputs) {
    const targetId = ctx.store.companies.idByUnique(idProperty, id);
    const record = targetId === undefined ? undefined : ctx.store.companies.records.get(targetId);
    if (!record) { missing.push(id); continue; }
    results.push(publicObject(record.id, companyValues(record), record.createdAt, record.updatedAt, requested, alwaysReturned));
  }
  const errors: BatchError[] = missing.length === 0 ? [] : [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Could not get some COMPANY objects, they may be deleted or not exist. Check that ids are valid.', context: { ids: missing } }];
  return batchResponse(results, startedAt, ctx.now(), errors);
}

export function addCompanyRoutes(router: Router<HubSpotRoute>): void {
  const read = [scopes.companiesRead];
  const write = [scopes.companiesWrite];
  const base = '/crm/v3/objects/companies';
  router
    .add('POST', `${base}/batch/upsert`, { handler: batchUpsert, scopes: write, budget: 'standard' })
    .add('POST', `${base}/batch/create`, { handler: batchCreate, scopes: write, budget: 'standard' })
    .add('POST', `${base}/batch/read`, { handler: batchRead, scopes: read, budget: 'standard' })
    .add('POST', `${base}/search`, {
      handler: searchIn({ index: (ctx) => ctx.store.companies.searchable(ctx.now()), defaultProperties: defaultReadProperties, alwaysReturned }),
      scopes: read,
      budget: 'search',
    });
}
