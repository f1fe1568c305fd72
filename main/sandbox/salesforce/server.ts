import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock, type Clock } from '../shared/clock';
import { FaultInjector, type FaultPlan } from '../shared/faults';
import { BodyTooLargeError, readBody, writeReply, type Reply, type SandboxRequest } from '../shared/http';
import { serveAdmin } from '../shared/admin-routes';
import { listenOnLoopback } from '../shared/loopback-server';
import { RequestLog } from '../shared/request-log';
import { Router } from '../shared/router';
import { createAdmin, type SalesforceSandboxAdmin } from './admin';
import { adminRouter } from './admin-routes';
import { AuthState } from './auth-state';
import { addCollectionRoutes } from './collections-routes';
import type { SalesforceContext, SalesforceRoute } from './context';
import { invalidSession, methodNotAllowed, notFoundResource, SalesforceError, serverError } from './errors';
import { DailyAllocation, DEFAULT_DAILY_LIMIT } from './limits';
import { addMiscRoutes } from './misc-routes';
import { addOAuthRoutes } from './oauth-routes';
import { addQueryRoutes, QueryCursors } from './query-routes';
import { defaultSchemaOptions, FERRY_ID_FIELD, SchemaRegistry, type ObjectName, type SchemaOptions } from './schema';
import { addSObjectRoutes } from './sobject-routes';
import { SalesforceStore } from './store';

/** Salesforce refuses a request line longer than this with 414, and URI plus headers beyond it with 431. */
export const MAX_URI_BYTES = 16_384;

export interface SalesforceSandboxOptions {
  /** 0 (default) picks a free port */
  port?: number;
  /** an access token to accept from the start (never expires) */
  token?: string;
  /** API requests per rolling 24 h; default 100,000 */
  dailyLimit?: number;
  /** Ferry_Id__c on Contact and Lead, and whether it is an External ID; default both true */
  schema?: Partial<SchemaOptions>;
  /** refresh-token rotation; default off */
  rotateRefreshTokens?: boolean;
  /** drives token and code expiry, the daily window and timestamps; default Date.now */
  clock?: Clock;
  /** largest accepted request body; default 50 MiB */
  maxBodyBytes?: number;
}

export interface SalesforceSandbox {
  /** the instance URL for `new jsforce.Connection({ instanceUrl: url })` and the login URL for OAuth, no trailing slash */
  url: string;
  port: number;
  admin: SalesforceSandboxAdmin;
  close(): Promise<void>;
}

function indexedFields(schema: SchemaRegistry): (type: ObjectName) => string[] {
  return (type) => ['Email', ...schema.fields(type).filter((f) => f.externalId || f.unique || f.name === FERRY_ID_FIELD).map((f) => f.name)];
}

