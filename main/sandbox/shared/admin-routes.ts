import { z } from 'zod';
import { AdminInputError, adminBody } from './admin-body';
import { faultSchema, type FaultInput } from './faults';
import type { Reply, SandboxRequest } from './http';
import type { LoggedRequest, RequestStats } from './request-log';
import { Router } from './router';

/**
 * The HTTP admin API under /__sandbox/ (JSON in and out, no auth: sandboxes
 * listen on loopback only). Each route calls the sandbox's typed admin handle,
 * so the HTTP API and the in-process handle can never drift apart.
 */
export type AdminHandler<A> = (req: SandboxRequest, admin: A) => Reply;

export const adminOk: Reply = { status: 200, body: { ok: true } };

/** What every sandbox's admin handle offers; the shared routes call only these. */
interface SandboxAdminBase {
  reset(): void;
  injectFault(fault: FaultInput): void;
  clearFaults(): void;
  requests(): RequestStats;
  /** the latest requests in full (when, route, status), oldest first */
  recentRequests(): LoggedRequest[];
  /** forgets the request log (counts and entries); the sandbox's data and limits stay */
  clearRequests(): void;
  snapshot(): unknown;
}

/** reset, faults, request counts and state: the routes every sandbox has. Each sandbox adds its own to the returned router. */
export function sandboxAdminRouter<A extends SandboxAdminBase>(): Router<AdminHandler<A>> {
  return new Router<AdminHandler<A>>()
    .add('POST', '/__sandbox/reset', (_req, admin) => { admin.reset(); return adminOk; })
    .add('POST', '/__sandbox/faults', (req, admin) => { admin.injectFault(adminBody(req, faultSchema)); return adminOk; })
    .add('DELETE', '/__sandbox/faults', (_req, admin) => { admin.clearFaults(); return adminOk; })
    .add('GET', '/__sandbox/requests', (_req, admin) => ({ status: 200, body: admin.requests() }))
    .add('GET', '/__sandbox/requests/log', (_req, admin) => ({ status: 200, body: { requests: admin.recentRequests() } }))
    .add('DELETE', '/__sandbox/requests', (_req, admin) => { admin.clearRequests(); return adminOk; })
    .add('GET', '/__sandbox/state', (_req, admin) => ({ status: 200, body: admin.snapshot() }));
}

/**
 * A bad admin input: a body that fails its schema, a setter's RangeError, a
 * pattern that is not a RegExp (SyntaxError), a value an admin method re-parses.
 */
function isBadInput(error: unknown): error is Error {
  return error instanceof AdminInputError || error instanceof RangeError || error instanceof SyntaxError || error instanceof z.ZodError;
}

/** Serves one admin request; bad input → 400 with the reason, anything else propagates (→ 500). */
export function serveAdmin<A>(router: Router<AdminHandler<A>>, req: SandboxRequest, admin: A): Reply {
  const match = router.match(req.method, req.path);
  if (!match) return { status: 404, body: { error: `no admin route ${req.method} ${req.path}` } };
  if ('methodNotAllowed' in match) return { status: 405, body: { error: `${req.method} is not allowed on ${req.path}` } };
  try {
    return match.value({ ...req, params: match.params, route: match.route }, admin);
  } catch (error) {
    if (isBadInput(error)) return { status: 400, body: { error: error.message } };
    throw error;
  }
}
