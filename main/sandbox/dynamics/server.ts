import { serveAdmin } from '../shared/admin-routes';
import { systemClock, type Clock } from '../shared/clock';
import { FaultInjector } from '../shared/faults';
import { withHeaders, type Reply, type SandboxRequest } from '../shared/http';
import { listenOnLoopback } from '../shared/loopback-server';
import { RequestLog } from '../shared/request-log';
import { sandboxRequestPipeline } from '../shared/request-pipeline';
import { Router } from '../shared/router';
import { createAdmin, type DynamicsSandboxAdmin } from './admin';
import { adminRouter } from './admin-routes';
import { serveBatch } from './batch-route';
import type { ChangeTrackingState, DynamicsContext, DynamicsRoute, DynamicsSettings } from './context';
import { ServiceProtection, type LimitSettings } from './limits';
import { addMetadataRoutes } from './metadata-routes';
import { DynamicsOrg, type DynamicsOrgData } from './org';
import { addRecordRoutes } from './record-routes';
import { addIdentityRoutes, IDENTITY_ROUTES } from './oauth-routes';
import { IdentityState } from './oauth-state';
import { Tokens } from './tokens';
import { API_VERSION, DataverseError, notFound, serverError, unauthorized } from './wire';

export interface DynamicsSandboxOptions {
  /** 0 (default) picks a free port */
  port?: number;
  /** an access token to accept from the start */
  token?: string;
  /** the environment already has a Ferry ID column with an active alternate key, named with this prefix */
  ferryIdPrefix?: string;
  /** "Track changes" is on for contacts (default false: an admin turns it on, see track-changes-route.ts) */
  changeTracking?: boolean;
  /** the user may create columns and keys (default true) */
  canCustomize?: boolean;
  limits?: Partial<LimitSettings>;
  clock?: Clock;
  maxBodyBytes?: number;
  /** the environment as an earlier run left it (admin.exportState()) */
  state?: DynamicsOrgData;
  onChange?: () => void;
}

export interface DynamicsSandbox {
  /** the organisation URL, no trailing slash; also the sandbox's Microsoft identity platform (oauth-routes.ts) */
  url: string;
  port: number;
  admin: DynamicsSandboxAdmin;
  /** the sign-in side: app registrations, consent, revocation */
  identity: IdentityState;
  close(): Promise<void>;
}

const bearer = (header: string | undefined): string | undefined => /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];

/** Starts a Dataverse-compatible environment (the Web API subset Ferry uses) on 127.0.0.1. */
export async function startDynamicsSandbox(options: DynamicsSandboxOptions = {}): Promise<DynamicsSandbox> {
  const now = options.clock ?? systemClock;
  const org = new DynamicsOrg();
  if (options.state) org.loadData(options.state);
  else if (options.ferryIdPrefix) {
    org.prefix = options.ferryIdPrefix;
    org.addColumn(`${options.ferryIdPrefix}_ferryid`, 100);
    org.addKey(`${options.ferryIdPrefix}_ferryid`, 'Active');
  }
  const settings: DynamicsSettings = {
    canCustomize: options.canCustomize ?? true, newKeyStatus: 'Active', rejectRules: [], canDeleteAuditHistory: true,
    userId: '7f6c3e2a-1d4b-4c5e-9f00-00000000a001', organizationId: '0c3e1f5a-7b2d-4e6f-8a90-00000000b001',
  };
  const limits = new ServiceProtection();
  if (options.limits) limits.configure(options.limits);
  const tokens = new Tokens();
  if (options.token !== undefined) tokens.register(options.token);
  const faults = new FaultInjector();
  const log = new RequestLog();
  const api = new Router<DynamicsRoute>();
  let orgUrl = '';
  // ExpireChangeTrackingInDays: 7 by default ("Use change tracking to synchronize data with external systems")
  const tracking: ChangeTrackingState = { enabled: options.changeTracking ?? false, expireDays: 7, reads: { initial: 0, delta: 0 } };
  const ctx: DynamicsContext = { org, settings, tracking, now, orgUrl: () => orgUrl, api: () => api };
  // $batch answers each part through the same handlers; counted as one request (see limits.ts)
  let batchOperations = 0;
  api.add('POST', '/api/data/:version/$batch', (req, c) => serveBatch(req, c, (n) => { batchOperations = n; }));
  addMetadataRoutes(api);
  addRecordRoutes(api);
  const identity = new IdentityState();
  addIdentityRoutes(api, identity);
  const admin = createAdmin({ org, settings, tracking, limits, tokens, faults, log, now });

  const serveApi = async (route: DynamicsRoute, req: SandboxRequest): Promise<Reply> => {
    // the sign-in endpoints stand for login.microsoftonline.com: no Dataverse token, no service protection
    if (IDENTITY_ROUTES.has(route)) return route(req, ctx);
    if (req.params.version !== API_VERSION) return notFound(req.path).toReply();
    const token = bearer(req.headers.authorization);
    if (token === undefined || !(tokens.valid(token) || identity.accepts(token, orgUrl, now()))) return unauthorized(orgUrl);
    const refused = limits.admit(token, now());
    if (refused) return withHeaders(refused.toReply(), limits.headers(token, now()));
    const started = performance.now();
    batchOperations = 1;
    let reply: Reply;
    try {
      reply = route(req, ctx);
    } catch (error) {
      if (!(error instanceof DataverseError)) throw error;
      reply = error.toReply();
    }
    limits.charge(token, now(), performance.now() - started, batchOperations);
    return withHeaders(reply, limits.headers(token, now()));
  };

  const pipeline = sandboxRequestPipeline({
    name: 'dynamics',
    maxBodyBytes: options.maxBodyBytes ?? 32 * 1024 * 1024,
    clock: now,
    api,
    faults,
    log,
    serveAdmin: (req) => serveAdmin(adminRouter(), req, admin),
    serveApi,
    ...(options.onChange ? { onChange: options.onChange } : {}),
    replies: {
      tooLarge: (limit) => new DataverseError(413, '0x80040203', `The request body is larger than ${limit} bytes.`).toReply(),
      notFound: (req) => notFound(req.path).toReply(),
      methodNotAllowed: (req) => new DataverseError(405, '0x80060888', `The HTTP method '${req.method}' is not allowed for this resource.`).toReply(),
      // an injected 429 is a service protection refusal with its documented code and a short Retry-After
      injected: (status) => (status === 429 ? admin.injected429() : serverError(status)).toReply(),
      serverError: () => serverError(500).toReply(),
    },
  });
  // concurrency is counted from the first byte of a request to its answer, per token
  const server = await listenOnLoopback((req, res) => {
    const token = bearer(req.headers.authorization);
    if (token !== undefined && !(req.url ?? '').startsWith('/__sandbox/')) {
      limits.started(token);
      res.once('close', () => limits.finished(token));
    }
    pipeline(req, res);
  }, options.port ?? 0);
  orgUrl = server.url;
  return { url: server.url, port: server.port, admin, identity, close: () => server.close() };
}
