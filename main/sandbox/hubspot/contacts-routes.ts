import { z } from 'zod';
import { queryList, type Reply, type SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import { applyContactWrites, assertUniqueIdProperty, invalidValues, type ContactWrite } from './contact-writes';
import { listContacts } from './list-route';
import { scopes, type HubSpotContext, type HubSpotRoute } from './context';
import { invalidPropertyValues, objectNotFound, validationError } from './errors';
import { contactValues, type CrmRecord } from './state';
import { assertBatchSize, batchResponse, parseBody, propertyValuesSchema, publicObject, type BatchError } from './wire';

/** Properties HubSpot returns on every contact read, whatever was asked for. */
const alwaysReturned = ['createdate', 'hs_object_id', 'lastmodifieddate'];
/** What a contact read returns when no `properties` are named. */
const defaultReadProperties = ['email', 'firstname', 'lastname'];

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

const updateSchema = z.object({
  inputs: z.array(z.object({
    id: z.string().min(1),
    idProperty: z.string().optional(),
    properties: propertyValuesSchema,
    objectWriteTraceId: z.string().optional(),
  }).strict()),
}).strict();

const readSchema = z.object({
  inputs: z.array(z.object({ id: z.string().min(1) }).strict()),
  properties: z.array(z.string()).default([]),
  propertiesWithHistory: z.array(z.string()).default([]),
  idProperty: z.string().optional(),
}).strict();

const singleCreateSchema = z.object({
  properties: propertyValuesSchema,
  associations: z.array(z.unknown()).optional(),
}).strict();

const singleUpdateSchema = z.object({ properties: propertyValuesSchema }).strict();

function writtenObject(record: CrmRecord): ReturnType<typeof publicObject> {
  return publicObject(record.id, contactValues(record), record.createdAt, record.updatedAt);
}

/** HubSpot refuses a batch that names the same record twice. */
function assertDistinct(ids: string[]): void {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const id of ids) (seen.has(id) ? dupes : seen).add(id);
  if (dupes.size > 0) throw validationError(`Duplicate IDs found in batch input: [${[...dupes].join(', ')}]. IDs must be unique`);
}

function resolveId(ctx: HubSpotContext, id: string, idProperty: string | undefined): string | undefined {
  if (idProperty === undefined || idProperty === 'hs_object_id') {
    // a merged-away id answers with the record it was merged into (merge-routes.ts)
    const live = ctx.store.resolveContactId(id);
    return ctx.store.contacts.has(live) ? live : undefined;
  }
  return ctx.store.contactIdByUnique(idProperty, id);
}

function batchUpsert(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const startedAt = ctx.now();
  const { inputs } = parseBody(req, upsertSchema);
  assertBatchSize(inputs.length);
  for (const input of inputs) assertUniqueIdProperty(ctx, input.idProperty);
  assertDistinct(inputs.map((i) => `${i.idProperty}:${i.id}`));
  const writes: ContactWrite[] = inputs.map((input) => ({
    // The natural key matches exactly: HubSpot stores e-mails lower-cased and its
    // upsert does not fold case, so `Bob@Acme.com` finds no `bob@acme.com` and the
    // create that follows conflicts with it (see docs/vendor-facts.md, e-mail keys).
    targetId: input.idProperty === 'email' ? ctx.store.contactIdByStoredEmail(input.id) : ctx.store.contactIdByUnique(input.idProperty, input.id),
    // A created record carries its key: upsert by email sets the email.
    values: { [input.idProperty]: input.id, ...input.properties },
  }));
  const { valid, errors, validated } = multiStatus(ctx, inputs, writes);
  const applied = applyContactWrites(ctx, valid, { validated });
  const results = applied.map(({ record, created }, i) => ({ ...writtenObject(record), new: created, ...traceOf(inputs, writes, valid[i]) }));
  const { status, body } = batchResponse(results, startedAt, ctx.now(), errors);
  return { status, body };
}

type TracedInput = { objectWriteTraceId?: string | undefined };

function traceOf(inputs: TracedInput[], writes: ContactWrite[], write: ContactWrite | undefined): { objectWriteTraceId?: string } {
  const trace = write ? inputs[writes.indexOf(write)]?.objectWriteTraceId : undefined;
  return trace === undefined ? {} : { objectWriteTraceId: trace };
}

/**
 * Multi-status: when every input carries an `objectWriteTraceId`, invalid inputs
 * fail on their own (HTTP 207, each error naming its input by that trace id) and
 * the rest are written; without trace ids the batch is all-or-nothing (400).
 * developers.hubspot.com/docs/api-reference/error-handling, "Multi-status errors":
 * "include a unique objectWriteTraceId value for each input … the response will
 * show which records were created and which were not".
 */
function multiStatus(ctx: HubSpotContext, inputs: TracedInput[], writes: ContactWrite[]): { valid: ContactWrite[]; errors: BatchError[]; validated: boolean } {
  if (!inputs.every((i) => i.objectWriteTraceId)) return { valid: writes, errors: [], validated: false };
  const valid: ContactWrite[] = [];
  const errors: BatchError[] = [];
  writes.forEach((write, i) => {
    const invalid = invalidValues(ctx, write);
    if (invalid.length === 0) { valid.push(write); return; }
    const body = invalidPropertyValues(invalid).body;
    errors.push({ status: 'error', category: 'VALIDATION_ERROR', message: String(body.message), context: { objectWriteTraceId: [inputs[i]?.objectWriteTraceId ?? ''] } });
  });
  return { valid, errors, validated: true };
}

