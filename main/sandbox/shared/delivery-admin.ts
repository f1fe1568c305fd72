import { z } from 'zod';
import { adminBody } from './admin-body';
import { adminOk, sandboxAdminRouter, type AdminHandler } from './admin-routes';
import { DeliveryLog, type DeliveryRecord, type DeliveryStats } from './delivery-log';
import { FaultInjector, type Fault, type FaultInput } from './faults';
import { RequestLog, type LoggedRequest, type RequestStats } from './request-log';
import type { Router } from './router';

/** Answer every delivery with this status until cleared (an outage, a hook gone for good). */
interface FailMode {
  status: number;
}

/** Settings every delivery sandbox shares; the admin API changes them at run time. */
interface DeliverySettings {
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

const DEFAULT_RETRY_AFTER_SECONDS = 1;

/** A delivery sandbox's state as it starts: nothing received, no faults, no fail mode. */
export function newDeliveryState(): DeliveryState {
  return {
    faults: new FaultInjector(),
    deliveries: new DeliveryLog(),
    requests: new RequestLog(),
    settings: { failMode: null, retryAfterSeconds: DEFAULT_RETRY_AFTER_SECONDS },
  };
}

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
  clearRequests(): void;
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
    clearRequests: () => state.requests.clear(),
    pendingFaults: () => state.faults.pending(),
  };
}

/** The admin routes every delivery sandbox has; each sandbox adds its own to the returned router. */
export function deliveryAdminRouter<A extends DeliverySandboxAdmin & { snapshot(): unknown }>(): Router<AdminHandler<A>> {
  return sandboxAdminRouter<A>()
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
    .add('GET', '/__sandbox/events', (_req, admin) => ({ status: 200, body: { counts: admin.acceptedEventCounts() } }));
}
