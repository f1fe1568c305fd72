import type { z } from 'zod';
import type { SandboxRequest } from './http';

/** A bad admin API input; admin routers answer it with 400 and this message. */
export class AdminInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminInputError';
  }
}

/** Parses an admin request's JSON body (empty = `{}`) with a strict schema. */
export function adminBody<S extends z.ZodType>(req: SandboxRequest, schema: S): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(req.rawBody === '' ? '{}' : req.rawBody);
  } catch {
    throw new AdminInputError('body is not JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AdminInputError(parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
  return parsed.data;
}
