import { setTimeout as sleep } from 'node:timers/promises';
import type { ZohoEdition } from '../../../destinations/zoho';
import { serveAdmin } from '../shared/admin-routes';
import { systemClock, type Clock } from '../shared/clock';
import { FaultInjector } from '../shared/faults';
import { withHeaders, type Reply, type SandboxRequest } from '../shared/http';
import { listenOnLoopback } from '../shared/loopback-server';
import { RequestLog } from '../shared/request-log';
import { sandboxRequestPipeline } from '../shared/request-pipeline';
import { Router } from '../shared/router';
import { createAdmin, type ZohoSandboxAdmin } from './admin';
import { adminRouter } from './admin-routes';
import type { ZohoContext, ZohoRoute } from './context';
import { defaultLimits, ZohoLimits } from './limits';
import { OAuthState } from './oauth-state';
import { addOAuthRoutes } from './oauth-routes';
import { addRecordRoutes } from './records-routes';
import { addSettingsRoutes } from './settings-routes';
import { addUpdateDeleteRoutes } from './update-delete-routes';
import { addMergeRecycleRoutes } from './merge-recycle-routes';
import { ZohoStore, type ZohoStoreData } from './store';
import { TokenRegistry } from './tokens';
import { internalError, invalidMethod, invalidUrl, tooManyRequests, ZohoError, invalidData } from './wire';

export interface ZohoSandboxOptions {
  /** 0 (default) picks a free port */
  port?: number;
  /** an access token to accept, with every scope, that never expires */
  token?: string;
  /** the org's edition and user licences (default Enterprise, 10): they set credits and concurrency */
  edition?: ZohoEdition;
  licences?: number;
  /** overrides: credits per rolling 24 h, simultaneous calls */
  credits?: number;
  concurrency?: number;
  clock?: Clock;
  /**
   * how long each CRM call holds its concurrency slot before it is answered (default 0):
   * a stand-in for Zoho's own processing time, so benchmarks see calls overlap as they do at Zoho
   */
  serviceMs?: number;
  state?: ZohoStoreData;
  onChange?: () => void;
  maxBodyBytes?: number;
}

export interface ZohoSandbox {
  /** the API base (and accounts server) URL, no trailing slash */
  url: string;
  port: number;
  admin: ZohoSandboxAdmin;
  close(): Promise<void>;
}

/** The API versions Zoho CRM serves under /crm/v{N}/ (v2 to v8). */
const VERSION = /^v[2-8]$/;

/** Starts a Zoho CRM-compatible server (accounts OAuth endpoints and the CRM API) on 127.0.0.1. */
export async function startZohoSandbox(options: ZohoSandboxOptions = {}): Promise<ZohoSandbox> {
  const now = options.clock ?? systemClock;
  let baseUrl = '';
  const ctx: ZohoContext = {
    store: new ZohoStore(),
    tokens: new TokenRegistry(),
    oauth: new OAuthState(),
    settings: { rejectEmailPattern: undefined, consent: 'approve', orgId: '60012345678' },
    now,
    baseUrl: () => baseUrl,
  };
  const limits = new ZohoLimits(defaultLimits(options.edition, options.licences));
  limits.set({ ...(options.credits === undefined ? {} : { credits: options.credits }), ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }) });
  const faults = new FaultInjector();
  const log = new RequestLog();
  if (options.state) ctx.store.loadData(options.state);
  /** while set, admitted CRM calls wait here holding their slot (admin.holdCalls), so tests reach "N calls in flight" by progress, not time */
  let gate: { promise: Promise<void>; open: () => void } | undefined;
  const calls = {
    hold: (): void => {
      if (gate) return;
      let open!: () => void;
      gate = { promise: new Promise<void>((resolve) => { open = resolve; }), open };
    },
    release: (): void => {
      gate?.open();
      gate = undefined;
    },
  };
  const admin = createAdmin({ ctx, limits, faults, log, calls: { hold: () => calls.hold(), release: () => calls.release() } });
  if (options.token !== undefined) admin.registerToken({ token: options.token });

  const api = new Router<ZohoRoute>();
  // the settings routes first: /crm/v8/settings/fields would also match /crm/:version/:module/:id
  addSettingsRoutes(api, limits);
  addUpdateDeleteRoutes(api);
  addMergeRecycleRoutes(api);
  addRecordRoutes(api);
  addOAuthRoutes(api);
  const adminRoutes = adminRouter();

  const serveApi = async (route: ZohoRoute, req: SandboxRequest): Promise<Reply> => {
    let leave = (): void => undefined;
    let headers: Record<string, string> = {};
    try {
      if (req.params.version !== undefined && !VERSION.test(req.params.version)) throw invalidUrl();
      // Order as at Zoho: the token, its scope, then the org's limits.
      if (route.scopes) ctx.tokens.authorize(ctx.tokens.authenticate(req.headers.authorization, now()), route.scopes);
      if (route.scopes) {
        const cost = typeof route.credits === 'number' ? route.credits : route.credits(req);
        const entered = limits.enter(cost, now());
        leave = entered.leave;
        headers = entered.headers;
      }
      if (route.scopes && options.serviceMs) await sleep(options.serviceMs);
      if (route.scopes && gate) await gate.promise;
      const reply = await route.handler(req, ctx);
      return withHeaders(reply, { ...headers, ...limits.headers(now()) });
    } catch (error) {
      if (!(error instanceof ZohoError)) throw error;
      return withHeaders(error.toReply(), headers);
    } finally {
      leave();
    }
  };

  const server = await listenOnLoopback(sandboxRequestPipeline({
    name: 'zoho',
    maxBodyBytes: options.maxBodyBytes ?? 16 * 1024 * 1024,
    clock: now,
    api,
    faults,
    log,
    serveAdmin: (req) => serveAdmin(adminRoutes, req, admin),
    serveApi,
    ...(options.onChange ? { onChange: options.onChange } : {}),
    replies: {
      tooLarge: () => invalidData({}, 'the request body is too large').toReply(),
      notFound: () => invalidUrl().toReply(),
      methodNotAllowed: () => invalidMethod().toReply(),
      injected: (status) => (status === 429 ? tooManyRequests() : internalError(status)).toReply(),
      serverError: () => internalError().toReply(),
    },
  }), options.port ?? 0);
  baseUrl = server.url;
  return { url: server.url, port: server.port, admin, close: () => server.close() };
}
