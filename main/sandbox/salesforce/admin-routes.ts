import { z } from 'zod';
import { faultSchema } from '../shared/faults';
import type { Reply, SandboxRequest } from '../shared/http';
import { Router } from '../shared/router';
import type { SalesforceSandboxAdmin } from './admin';
import { OBJECT_NAMES, type ObjectName } from './schema';

/**
 * The HTTP admin API under /__sandbox/ (JSON in and out, no auth: the server
 * listens on loopback only). Each route calls the typed admin handle.
 */
type AdminHandler = (req: SandboxRequest, admin: SalesforceSandboxAdmin) => Reply;

const objectSchema = z.enum(OBJECT_NAMES as [ObjectName, ...ObjectName[]]);
const tokenSchema = z.object({ token: z.string().min(1), expiresAt: z.number().int().optional() }).strict();
const expireSchema = z.object({ token: z.string().min(1).optional() }).strict();
const appSchema = z.object({
  clientId: z.string().min(1), clientSecret: z.string().optional(), redirectUri: z.string().url(), accessTokenTtlMs: z.number().int().positive().optional(),
}).strict();
const rotationSchema = z.object({ rotate: z.boolean() }).strict();
const schemaSchema = z.object({ ferryIdField: z.boolean().optional(), ferryIdExternal: z.boolean().optional(), ferryIdUnique: z.boolean().optional() }).strict();
/** A custom field as an org admin would add it in Setup (Text or Long Text Area, optionally read-only for the API user). */
const customFieldSchema = z.object({
  object: objectSchema,
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*__c$/),
  label: z.string().min(1),
  type: z.enum(['string', 'textarea', 'email', 'phone', 'url', 'picklist']).optional(),
  length: z.number().int().min(1).max(131_072).optional(),
  createable: z.boolean().optional(),
  updateable: z.boolean().optional(),
  externalId: z.boolean().optional(),
  unique: z.boolean().optional(),
}).strict();
const limitSchema = z.object({ dailyLimit: z.number().int().min(0) }).strict();
const validationSchema = z.object({ name: z.string().min(1), object: objectSchema.optional(), field: z.string().min(1), pattern: z.string(), message: z.string().min(1) }).strict();
const duplicateSchema = z.object({ object: objectSchema, action: z.enum(['block', 'allow']), name: z.string().optional() }).strict();
const rejectSchema = z.object({ pattern: z.string().nullable() }).strict();
const seedSchema = z.object({ type: objectSchema, fields: z.record(z.string(), z.string()) }).strict();

class AdminInputError extends Error {}

function body<S extends z.ZodType>(req: SandboxRequest, schema: S): z.output<S> {
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

const ok: Reply = { status: 200, body: { ok: true } };

export function adminRouter(): Router<AdminHandler> {
  return new Router<AdminHandler>()
    .add('POST', '/__sandbox/reset', (_req, admin) => { admin.reset(); return ok; })
    .add('POST', '/__sandbox/tokens', (req, admin) => { const t = body(req, tokenSchema); admin.registerToken(t.token, t.expiresAt); return ok; })
    .add('POST', '/__sandbox/tokens/expire', (req, admin) => {
      const { token } = body(req, expireSchema);
      if (token === undefined) { admin.expireAllTokens(); return ok; }
      return admin.expireToken(token) ? ok : { status: 404, body: { error: 'unknown token' } };
    })
    .add('POST', '/__sandbox/connected-apps', (req, admin) => { admin.registerConnectedApp(body(req, appSchema)); return ok; })
    .add('PUT', '/__sandbox/refresh-token-rotation', (req, admin) => { admin.setRefreshTokenRotation(body(req, rotationSchema).rotate); return ok; })
    .add('PUT', '/__sandbox/schema', (req, admin) => { admin.configureSchema(body(req, schemaSchema)); return ok; })
    .add('POST', '/__sandbox/custom-fields', (req, admin) => { const { object, ...def } = body(req, customFieldSchema); admin.addCustomField(object, def); return ok; })
    .add('PUT', '/__sandbox/limits', (req, admin) => { admin.setDailyLimit(body(req, limitSchema).dailyLimit); return ok; })
    .add('POST', '/__sandbox/validation-rules', (req, admin) => { admin.addValidationRule(body(req, validationSchema)); return ok; })
    .add('POST', '/__sandbox/duplicate-rules', (req, admin) => { admin.addDuplicateRule(body(req, duplicateSchema)); return ok; })
    .add('DELETE', '/__sandbox/rules', (_req, admin) => { admin.clearRules(); return ok; })
    .add('PUT', '/__sandbox/reject-emails', (req, admin) => { admin.rejectEmails(body(req, rejectSchema).pattern); return ok; })
    .add('POST', '/__sandbox/faults', (req, admin) => { admin.injectFault(body(req, faultSchema)); return ok; })
    .add('DELETE', '/__sandbox/faults', (_req, admin) => { admin.clearFaults(); return ok; })
    .add('POST', '/__sandbox/records', (req, admin) => { const s = body(req, seedSchema); return { status: 201, body: { id: admin.seedRecord(s.type, s.fields) } }; })
    .add('DELETE', '/__sandbox/records/:id', (req, admin) => (admin.deleteRecord(req.params.id ?? '') ? ok : { status: 404, body: { error: 'unknown record' } }))
    .add('GET', '/__sandbox/records/:type', (req, admin) => {
      const type = objectSchema.safeParse(req.params.type);
      if (!type.success) return { status: 404, body: { error: `unknown object ${req.params.type ?? ''}` } };
      return { status: 200, body: { records: admin.records(type.data) } };
    })
    .add('GET', '/__sandbox/state', (_req, admin) => ({ status: 200, body: admin.snapshot() }))
    .add('GET', '/__sandbox/requests', (_req, admin) => ({ status: 200, body: admin.requests() }));
}

export function serveAdmin(router: Router<AdminHandler>, req: SandboxRequest, admin: SalesforceSandboxAdmin): Reply {
  const match = router.match(req.method, req.path);
  if (!match) return { status: 404, body: { error: `no admin route ${req.method} ${req.path}` } };
  if ('methodNotAllowed' in match) return { status: 405, body: { error: `${req.method} is not allowed on ${req.path}` } };
  try {
    return match.value({ ...req, params: match.params, route: match.route }, admin);
  } catch (error) {
    if (error instanceof AdminInputError || error instanceof RangeError || error instanceof SyntaxError) return { status: 400, body: { error: error.message } };
    throw error;
  }
}
