import { serveAdmin } from '../shared/admin-routes';
import { systemClock, type Clock } from '../shared/clock';
import { FaultInjector } from '../shared/faults';
import { withHeaders, type Reply, type SandboxRequest } from '../shared/http';
import { listenOnLoopback } from '../shared/loopback-server';
import { RequestLog } from '../shared/request-log';
import { sandboxRequestPipeline } from '../shared/request-pipeline';
import { Router } from '../shared/router';
import { createAdmin, type HubSpotSandboxAdmin } from './admin';
import { adminRouter } from './admin-routes';
import { addCompanyRoutes } from './companies-routes';
import { addCompanyAssociationRoutes } from './company-associations-routes';
import { addContactRoutes } from './contacts-routes';
import { addMergeRoutes } from './merge-routes';
import { allScopes, type HubSpotContext, type HubSpotRoute, type SandboxSettings } from './context';
import { HubSpotError, locked, methodNotAllowed, migrationInProgress, notFoundRoute, rateLimited, serverError, validationError } from './errors';
import { defaultLimits, HubSpotLimits } from './limits';
import { addNoteRoutes } from './notes-routes';
import { OAuthState } from './oauth-state';
import { addOAuthRoutes } from './oauth-routes';
import { addPropertyRoutes } from './properties-routes';
import { addAccountRoutes } from './account-routes';
import { addSearchRoutes } from './search-routes';
import { HubSpotStore , type HubSpotStoreData } from './state';
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
  /** account-info's uiDomain; 'app-eu1.hubspot.com' plays an EU-hosted portal; default app.hubspot.com */
  uiDomain?: string;
  /** the account's records as an earlier run left them (admin.exportState()) */
  state?: HubSpotStoreData;
  /** called after each request that may have changed the account's data, e.g. to save it */
  onChange?: () => void;
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

/** How HubSpot answers an injected status: its own shapes for the statuses it documents. */
function injectedError(status: number, limits: HubSpotLimits, at: number, settings: SandboxSettings): HubSpotError {
  if (status === 429) return rateLimited('TEN_SECONDLY_ROLLING', limits.headers('standard', at));
  if (status === 423) return locked();
  if (status === 477) return migrationInProgress(settings.migrationRetryAfterSeconds);
  return serverError(status);
}

/** Starts a HubSpot-compatible CRM on 127.0.0.1. */
export async function startHubSpotSandbox(options: HubSpotSandboxOptions = {}): Promise<HubSpotSandbox> {
  const now = options.clock ?? systemClock;
  const ctx: HubSpotContext = {
    store: new HubSpotStore(options.portalId ?? 4_242_424),
    tokens: new TokenRegistry(allScopes),
    oauth: new OAuthState(allScopes),
    settings: { searchLagMs: options.searchLagMs ?? 0, rejectEmailPattern: undefined, migrationRetryAfterSeconds: 30, uiDomain: options.uiDomain ?? 'app.hubspot.com', consent: 'approve' },
    now,
  };
  const limits = new HubSpotLimits({
    rateLimit: options.rateLimit ?? defaultLimits.rateLimit,
    dailyLimit: options.dailyLimit ?? defaultLimits.dailyLimit,
    searchPerSecond: options.searchPerSecond ?? defaultLimits.searchPerSecond,
  });
  const faults = new FaultInjector();
  const log = new RequestLog();
  if (options.state) ctx.store.loadData(options.state);
  const admin = createAdmin({ ctx, limits, faults, log });
  if (options.token !== undefined) admin.registerToken({ token: options.token });

  const api = new Router<HubSpotRoute>();
  addContactRoutes(api);
  addMergeRoutes(api);
  addSearchRoutes(api);
  addPropertyRoutes(api);
  addAccountRoutes(api);
  addCompanyRoutes(api);
  addCompanyAssociationRoutes(api);
  addNoteRoutes(api);
  addOAuthRoutes(api);
  const adminRoutes = adminRouter();

  const serveApi = async (route: HubSpotRoute, req: SandboxRequest): Promise<Reply> => {
    let rateHeaders: Record<string, string> = {};
    try {
      // Order as at HubSpot: authentication, then scopes, then the rate limit.
      let token = '';
      if (route.scopes) {
        const record = ctx.tokens.authenticate(req.headers.authorization, now());
        ctx.tokens.authorize(record, route.scopes);
        token = record.token;
      }
      if (route.budget !== 'none') rateHeaders = limits.admit(route.budget, now(), token);
      return withHeaders(await route.handler(req, ctx), rateHeaders);
    } catch (error) {
      if (!(error instanceof HubSpotError)) throw error;
      return withHeaders(error.toReply(), rateHeaders);
    }
  };

  const server = await listenOnLoopback(sandboxRequestPipeline({
    name: 'hubspot',
    maxBodyBytes: options.maxBodyBytes ?? 16 * 1024 * 1024,
    clock: now,
    api,
    faults,
    log,
    serveAdmin: (req) => serveAdmin(adminRoutes, req, admin),
    serveApi,
    ...(options.onChange ? { onChange: options.onChange } : {}),
    replies: {
      tooLarge: (limit) => validationError(`Request body is larger than ${limit} bytes`).toReply(),
      notFound: (req) => notFoundRoute(req.method, req.path).toReply(),
      methodNotAllowed: (req) => methodNotAllowed(req.method, req.path).toReply(),
      injected: (status) => injectedError(status, limits, now(), ctx.settings).toReply(),
      serverError: () => serverError(500).toReply(),
    },
  }), options.port ?? 0);

  return { url: server.url, port: server.port, admin, close: () => server.close() };
}
