import { z } from 'zod';
import { faultSchema } from '../shared/faults';
import type { Reply, SandboxRequest } from '../shared/http';
import { Router } from '../shared/router';
import type { HubSpotSandboxAdmin } from './admin';

/**
 * The HTTP admin API under /__sandbox/ (JSON in, JSON out, no auth: the server
 * only listens on loopback). Each route calls the typed admin handle.
 */
type AdminHandler = (req: SandboxRequest, admin: HubSpotSandboxAdmin) => Reply;

const tokenSchema = z.object({ token: z.string().min(1), scopes: z.array(z.string()).optional(), expiresAt: z.number().int().optional() }).strict();
const expireSchema = z.object({ token: z.string().min(1) }).strict();
const oauthAppSchema = z.object({
  clientId: z.string().min(1), clientSecret: z.string().optional(), redirectUri: z.string().url(),
  scopes: z.array(z.string()).optional(), accessTokenTtlMs: z.number().int().positive().optional(),
}).strict();
const limitsSchema = z.object({
  rateLimit: z.number().int().min(0).optional(), dailyLimit: z.number().int().min(0).optional(), searchPerSecond: z.number().int().min(0).optional(),
}).strict();
const rejectSchema = z.object({ pattern: z.string().nullable() }).strict();
const lagSchema = z.object({ ms: z.number().int().min(0) }).strict();

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
    .add('POST', '/__sandbox/tokens', (req, admin) => { admin.registerToken(body(req, tokenSchema)); return ok; })
    .add('POST', '/__sandbox/tokens/expire', (req, admin) => {
      const { token } = body(req, expireSchema);
      return admin.expireToken(token) ? ok : { status: 404, body: { error: `unknown token` } };
    })
    .add('POST', '/__sandbox/oauth-apps', (req, admin) => { admin.registerOAuthApp(body(req, oauthAppSchema)); return ok; })
    .add('PUT', '/__sandbox/limits', (req, admin) => { admin.setLimits(body(req, limitsSchema)); return ok; })
    .add('POST', '/__sandbox/faults', (req, admin) => { admin.injectFault(body(req, faultSchema)); return ok; })
    .add('DELETE', '/__sandbox/faults', (_req, admin) => { admin.clearFaults(); return ok; })
    .add('PUT', '/__sandbox/reject-emails', (req, admin) => { admin.rejectEmails(body(req, rejectSchema).pattern); return ok; })
    .add('PUT', '/__sandbox/search-lag', (req, admin) => { admin.setSearchLag(body(req, lagSchema).ms); return ok; })
    .add('GET', '/__sandbox/state', (_req, admin) => ({ status: 200, body: admin.snapshot() }))
    .add('GET', '/__sandbox/contacts', (_req, admin) => ({ status: 200, body: { results: admin.contacts() } }))
    .add('GET', '/__sandbox/contacts/:id/notes', (req, admin) => ({ status: 200, body: { results: admin.notesForContact(req.params.id ?? '') } }))
    .add('GET', '/__sandbox/requests', (_req, admin) => ({ status: 200, body: admin.requests() }));
}

export function serveAdmin(router: Router<AdminHandler>, req: SandboxRequest, admin: HubSpotSandboxAdmin): Reply {
  const match = router.match(req.method, req.path);
  if (!match) return { status: 404, body: { error: `no admin route ${req.method} ${req.path}` } };
  if ('methodNotAllowed' in match) return { status: 405, body: { error: `${req.method} is not allowed on ${req.path}` } };
  try {
    return match.value({ ...req, params: match.params, route: match.route }, admin);
  } catch (error) {
    if (error instanceof AdminInputError || error instanceof RangeError || error instanceof SyntaxError) {
      return { status: 400, body: { error: error.message } };
    }
    throw error;
  }
}
