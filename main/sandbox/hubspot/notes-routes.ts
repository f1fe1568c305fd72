import { z } from 'zod';
import { queryList, type Reply, type SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import { scopes, type HubSpotContext, type HubSpotRoute } from './context';
import { invalidPropertyValues, objectNotFound, propertyValueError, validationError, type PropertyValueError } from './errors';
import { parseHubSpotTime } from './properties';
import { noteValues, type NoteRecord } from './state';
import { associationInputSchema, assertBatchSize, batchResponse, parseBody, propertyValuesSchema, publicObject, type AssociationInput, type BatchError } from './wire';

/** HubSpot's association type for note → contact (AssociationTypes.noteToContact in the SDK). */
export const noteToContactTypeId = 202;
/** …and the reverse direction, contact → note. */
export const contactToNoteTypeId = 201;

const createInput = z.object({
  properties: propertyValuesSchema,
  associations: z.array(associationInputSchema).default([]),
  objectWriteTraceId: z.string().optional(),
}).strict();
const updateInput = z.object({ id: z.string().min(1), properties: propertyValuesSchema, idProperty: z.string().optional(), objectWriteTraceId: z.string().optional() }).strict();
const batchCreateSchema = z.object({ inputs: z.array(createInput) }).strict();
const batchUpdateSchema = z.object({ inputs: z.array(updateInput) }).strict();
const batchReadSchema = z.object({
  inputs: z.array(z.object({ id: z.string().min(1) }).strict()),
  properties: z.array(z.string()).default([]),
  propertiesWithHistory: z.array(z.string()).default([]),
  idProperty: z.string().optional(),
}).strict();
const singleUpdateSchema = z.object({ properties: propertyValuesSchema }).strict();
const batchArchiveSchema = z.object({ inputs: z.array(z.object({ id: z.string().min(1) }).strict()) }).strict();

const alwaysReturned = ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'];

type NoteWrite = { targetId: string | undefined; values: Record<string, string | null>; contactIds: string[] };

function validateValues(ctx: HubSpotContext, values: Record<string, string | null>, creating: boolean): PropertyValueError[] {
  const errors = ctx.store.properties.validate('notes', values, ctx.store.portalId);
  const timestamp = values.hs_timestamp;
  if (creating && (timestamp === undefined || timestamp === null || timestamp === '')) {
    errors.push(propertyValueError(ctx.store.portalId, 'hs_timestamp', 'REQUIRED_PROPERTY', 'hs_timestamp is required'));
  }
  return errors;
}

/** Contacts named by note associations; only note → contact (202) is supported. */
function contactIdsOf(ctx: HubSpotContext, associations: AssociationInput[]): string[] {
  return associations.map((association) => {
    const type = association.types.find((t) => t.associationTypeId !== noteToContactTypeId || t.associationCategory !== 'HUBSPOT_DEFINED');
    if (type) throw validationError(`Association type ${type.associationCategory}/${type.associationTypeId} is not valid from a note; use HUBSPOT_DEFINED/${noteToContactTypeId} to associate a contact`);
    if (!ctx.store.contacts.has(association.to.id)) {
      throw validationError('One or more associations are invalid', { context: { toObjectId: [association.to.id] } });
    }
    return association.to.id;
  });
}

/** Validates every write before storing any: a refused batch leaves nothing behind. */
function applyNoteWrites(ctx: HubSpotContext, writes: NoteWrite[]): NoteRecord[] {
  const errors = writes.flatMap((w) => validateValues(ctx, w.values, w.targetId === undefined));
  if (errors.length > 0) throw invalidPropertyValues(errors);
  const now = ctx.now();
  return writes.map((w) => {
    const values = { ...w.values };
    const ts = values.hs_timestamp;
    if (ts) values.hs_timestamp = new Date(parseHubSpotTime(ts) ?? 0).toISOString();
    return ctx.store.putNote(w.targetId ?? ctx.store.newId(), values, w.contactIds, now);
  });
}

function wire(note: NoteRecord, requested?: string[]): ReturnType<typeof publicObject> {
  return publicObject(note.id, noteValues(note), note.createdAt, note.updatedAt, requested, requested ? alwaysReturned : []);
}

function createOne(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const input = parseBody(req, createInput);
  const [note] = applyNoteWrites(ctx, [{ targetId: undefined, values: input.properties, contactIds: contactIdsOf(ctx, input.associations) }]);
  if (!note) throw new Error('a single note create produced no record');
  return { status: 201, body: wire(note) };
}

function batchCreate(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const startedAt = ctx.now();
  const { inputs } = parseBody(req, batchCreateSchema);
  assertBatchSize(inputs.length);
  const notes = applyNoteWrites(ctx, inputs.map((i) => ({ targetId: undefined, values: i.properties, contactIds: contactIdsOf(ctx, i.associations) })));
  return { status: 201, body: batchResponse(notes.map((n) => wire(n)), startedAt, ctx.now()).body };
}

function batchUpdate(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const startedAt = ctx.now();
  const { inputs } = parseBody(req, batchUpdateSchema);
  assertBatchSize(inputs.length);
  const missing = inputs.filter((i) => !ctx.store.notes.has(i.id)).map((i) => i.id);
  const writes = inputs.filter((i) => ctx.store.notes.has(i.id)).map((i) => ({ targetId: i.id, values: i.properties, contactIds: [] }));
  const notes = applyNoteWrites(ctx, writes);
  const errors: BatchError[] = missing.length === 0 ? [] : [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Could not get some NOTE objects, they may be deleted or not exist. Check that ids are valid.', context: { ids: missing } }];
  const { status, body } = batchResponse(notes.map((n) => wire(n)), startedAt, ctx.now(), errors);
  return { status, body };
}

function batchRead(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const startedAt = ctx.now();
  const input = parseBody(req, batchReadSchema);
  assertBatchSize(input.inputs.length);
  const requested = input.properties.length > 0 ? input.properties : ['hs_timestamp', 'hs_note_body'];
  const found = input.inputs.map((i) => ctx.store.notes.get(i.id)).filter((n): n is NoteRecord => n !== undefined);
  const missing = input.inputs.filter((i) => !ctx.store.notes.has(i.id)).map((i) => i.id);
  const errors: BatchError[] = missing.length === 0 ? [] : [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Could not get some NOTE objects, they may be deleted or not exist. Check that ids are valid.', context: { ids: missing } }];
  const { status, body } = batchResponse(found.map((n) => wire(n, requested)), startedAt, ctx.now(), errors);
  return { status, body };
}

function noteOf(req: SandboxRequest, ctx: HubSpotContext): NoteRecord {
  const id = req.params.id ?? '';
  const note = ctx.store.notes.get(id);
  if (!note) throw objectNotFound(id);
  return note;
}

function getOne(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const note = noteOf(req, ctx);
  const body: Record<string, unknown> = { ...wire(note, queryList(req.query, 'properties') ?? ['hs_timestamp', 'hs_note_body']) };
  const associations = queryList(req.query, 'associations') ?? [];
  if ((associations.includes('contacts') || associations.includes('contact')) && note.contactIds.size > 0) {
    body.associations = { contacts: { results: [...note.contactIds].map((id) => ({ id, type: 'note_to_contact' })) } };
  }
  return { status: 200, body };
}

function updateOne(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const note = noteOf(req, ctx);
  const input = parseBody(req, singleUpdateSchema);
  const [updated] = applyNoteWrites(ctx, [{ targetId: note.id, values: input.properties, contactIds: [] }]);
  if (!updated) throw new Error('a single note update produced no record');
  return { status: 200, body: wire(updated) };
}

/**
 * POST …/notes/batch/archive: 204 No Content, also for ids that are already gone
 * (BatchInputSimplePublicObjectId → 204 in HubSpot's OpenAPI specs).
 */
function batchArchive(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const { inputs } = parseBody(req, batchArchiveSchema);
  assertBatchSize(inputs.length);
  for (const { id } of inputs) ctx.store.archiveNote(id);
  return { status: 204 };
}

/** GET /crm/v4/objects/{from}/{id}/associations/{to}: contacts ↔ notes only. */
function listAssociations(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const from = req.params.fromType ?? '';
  const to = req.params.toType ?? '';
  const id = req.params.id ?? '';
  let targets: string[];
  let typeId: number;
  if (/^(contacts?|0-1)$/.test(from) && /^(notes?|0-46)$/.test(to)) {
    if (!ctx.store.contacts.has(id)) throw objectNotFound(id);
    targets = ctx.store.noteIdsForContact(id);
    typeId = contactToNoteTypeId;
  } else if (/^(notes?|0-46)$/.test(from) && /^(contacts?|0-1)$/.test(to)) {
    targets = [...noteOf({ ...req, params: { id } }, ctx).contactIds];
    typeId = noteToContactTypeId;
  } else {
    throw validationError(`The sandbox only models contact ↔ note associations, not ${from} → ${to}`);
  }
  const results = targets.map((toObjectId) => ({ toObjectId: Number(toObjectId), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId, label: null }] }));
  return { status: 200, body: { results } };
}

/**
 * HubSpot's cap on association batch reads: "may not exceed 1000 IDs per request
 * body" (developer changelog, "Bug Fix: Batch Read Limit for HubSpot Associations
 * API", effective 2025-02-10).
 */
const ASSOCIATION_BATCH_READ_MAX = 1000;
const associationBatchReadSchema = z.object({ inputs: z.array(z.object({ id: z.string().min(1), after: z.string().optional() }).strict()) }).strict();

/**
 * POST /crm/v4/associations/{from}/{to}/batch/read, contacts → notes:
 * BatchResponsePublicAssociationMultiWithLabel in HubSpot's v4 associations
 * OpenAPI spec (HubSpot-public-api-spec-collection, CRM/Associations v4):
 * `{ status, results: [{ from: { id }, to: [{ toObjectId, associationTypes }] }], startedAt, completedAt }`.
 * A contact with no notes is left out of `results`.
 */
function batchReadAssociations(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const from = req.params.fromType ?? '';
  const to = req.params.toType ?? '';
  if (!(/^(contacts?|0-1)$/.test(from) && /^(notes?|0-46)$/.test(to))) throw validationError(`The sandbox only models contact → note association reads, not ${from} → ${to}`);
  const { inputs } = parseBody(req, associationBatchReadSchema);
  if (inputs.length > ASSOCIATION_BATCH_READ_MAX) throw validationError(`Batch read inputs may not exceed ${ASSOCIATION_BATCH_READ_MAX} entries.`);
  const now = new Date(ctx.now()).toISOString();
  const results = inputs.flatMap(({ id }) => {
    const notes = ctx.store.contacts.has(id) ? ctx.store.noteIdsForContact(id) : [];
    if (notes.length === 0) return [];
    return [{ from: { id }, to: notes.map((noteId) => ({ toObjectId: noteId, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: contactToNoteTypeId, label: null }] })) }];
  });
  return { status: 200, body: { status: 'COMPLETE', results, startedAt: now, completedAt: now } };
}

export function addNoteRoutes(router: Router<HubSpotRoute>): void {
  const read = [scopes.contactsRead];
  const write = [scopes.contactsWrite];
  const base = '/crm/v3/objects/notes';
  router
    .add('POST', `${base}/batch/create`, { handler: batchCreate, scopes: write, budget: 'standard' })
    .add('POST', `${base}/batch/update`, { handler: batchUpdate, scopes: write, budget: 'standard' })
    .add('POST', `${base}/batch/archive`, { handler: batchArchive, scopes: write, budget: 'standard' })
    .add('POST', `${base}/batch/read`, { handler: batchRead, scopes: read, budget: 'standard' })
    .add('POST', base, { handler: createOne, scopes: write, budget: 'standard' })
    .add('GET', `${base}/:id`, { handler: getOne, scopes: read, budget: 'standard' })
    .add('PATCH', `${base}/:id`, { handler: updateOne, scopes: write, budget: 'standard' })
    .add('GET', '/crm/v4/objects/:fromType/:id/associations/:toType', { handler: listAssociations, scopes: read, budget: 'standard' })
    .add('POST', '/crm/v4/associations/:fromType/:toType/batch/read', { handler: batchReadAssociations, scopes: read, budget: 'standard' });
}
