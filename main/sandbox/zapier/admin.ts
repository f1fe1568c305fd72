import type { DeliveryLogData } from '../shared/delivery-log';
import { z } from 'zod';
import { adminBody } from '../shared/admin-body';
import { adminOk, type AdminHandler } from '../shared/admin-routes';
import { createDeliveryAdmin, deliveryAdminRouter, type DeliverySandboxAdmin, type DeliveryState } from '../shared/delivery-admin';
import type { Router } from '../shared/router';
import type { ZapierLimits, ZapierLimitSettings } from './limits';

/** Typed control of a running Zapier sandbox; `/__sandbox/` routes call the same methods. */
export interface ZapierSandboxAdmin extends DeliverySandboxAdmin {
  setLimits(limits: Partial<ZapierLimitSettings>): void;
  limits(): ZapierLimitSettings;
  /**
   * No Zap listens to `/hooks/catch/<account>/<hook>/` any more (paused, deleted, or
   * its owner changed, which gives the Zap a new URL). Like Zapier, the hook still
   * answers 200; `unheard()` counts what arrived there.
   */
  removeHook(account: string, hook: string): void;
  /** Deliveries accepted by hooks no Zap listens to. */
  unheard(): number;
  restoreHook(account: string, hook: string): void;
  snapshot(): ZapierSandboxSnapshot;
  /** The deliveries received, to start a later sandbox from (startZapierSandbox({ state })). */
  exportState(): DeliveryLogData;
}

export interface ZapierSandboxSnapshot {
  stats: ReturnType<DeliverySandboxAdmin['stats']>;
  requests: ReturnType<DeliverySandboxAdmin['requests']>;
  limits: ZapierLimitSettings;
  removedHooks: string[];
  unheard: number;
  failMode: { status: number } | null;
  pendingFaults: ReturnType<DeliverySandboxAdmin['pendingFaults']>;
}

interface ZapierAdminDeps {
  state: DeliveryState;
  limits: ZapierLimits;
  removedHooks: Set<string>;
  unheard: { count: number };
}

export const hookKey = (account: string, hook: string): string => `${account}/${hook}`;

export function createZapierAdmin({ state, limits, removedHooks, unheard }: ZapierAdminDeps): ZapierSandboxAdmin {
  const base = createDeliveryAdmin(state, () => {
    limits.reset();
    removedHooks.clear();
    unheard.count = 0;
  });
  const admin: ZapierSandboxAdmin = {
    ...base,
    setLimits: (next) => limits.set(limitsSchema.parse(next)),
    limits: () => limits.current(),
    removeHook: (account, hook) => { removedHooks.add(hookKey(account, hook)); },
    restoreHook: (account, hook) => { removedHooks.delete(hookKey(account, hook)); },
    unheard: () => unheard.count,
    exportState: () => state.deliveries.toData(),
    snapshot: () => ({
      stats: base.stats(),
      requests: base.requests(),
      limits: limits.current(),
      removedHooks: [...removedHooks],
      unheard: unheard.count,
      failMode: state.settings.failMode,
      pendingFaults: base.pendingFaults(),
    }),
  };
  return admin;
}

const limitsSchema = z.object({
  perHookPerSecond: z.number().int().min(0).optional(),
  perUserPerFiveMinutes: z.number().int().min(0).optional(),
}).strict();
const hookSchema = z.object({ account: z.string().min(1), hook: z.string().min(1) }).strict();

export function zapierAdminRouter(): Router<AdminHandler<ZapierSandboxAdmin>> {
  return deliveryAdminRouter<ZapierSandboxAdmin>()
    .add('PUT', '/__sandbox/limits', (req, admin) => { admin.setLimits(adminBody(req, limitsSchema)); return adminOk; })
    .add('POST', '/__sandbox/hooks/remove', (req, admin) => {
      const { account, hook } = adminBody(req, hookSchema);
      admin.removeHook(account, hook);
      return adminOk;
    })
    .add('POST', '/__sandbox/hooks/restore', (req, admin) => {
      const { account, hook } = adminBody(req, hookSchema);
      admin.restoreHook(account, hook);
      return adminOk;
    });
}
