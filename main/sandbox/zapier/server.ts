import type { DeliveryLogData } from '../shared/delivery-log';
import { serveAdmin } from '../shared/admin-routes';
import { systemClock, type Clock } from '../shared/clock';
import { newDeliveryState } from '../shared/delivery-admin';
import { startDeliveryServer, type DeliveryEndpoint } from '../shared/delivery-server';
import { Router } from '../shared/router';
import { createZapierAdmin, hookKey, zapierAdminRouter, type ZapierSandboxAdmin } from './admin';
import { defaultZapierLimits, ZapierLimits, type ZapierLimitSettings } from './limits';
import { zapierFailure, zapierNotFound, zapierSuccess, zapierTooLarge } from './wire';

export interface ZapierSandboxOptions {
  /** 0 (default) picks a free port */
  port?: number;
  /** drives the rate windows and timestamps; default Date.now */
  clock?: Clock;
  limits?: Partial<ZapierLimitSettings>;
  /** Zapier's payload limit; default 10 MB */
  maxBodyBytes?: number;
  /** the deliveries an earlier run received (admin.exportState()) */
  state?: DeliveryLogData;
  /** called after each delivery, e.g. to save the log */
  onChange?: () => void;
}

export interface ZapierSandbox {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** a ready Catch Hook URL on this sandbox: `<url>/hooks/catch/<account>/<hook>/` */
  hookUrl: string;
  /** a Catch Hook URL for another hook of the same account */
  hookUrlFor(hook: string): string;
  admin: ZapierSandboxAdmin;
  close(): Promise<void>;
}

export const SANDBOX_ZAPIER_ACCOUNT = '1000001';
export const SANDBOX_ZAPIER_HOOK = 'ferrysb';

type Route = { silent: boolean };

/** Starts a hooks.zapier.com look-alike on 127.0.0.1: any /hooks/catch/<account>/<hook>/ path is a hook. */
export async function startZapierSandbox(options: ZapierSandboxOptions = {}): Promise<ZapierSandbox> {
  const clock = options.clock ?? systemClock;
  const state = newDeliveryState();
  if (options.state) state.deliveries.loadData(options.state);
  state.deliveries.onChange = options.onChange;
  const limits = new ZapierLimits({ ...defaultZapierLimits, ...options.limits });
  const removedHooks = new Set<string>();
  const unheard = { count: 0 };
  const admin = createZapierAdmin({ state, limits, removedHooks, unheard });
  const adminRoutes = zapierAdminRouter();
  const routes = new Router<Route>()
    .add('POST', '/hooks/catch/:account/:hook/silent', { silent: true })
    .add('POST', '/hooks/catch/:account/:hook', { silent: false });
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;

  const endpoint: DeliveryEndpoint = {
    match: (method, path) => {
      const m = routes.match(method, path);
      if (!m) return undefined;
      return 'methodNotAllowed' in m ? 'method-not-allowed' : { route: m.route, params: m.params };
    },
    admit: (req, now) => {
      const account = req.params.account ?? '';
      const hook = req.params.hook ?? '';
      const decision = limits.admit(account, hook, now);
      if (!decision.allowed) return { reply: zapierFailure(429, decision.retryAfterSeconds), reason: 'rate-limit' };
      return undefined;
    },
    // Zapier answers 200 whether or not a Zap listens: a paused, deleted or moved Zap
    // still "receives" (docs/vendor-facts.md, Zapier). The sandbox counts what nobody heard.
    accept: (req) => {
      if (removedHooks.has(hookKey(req.params.account ?? '', req.params.hook ?? ''))) unheard.count += 1;
      return zapierSuccess(req.route.endsWith('/silent'));
    },
    failure: zapierFailure,
    notFound: () => zapierNotFound(),
    tooLarge: zapierTooLarge,
  };

  const server = await startDeliveryServer({
    name: 'zapier',
    port: options.port ?? 0,
    clock,
    maxBodyBytes,
    state,
    endpoint,
    serveAdmin: (req) => serveAdmin(adminRoutes, req, admin),
  });
  const hookUrlFor = (hook: string): string => `${server.url}/hooks/catch/${SANDBOX_ZAPIER_ACCOUNT}/${encodeURIComponent(hook)}/`;
  return { url: server.url, port: server.port, hookUrl: hookUrlFor(SANDBOX_ZAPIER_HOOK), hookUrlFor, admin, close: () => server.close() };
}