function batchCreate(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const startedAt = ctx.now();
  const { inputs } = parseBody(req, createSchema);
  assertBatchSize(inputs.length);
  const applied = applyContactWrites(ctx, inputs.map((input) => ({ targetId: undefined, values: input.properties })));
  const { body } = batchResponse(applied.map((a) => writtenObject(a.record)), startedAt, ctx.now());
  return { status: 201, body };
}

function batchUpdate(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const startedAt = ctx.now();
  const { inputs } = parseBody(req, updateSchema);
  assertBatchSize(inputs.length);
  assertDistinct(inputs.map((i) => `${i.idProperty ?? 'hs_object_id'}:${i.id}`));
  const errors: BatchError[] = [];
  const writes: ContactWrite[] = [];
  for (const input of inputs) {
    // Per crm-facts: update keyed on email is refused; use upsert.
    if (input.idProperty === 'email') throw validationError('Unable to perform update/upsert by non-unique 0-1 property');
    if (input.idProperty !== undefined) assertUniqueIdProperty(ctx, input.idProperty);
    const targetId = resolveId(ctx, input.id, input.idProperty);
    if (targetId !== undefined) {
      writes.push({ targetId, values: input.properties });
    } else if (input.idProperty !== undefined || /^\d+$/.test(input.id)) {
      errors.push({ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.', context: { ids: [input.id] } });
    }
    // A non-numeric id with no idProperty matches nothing and, like HubSpot, is silently ignored.
  }
  const applied = applyContactWrites(ctx, writes);
  const { status, body } = batchResponse(applied.map((a) => writtenObject(a.record)), startedAt, ctx.now(), errors);
  return { status, body };
}

function batchRead(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const startedAt = ctx.now();
  const input = parseBody(req, readSchema);
  assertBatchSize(input.inputs.length);
  if (input.idProperty !== undefined && input.idProperty !== 'hs_object_id') assertUniqueIdProperty(ctx, input.idProperty);
  const results = [];
  const missing: string[] = [];
  for (const { id } of input.inputs) {
    const targetId = resolveId(ctx, id, input.idProperty);
    const record = targetId === undefined ? undefined : ctx.store.contacts.get(targetId);
    if (!record) { missing.push(id); continue; }
    const requested = input.properties.length > 0 ? input.properties : defaultReadProperties;
    results.push(publicObject(record.id, contactValues(record), record.createdAt, record.updatedAt, requested, alwaysReturned));
  }
  const errors: BatchError[] = missing.length === 0 ? [] : [{
    status: 'error', category: 'OBJECT_NOT_FOUND',
    message: 'Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.',
    context: { ids: missing },
  }];
  const { status, body } = batchResponse(results, startedAt, ctx.now(), errors);
  return { status, body };
}

function createOne(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const input = parseBody(req, singleCreateSchema);
  const [applied] = applyContactWrites(ctx, [{ targetId: undefined, values: input.properties }]);
  if (!applied) throw new Error('a single create produced no record');
  return { status: 201, body: writtenObject(applied.record) };
}

function lookup(req: SandboxRequest, ctx: HubSpotContext): CrmRecord {
  const idProperty = req.query.get('idProperty') ?? undefined;
  const id = req.params.id ?? '';
  if (idProperty !== undefined && idProperty !== 'hs_object_id') assertUniqueIdProperty(ctx, idProperty);
  const targetId = resolveId(ctx, id, idProperty);
  const record = targetId === undefined ? undefined : ctx.store.contacts.get(targetId);
  if (!record) throw objectNotFound(id);
  return record;
}

function getOne(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const record = lookup(req, ctx);
  const requested = queryList(req.query, 'properties') ?? defaultReadProperties;
  const body: Record<string, unknown> = { ...publicObject(record.id, contactValues(record), record.createdAt, record.updatedAt, requested, alwaysReturned) };
  const associations = queryList(req.query, 'associations') ?? [];
  if (associations.includes('notes') || associations.includes('note')) {
    const noteIds = ctx.store.noteIdsForContact(record.id);
    if (noteIds.length > 0) body.associations = { notes: { results: noteIds.map((id) => ({ id, type: 'contact_to_note' })) } };
  }
  return { status: 200, body };
}

function updateOne(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const record = lookup(req, ctx);
  const input = parseBody(req, singleUpdateSchema);
  const [applied] = applyContactWrites(ctx, [{ targetId: record.id, values: input.properties }]);
  if (!applied) throw new Error('a single update produced no record');
  return { status: 200, body: writtenObject(applied.record) };
}

export function addContactRoutes(router: Router<HubSpotRoute>): void {
  const read = [scopes.contactsRead];
  const write = [scopes.contactsWrite];
  const base = '/crm/v3/objects/contacts';
  router
    .add('POST', `${base}/batch/upsert`, { handler: batchUpsert, scopes: write, budget: 'standard' })
    .add('POST', `${base}/batch/create`, { handler: batchCreate, scopes: write, budget: 'standard' })
    .add('POST', `${base}/batch/update`, { handler: batchUpdate, scopes: write, budget: 'standard' })
    .add('POST', `${base}/batch/read`, { handler: batchRead, scopes: read, budget: 'standard' })
    .add('POST', base, { handler: createOne, scopes: write, budget: 'standard' })
    .add('GET', base, { handler: listContacts, scopes: read, budget: 'standard' })
    .add('GET', `${base}/:id`, { handler: getOne, scopes: read, budget: 'standard' })
    .add('PATCH', `${base}/:id`, { handler: updateOne, scopes: write, budget: 'standard' });
}
