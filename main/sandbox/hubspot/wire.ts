import { z } from 'zod';
import type { SandboxRequest } from '../shared/http';
import { invalidJson, tooManyInputs, validationError } from './errors';

/** HubSpot's batch endpoints accept at most this many inputs per call. */
export const maxBatchInputs = 100;

/**
 * Property values as HubSpot accepts them: strings (what the SDK sends), numbers
 * and booleans (stringified), or null (clears). Normalised to string | null.
 */
export const propertyValuesSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .transform((values) => Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, v === null ? null : String(v)]),
  ) as Record<string, string | null>);

export const associationInputSchema = z.object({
  to: z.object({ id: z.string().min(1) }).strict(),
  types: z.array(z.object({
    associationCategory: z.enum(['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED']),
    associationTypeId: z.number().int(),
  }).strict()).min(1),
}).strict();

export type AssociationInput = z.infer<typeof associationInputSchema>;

/** Parses a JSON body against `schema`, answering HubSpot's 400 shapes on failure. */
export function parseBody<S extends z.ZodType>(req: SandboxRequest, schema: S): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(req.rawBody === '' ? 'null' : req.rawBody);
  } catch (error) {
    throw invalidJson(error instanceof Error ? error.message : 'malformed JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    if (issue?.code === 'unrecognized_keys') throw invalidJson(`Unrecognized field ${JSON.stringify(issue.keys[0])}${where}`);
    throw validationError(`Invalid input JSON${where}: ${issue?.message ?? 'does not match the expected shape'}`);
  }
  return parsed.data;
}

/** Checked before anything else in a batch: HubSpot refuses the whole call. */
export function assertBatchSize(count: number): void {
  if (count > maxBatchInputs) throw tooManyInputs(count, maxBatchInputs);
}

interface PublicObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: false;
}

/**
 * SimplePublicObject. With `requested`, exactly those properties (null when unset)
 * plus the ones HubSpot always returns; without, every value that is set.
 */
export function publicObject(
  id: string, values: Record<string, string>, createdAt: number, updatedAt: number,
  requested?: string[], always: string[] = [],
): PublicObject {
  let properties: Record<string, string | null>;
  if (requested) {
    properties = {};
    for (const name of [...always, ...requested]) properties[name] = values[name] ?? null;
  } else {
    properties = { ...values };
  }
  return { id, properties, createdAt: new Date(createdAt).toISOString(), updatedAt: new Date(updatedAt).toISOString(), archived: false };
}

export interface BatchError {
  status: 'error';
  category: string;
  message: string;
  context?: Record<string, string[]>;
}

/** BatchResponse*; with errors the status code becomes 207 (the SDK's *WithErrors model). */
export function batchResponse<T>(results: T[], startedAt: number, now: number, errors: BatchError[] = []): { status: number; body: unknown } {
  const body: Record<string, unknown> = {
    status: 'COMPLETE',
    results,
    startedAt: new Date(startedAt).toISOString(),
    completedAt: new Date(now).toISOString(),
  };
  if (errors.length > 0) {
    body.numErrors = errors.length;
    body.errors = errors;
  }
  return { status: errors.length > 0 ? 207 : 200, body };
}
