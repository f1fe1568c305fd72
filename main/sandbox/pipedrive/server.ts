import { serveAdmin } from '../shared/admin-routes';
import { systemClock, type Clock } from '../shared/clock';
import { FaultInjector } from '../shared/faults';
import { withHeaders, type Reply, type SandboxRequest } from '../shared/http';
import { listenOnLoopback } from '../shared/loopback-server';
import { RequestLog } from '../shared/request-log';
import { sandboxRequestPipeline } from '../shared/request-pipeline';
import { Router } from '../shared/router';
import { addAccountRoutes } from './account-routes';
import { createAdmin, type PipedriveSandboxAdmin } from './admin';
import { adminRouter } from './admin-routes';
import type { PipedriveContext, PipedriveRoute, TokenState } from './context';
import { badRequest, notFound, PipedriveError, serverError, tooManyRequests, unauthorized } from './errors';
import { PipedriveLimits, type LimitSettings } from './limits';
import { addPersonRoutes } from './persons-routes';
import { addRecentsRoutes } from './recents-routes';
import { addOAuthRoutes, OAUTH_ROUTES } from './oauth-routes';
import { PipedriveOAuthState } from './oauth-state';
import { PipedriveStore, type PipedriveStoreData } from './store';

export interface PipedriveSandboxOptions {
  /** 0 (default) picks a free port */
  port?: number;
  /** an API token to accept */
  token?: string;
  /** plan, seats and overrides of the documented limits; default Lite, 1 seat */
  limits?: Partial<LimitSettings>;
  clock?: Clock;
  /** the company's records as an earlier run left them (admin.exportState()) */
  state?: PipedriveStoreData;
  onChange?: () => void;
  maxBodyBytes?: number;
}

export interface PipedriveSandbox {
  /** the API base a connection uses (requests go to {url}/api/v1 and /api/v2), no trailing slash; also its OAuth server (oauth-routes.ts) */
  url: string;
  port: number;
  admin: PipedriveSandboxAdmin;
  /** the OAuth server's apps, consent and grants */
  oauth: PipedriveOAuthState;
  close(): Promise<void>;
}

/**
 * The token of a request: `x-api-token` (what the SDK sends), `api_token` in the
 * query (Pipedrive still accepts it), or `Authorization: Bearer` (OAuth).
 */
function credential(req: SandboxRequest): string | undefined {
  const header = req.headers['x-api-token'];
  if (typeof header === 'string' && header) return header;
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  return bearer ?? req.query.get('api_token') ?? undefined;
}

/** Starts a Pipedrive-compatible company on 127.0.0.1. */
export async function startPipedriveSandbox(options: PipedriveSandboxOptions = {}): Promise<PipedriveSandbox> {
  const now = options.clock ?? systemClock;
  const ctx: PipedriveContext = {
    store: new PipedriveStore(),
    settings: { rejectEmailPattern: null, companyId: 7_424_242, companyDomain: 'ferry-sandbox' },
    tokens: new Map<string, TokenState>(),
    now,
  };
  const limits = new PipedriveLimits({ plan: 'lite', seats: 1, ...options.limits });
  const faults = new FaultInjector();
  const log = new RequestLog();
  if (options.state) ctx.store.loadData(options.state);
  const admin = createAdmin({ ctx, limits, faults, log });
  if (options.token !== undefined) admin.registerToken(options.token);

  const api = new Router<PipedriveRoute>();
  addPersonRoutes(api);
  addRecentsRoutes(api);
  addAccountRoutes(api);
  const oauth = new PipedriveOAuthState();
  let serverUrl = '';
  addOAuthRoutes(api, oauth, () => serverUrl);
  const adminRoutes = adminRouter();

  const serveApi = async (route: PipedriveRoute, req: SandboxRequest): Promise<Reply> => {
    // the OAuth server (oauth.pipedrive.com) takes no API token and no part of the company's budget
    if (OAUTH_ROUTES.has(route)) return route.handler(req, ctx);
    let headers: Record<string, string> = {};
    try {
      const token = credential(req);
      const state = token === undefined ? undefined : ctx.tokens.get(token);
      if (!token || !state || state.revoked || (state.expiresAt !== undefined && now() >= state.expiresAt)) throw unauthorized();
      const decision = limits.admit({ token, auth: state.auth, cost: route.cost, write: route.write, now: now() });
      headers = decision.headers;
      if (!decision.allowed) throw tooManyRequests(decision.retryAfterSeconds, decision.headers);
      return withHeaders(route.handler(req, ctx), headers);
    } catch (error) {
      if (!(error instanceof PipedriveError)) throw error;
      return withHeaders(error.toReply(), headers);
    }
  };

  const server = await listenOnLoopback(sandboxRequestPipeline({
    name: 'pipedrive',
    maxBodyBytes: options.maxBodyBytes ?? 4 * 1024 * 1024,
    clock: now,
    api,
    faults,
    log,
    serveAdmin: (req) => serveAdmin(adminRoutes, req, admin),
    serveApi,
    ...(options.onChange ? { onChange: options.onChange } : {}),
    replies: {
      tooLarge: (limit) => badRequest(`Request body is larger than ${limit} bytes`).toReply(),
      notFound: () => notFound('Unknown method .').toReply(),
      methodNotAllowed: () => new PipedriveError(405, 'Method not allowed').toReply(),
      injected: (status) => (status === 429 ? tooManyRequests(2, { 'x-ratelimit-remaining': '0' }) : status === 401 ? unauthorized() : serverError(status)).toReply(),
      serverError: () => serverError(500).toReply(),
    },
  }), options.port ?? 0);

  serverUrl = server.url;
  return { url: server.url, port: server.port, admin, oauth, close: () => server.close() };
}
