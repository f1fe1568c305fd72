import { z } from 'zod';
import { AdminInputError, adminBody } from './admin-body';
import type { DeliveryLog, DeliveryRecord, DeliveryStats } from './delivery-log';
import { faultSchema, type Fault, type FaultInjector, type FaultInput } from './faults';
import type { Reply, SandboxRequest } from './http';
import type { LoggedRequest, RequestLog, RequestStats } from './request-log';
import { Router } from './router';

/** Answer every delivery with this status until cleared (an outage, a hook gone for good). */
export interface FailMode {
  status: number;
}

/** Settings every delivery sandbox shares; the admin API changes them at run time. */
export interface DeliverySettings {
  failMode: FailMode | null;
  /** Retry-After (seconds) on every 429 the sandbox answers because of a fault or the fail mode */
  retryAfterSeconds: number;
}

export interface DeliveryState {
  faults: FaultInjector;
  deliveries: DeliveryLog;
  requests: RequestLog;
  settings: DeliverySettings;
}

export const DEFAULT_RETRY_AFTER_SECONDS = 1;

/** Typed control shared by the Zapier and webhook sandboxes (the HTTP admin API calls the same methods). */
export interface DeliverySandboxAdmin {
  /** Clears deliveries, the request log, faults, the fail mode and rate counters. */
  reset(): void;
  /** The next `count` deliveries (matching `pathPrefix`) answer a status, wait, or lose the connection. */
  injectFault(fault: FaultInput): void;
  /** The next `count` deliveries answer 429 with `Retry-After: retryAfterSeconds`. */
  rateLimitNext(count: number, retryAfterSeconds: number): void;
  clearFaults(): void;
  /** Every delivery answers `status` until `setFailMode(null)`. */
  setFailMode(mode: FailMode | null): void;
  deliveries(): DeliveryRecord[];
  /** deliveries the receiver took in (2xx, or answered but the answer was lost) */
  accepted(): DeliveryRecord[];
  /** accepted event ids with how many times each arrived */
  acceptedEventCounts(): Record<string, number>;
  stats(): DeliveryStats;
  requests(): RequestStats;
  recentRequests(): LoggedRequest[];
  pendingFaults(): Array<Fault & { remaining: number }>;
}

const failModeSchema = z.object({ status: z.number().int().min(400).max(599) }).strict().nullable();
const rateLimitNextSchema = z.object({ count: z.number().int().positive().default(1), retryAfterSeconds: z.number().int().min(0).max(3600).default(DEFAULT_RETRY_AFTER_SECONDS) }).strict();

export function createDeliveryAdmin(state: DeliveryState, resetExtra: () => void): DeliverySandboxAdmin {
  return {
    reset: () => {
      state.deliveries.clear();
      state.requests.clear();
      state.faults.clear();
      state.settings.failMode = null;
      state.settings.retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS;
      resetExtra();
    },
    injectFault: (fault) => { state.faults.add(fault); },
    rateLimitNext: (count, retryAfterSeconds) => {
      const parsed = rateLimitNextSchema.parse({ count, retryAfterSeconds });
      state.settings.retryAfterSeconds = parsed.retryAfterSeconds;
      state.faults.add({ kind: 'status', status: 429, count: parsed.count });
    },
    clearFaults: () => state.faults.clear(),
    setFailMode: (mode) => { state.settings.failMode = failModeSchema.parse(mode); },
    deliveries: () => state.deliveries.all(),
    accepted: () => state.deliveries.accepted(),
    acceptedEventCounts: () => state.deliveries.acceptedEventCounts(),
    stats: () => state.deliveries.summary(),
    requests: () => state.requests.summary(),
    recentRequests: () => state.requests.recent(),
    pendingFaults: () => state.faults.pending(),
  };
}

export type AdminHandler<A> = (req: SandboxRequest, admin: A) => Reply;

export const adminOk: Reply = { status: 200, body: { ok: true } };

/** The admin routes every delivery sandbox has; each sandbox adds its own to the returned router. */
export function deliveryAdminRouter<A extends DeliverySandboxAdmin>(snapshot: (admin: A) => unknown): Router<AdminHandler<A>> {
  return new Router<AdminHandler<A>>()
    .add('POST', '/__sandbox/reset', (_req, admin) => { admin.reset(); return adminOk; })
    .add('POST', '/__sandbox/faults', (req, admin) => { admin.injectFault(adminBody(req, faultSchema)); return adminOk; })
    .add('DELETE', '/__sandbox/faults', (_req, admin) => { admin.clearFaults(); return adminOk; })
    .add('POST', '/__sandbox/rate-limit-next', (req, admin) => {
      const { count, retryAfterSeconds } = adminBody(req, rateLimitNextSchema);
      admin.rateLimitNext(count, retryAfterSeconds);
      return adminOk;
    })
    .add('PUT', '/__sandbox/fail-mode', (req, admin) => { admin.setFailMode(adminBody(req, failModeSchema)); return adminOk; })
    .add('GET', '/__sandbox/deliveries', (req, admin) => ({
      status: 200,
      body: { results: req.query.get('accepted') === 'true' ? admin.accepted() : admin.deliveries(), stats: admin.stats() },
    }))
    .add('GET', '/__sandbox/events', (_req, admin) => ({ status: 200, body: { counts: admin.acceptedEventCounts() } }))
    .add('GET', '/__sandbox/requests', (_req, admin) => ({ status: 200, body: admin.requests() }))
    .add('GET', '/__sandbox/state', (_req, admin) => ({ status: 200, body: snapshot(admin) }));
}

/** Serves one admin request; bad input → 400 with the reason. */
export function serveDeliveryAdmin<A>(router: Router<AdminHandler<A>>, req: SandboxRequest, admin: A): Reply {
  const match = router.match(req.method, req.path);
  if (!match) return { status: 404, body: { error: `no admin route ${req.method} ${req.path}` } };
  if ('methodNotAllowed' in match) return { status: 405, body: { error: `${req.method} is not allowed on ${req.path}` } };
  try {
    return match.value({ ...req, params: match.params, route: match.route }, admin);
  } catch (error) {
    if (error instanceof AdminInputError || error instanceof RangeError || error instanceof z.ZodError) {
      return { status: 400, body: { error: error.message } };
    }
    throw error;
  }
}
