import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock, type Clock } from '../shared/clock';
import { FaultInjector, type FaultPlan } from '../shared/faults';
import { BodyTooLargeError, readBody, writeReply, type Reply, type SandboxRequest } from '../shared/http';
import { serveAdmin } from '../shared/admin-routes';
import { listenOnLoopback } from '../shared/loopback-server';
import { RequestLog } from '../shared/request-log';
import { Router } from '../shared/router';
import { createAdmin, type HubSpotSandboxAdmin } from './admin';
import { adminRouter } from './admin-routes';
import { addContactRoutes } from './contacts-routes';
import { allScopes, type HubSpotContext, type HubSpotRoute } from './context';
import { HubSpotError, methodNotAllowed, notFoundRoute, rateLimited, serverError, validationError } from './errors';
import { defaultLimits, HubSpotLimits } from './limits';
import { addNoteRoutes } from './notes-routes';
import { OAuthState } from './oauth-state';
import { addOAuthRoutes } from './oauth-routes';
import { addPropertyRoutes } from './properties-routes';
import { addSearchRoutes } from './search-routes';
import { HubSpotStore } from './state';
import { TokenRegistry } from './tokens';

export interface HubSpotSandboxOptions {
  /** 0 (default) picks a free port */
  port?: number;
  /** requests per rolling 10 s; default 100 */
  rateLimit?: number;
  /** requests per day; default 250,000 */
  dailyLimit?: number;
  /** search requests per second; default 5 */
  searchPerSecond?: number;
  /** how long writes take to reach search; default 0 */
  searchLagMs?: number;
  /** drives rate windows, token and code expiry, timestamps; default Date.now */
  clock?: Clock;
  /** a private-app token to register with every scope */
  token?: string;
  /** the account id reported in errors and token info */
  portalId?: number;
  /** largest accepted request body; default 16 MiB */
  maxBodyBytes?: number;
}

export interface HubSpotSandbox {
  /** base URL for `new Client({ basePath: url })`, no trailing slash */
  url: string;
  port: number;
  admin: HubSpotSandboxAdmin;
  close(): Promise<void>;
}

/** Starts a HubSpot-compatible CRM on 127.0.0.1. */
export async function startHubSpotSandbox(options: HubSpotSandboxOptions = {}): Promise<HubSpotSandbox> {
  const now = options.clock ?? systemClock;
  const ctx: HubSpotContext = {
    store: new HubSpotStore(options.portalId ?? 4_242_424),
    tokens: new TokenRegistry(allScopes),
    oauth: new OAuthState(allScopes),
    settings: { searchLagMs: options.searchLagMs ?? 0, rejectEmailPattern: undefined },
    now,
  };
  const limits = new HubSpotLimits({
    rateLimit: options.rateLimit ?? defaultLimits.rateLimit,
    dailyLimit: options.dailyLimit ?? defaultLimits.dailyLimit,
    searchPerSecond: options.searchPerSecond ?? defaultLimits.searchPerSecond,
  });
  const faults = new FaultInjector();
  const log = new RequestLog();
  const admin = createAdmin({ ctx, limits, faults, log });
  if (options.token !== undefined) admin.registerToken({ token: options.token });

  const api = new Router<HubSpotRoute>();
  addContactRoutes(api);
  addSearchRoutes(api);
  addPropertyRoutes(api);
  addNoteRoutes(api);
  addOAuthRoutes(api);
  const adminRoutes = adminRouter();
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024 * 1024;

  const serveApi = async (req: SandboxRequest, headers: string | undefined): Promise<Reply> => {
    const match = api.match(req.method, req.path);
    if (!match) return notFoundRoute(req.method, req.path).toReply();
    if ('methodNotAllowed' in match) return methodNotAllowed(req.method, req.path).toReply();
    const routed: SandboxRequest = { ...req, params: match.params, route: match.route };
    const route = match.value;
    let rateHeaders: Record<string, string> = {};
    try {
      // Order as at HubSpot: authentication, then scopes, then the rate limit.
      if (route.scopes) ctx.tokens.authorize(ctx.tokens.authenticate(headers, now()), route.scopes);
      if (route.budget !== 'none') rateHeaders = limits.admit(route.budget, now());
      const reply = await route.handler(routed, ctx);
      return { ...reply, headers: { ...rateHeaders, ...reply.headers } };
    } catch (error) {
      if (error instanceof HubSpotError) return { ...error.toReply(), headers: { ...rateHeaders, ...error.headers } };
      process.stderr.write(`hubspot sandbox: ${req.method} ${req.path} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      return serverError(500).toReply();
    }
  };

  const injected = (plan: FaultPlan): Reply | undefined => {
    if (!plan.status) return undefined;
    const { status, html } = plan.status;
    if (html) return { status, text: `<html><body><h1>${status} Error</h1></body></html>`, contentType: 'text/html' };
    if (status === 429) return rateLimited('TEN_SECONDLY_ROLLING', limits.headers('standard', now())).toReply();
    return serverError(status).toReply();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const base = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, params: {}, route: '' };
    let rawBody: string;
    try {
      rawBody = await readBody(req, maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        writeReply(res, validationError(`Request body is larger than ${maxBodyBytes} bytes`).toReply());
        return;
      }
      throw error;
    }
    const request: SandboxRequest = { ...base, rawBody };
    if (url.pathname.startsWith('/__sandbox/')) {
      writeReply(res, serveAdmin(adminRoutes, request, admin));
      return;
    }
    const routeKey = (): string => {
      const m = api.match(request.method, request.path);
      return m && !('methodNotAllowed' in m) ? m.route : `${request.method} <unmatched>`;
    };
    const plan = faults.take(url.pathname);
    if (plan.latencyMs > 0) await sleep(plan.latencyMs);
    if (plan.drop === 'before') {
      log.record({ at: now(), method: request.method, path: request.path, route: routeKey(), status: 0 });
      res.socket?.destroy();
      return;
    }
    const reply = injected(plan) ?? await serveApi(request, req.headers.authorization);
    log.record({ at: now(), method: request.method, path: request.path, route: routeKey(), status: plan.drop === 'after' ? 0 : reply.status });
    // 'after': the request took effect but its answer never arrives.
    if (plan.drop === 'after') res.socket?.destroy();
    else writeReply(res, reply);
  };

  const server = await listenOnLoopback((req, res) => {
    handle(req, res).catch((error: unknown) => {
      process.stderr.write(`hubspot sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
      if (!res.headersSent) writeReply(res, serverError(500).toReply());
    });
  }, options.port ?? 0);

  return { url: server.url, port: server.port, admin, close: () => server.close() };
}