/** Starts a Salesforce-compatible org (REST subset Ferry uses) on 127.0.0.1. */
export async function startSalesforceSandbox(options: SalesforceSandboxOptions = {}): Promise<SalesforceSandbox> {
  const now = options.clock ?? systemClock;
  const schema = new SchemaRegistry({ ...defaultSchemaOptions, ...options.schema });
  const cursors = new QueryCursors();
  const limits = new DailyAllocation(options.dailyLimit ?? DEFAULT_DAILY_LIMIT);
  let baseUrl = '';
  const ctx: SalesforceContext = {
    store: new SalesforceStore(indexedFields(schema)),
    schema,
    auth: new AuthState(),
    cursors,
    limits,
    settings: {
      validationRules: [], duplicateRules: [], rejectEmailPattern: undefined,
      rotateRefreshTokens: options.rotateRefreshTokens ?? false,
      orgId: '00DFe0000000001EAA', userId: '005Fe0000000001AAA',
    },
    now,
    baseUrl: () => baseUrl,
  };
  const faults = new FaultInjector();
  const log = new RequestLog();
  const admin = createAdmin({ ctx, limits, faults, log, cursors });
  if (options.token !== undefined) admin.registerToken(options.token);

  const api = new Router<SalesforceRoute>();
  addOAuthRoutes(api);
  addMiscRoutes(api);
  addQueryRoutes(api);
  addCollectionRoutes(api);
  addSObjectRoutes(api);
  const adminRoutes = adminRouter();
  const maxBodyBytes = options.maxBodyBytes ?? 50 * 1024 * 1024;

  const serveApi = async (req: SandboxRequest): Promise<Reply> => {
    const match = api.match(req.method, req.path);
    if (!match) return notFoundResource(req.path).toReply();
    if ('methodNotAllowed' in match) return methodNotAllowed(req.method).toReply();
    const route = match.value;
    const routed: SandboxRequest = { ...req, params: match.params, route: match.route };
    const limitHeader = (): Record<string, string> => (route.kind === 'api' ? limits.header(now()) : {});
    try {
      if (route.kind === 'api') {
        if (routed.params.version !== undefined && !/^v\d+\.\d$/.test(routed.params.version)) throw notFoundResource(req.path);
        // Order as at Salesforce: the session first, then the org's daily allocation.
        if (!ctx.auth.authenticate(req.headers.authorization, now())) throw invalidSession();
        limits.admit(now());
      }
      const reply = await route.handler(routed, ctx);
      return { ...reply, headers: { ...limitHeader(), ...reply.headers } };
    } catch (error) {
      if (error instanceof SalesforceError) {
        const reply = error.toReply();
        return { ...reply, headers: { ...limitHeader(), ...reply.headers } };
      }
      process.stderr.write(`salesforce sandbox: ${req.method} ${req.path} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      return serverError(500).toReply();
    }
  };

  const injected = (plan: FaultPlan): Reply | undefined => {
    if (!plan.status) return undefined;
    const { status, html } = plan.status;
    if (html) return { status, text: `<html><body><h1>${status} Error</h1></body></html>`, contentType: 'text/html' };
    return { ...serverError(status).toReply(), headers: limits.header(now()) };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rawUrl = req.url ?? '/';
    const url = new URL(rawUrl, 'http://127.0.0.1');
    const base = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, params: {}, route: '' };
    let rawBody: string;
    try {
      rawBody = await readBody(req, maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        writeReply(res, new SalesforceError(413, 'REQUEST_TOO_LARGE', `Request body is larger than ${maxBodyBytes} bytes`).toReply());
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
    const headerBytes = req.rawHeaders.reduce((sum, h) => sum + Buffer.byteLength(h) + 2, 0);
    const uriBytes = Buffer.byteLength(rawUrl);
    if (uriBytes > MAX_URI_BYTES || uriBytes + headerBytes > MAX_URI_BYTES) {
      const tooLong = uriBytes > MAX_URI_BYTES;
      const reply = new SalesforceError(tooLong ? 414 : 431, tooLong ? 'URI_TOO_LONG' : 'REQUEST_HEADER_FIELDS_TOO_LARGE',
        tooLong ? `The request URI is ${uriBytes} bytes; the limit is ${MAX_URI_BYTES}.` : `The request URI and headers are over ${MAX_URI_BYTES} bytes.`).toReply();
      log.record({ at: now(), method: request.method, path: request.path, route: routeKey(), status: reply.status });
      writeReply(res, reply);
      return;
    }
    const plan = faults.take(url.pathname);
    if (plan.latencyMs > 0) await sleep(plan.latencyMs);
    if (plan.drop === 'before') {
      log.record({ at: now(), method: request.method, path: request.path, route: routeKey(), status: 0 });
      res.socket?.destroy();
      return;
    }
    const reply = injected(plan) ?? await serveApi(request);
    log.record({ at: now(), method: request.method, path: request.path, route: routeKey(), status: plan.drop === 'after' ? 0 : reply.status });
    // 'after': the write happened but its answer never arrives (the idempotency case).
    if (plan.drop === 'after') res.socket?.destroy();
    else writeReply(res, reply);
  };

  const server = await listenOnLoopback((req, res) => {
    handle(req, res).catch((error: unknown) => {
      process.stderr.write(`salesforce sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
      if (!res.headersSent) writeReply(res, serverError(500).toReply());
    });
  }, options.port ?? 0, { maxHeaderSize: 4 * MAX_URI_BYTES });
  baseUrl = server.url;

  return { url: server.url, port: server.port, admin, close: () => server.close() };
}
