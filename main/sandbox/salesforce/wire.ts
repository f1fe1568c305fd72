import { z } from 'zod';
import type { SandboxRequest } from '../shared/http';
import { jsonParserError } from './errors';

/** sObject Collections take at most this many records per call. */
export const MAX_COLLECTION_RECORDS = 200;

const recordSchema = z.record(z.string(), z.unknown());
export type JsonRecord = z.infer<typeof recordSchema>;

export const collectionBodySchema = z.object({
  allOrNone: z.boolean().optional(),
  records: z.array(recordSchema),
}).passthrough();

export const singleRecordSchema = recordSchema;

/** Parses a JSON body, answering Salesforce's JSON_PARSER_ERROR on failure. */
export function parseBody<S extends z.ZodType>(req: SandboxRequest, schema: S): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(req.rawBody === '' ? 'null' : req.rawBody);
  } catch (error) {
    throw jsonParserError(`Unexpected character in JSON: ${error instanceof Error ? error.message : 'malformed'}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw jsonParserError(`Cannot deserialize the request body${issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : ''}: ${issue?.message ?? 'unexpected shape'}`);
  }
  return parsed.data;
}

/** `attributes.type` of a collection record, if it names one. */
export function attributeType(record: JsonRecord): string | undefined {
  const attributes = record.attributes;
  if (typeof attributes !== 'object' || attributes === null || !('type' in attributes)) return undefined;
  const type = (attributes as { type: unknown }).type;
  return typeof type === 'string' ? type : undefined;
}

/** The record without `attributes` and without its id key (any case), plus that id. */
export function splitId(record: JsonRecord): { id: string | undefined; fields: JsonRecord } {
  let id: string | undefined;
  const fields: JsonRecord = {};
  for (const [k, v] of Object.entries(record)) {
    if (k === 'attributes') continue;
    if (k.toLowerCase() === 'id') { id = typeof v === 'string' ? v : undefined; continue; }
    fields[k] = v;
  }
  return { id, fields };
}
