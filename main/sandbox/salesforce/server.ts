import type { IncomingMessage } from 'node:http';
import { serveAdmin } from '../shared/admin-routes';
import { systemClock, type Clock } from '../shared/clock';
import { FaultInjector } from '../shared/faults';
import { withHeaders, type Reply, type SandboxRequest } from '../shared/http';
import { listenOnLoopback } from '../shared/loopback-server';
import { RequestLog } from '../shared/request-log';
import { sandboxRequestPipeline } from '../shared/request-pipeline';
import { Router } from '../shared/router';
import { createAdmin, type SalesforceSandboxAdmin } from './admin';
import { adminRouter } from './admin-routes';
import { AuthState } from './auth-state';
import { addCollectionRoutes } from './collections-routes';
import { addCompositeRoutes } from './composite-routes';
import { addDeleteLogRoutes } from './delete-log-routes';
import { addSoapRoutes } from './soap-routes';
import { addToolingRoutes } from './tooling-routes';
import type { SalesforceContext, SalesforceRoute } from './context';
import { invalidSession, methodNotAllowed, notFoundResource, SalesforceError, serverError } from './errors';
import { DailyAllocation, DEFAULT_DAILY_LIMIT } from './limits';
import { addMiscRoutes } from './misc-routes';
import { addOAuthRoutes } from './oauth-routes';
import { addQueryRoutes, QueryCursors } from './query-routes';
import { defaultSchemaOptions, FERRY_ID_FIELD, SchemaRegistry, type ObjectName, type SchemaOptions } from './schema';
import { addSObjectRoutes } from './sobject-routes';
import { SalesforceStore, type SalesforceStoreData } from './store';
import type { FieldDef } from './schema';

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
  /** the org as an earlier run left it (admin.exportState()) */
  state?: SalesforceOrgData;
  /** called after each request that may have changed the org's data, e.g. to save it */
  onChange?: () => void;
}

/** A sandbox org across restarts: its schema choices, the custom fields added to it and its records. */
export interface SalesforceOrgData {
  schema: SchemaOptions;
  customFields: Array<{ object: ObjectName; def: FieldDef }>;
  store: SalesforceStoreData;
}

export interface SalesforceSandbox {
  /** the instance URL for `new jsforce.Connection({ instanceUrl: url })` and the login URL for OAuth, no trailing slash */
  url: string;
  port: number;
  admin: SalesforceSandboxAdmin;
  close(): Promise<void>;
}

/** 414 for a request line over the limit, 431 for URI plus headers over it; undefined when within. */
function uriLengthRefusal(req: IncomingMessage): Reply | undefined {
  const headerBytes = req.rawHeaders.reduce((sum, h) => sum + Buffer.byteLength(h) + 2, 0);
  const uriBytes = Buffer.byteLength(req.url ?? '/');
  if (uriBytes <= MAX_URI_BYTES && uriBytes + headerBytes <= MAX_URI_BYTES) return undefined;
  const tooLong = uriBytes > MAX_URI_BYTES;
  return new SalesforceError(tooLong ? 414 : 431, tooLong ? 'URI_TOO_LONG' : 'REQUEST_HEADER_FIELDS_TOO_LARGE',
    tooLong ? `The request URI is ${uriBytes} bytes; the limit is ${MAX_URI_BYTES}.` : `The request URI and headers are over ${MAX_URI_BYTES} bytes.`).toReply();
}

function indexedFields(schema: SchemaRegistry): (type: ObjectName) => string[] {
  return (type) => ['Email', ...schema.fields(type).filter((f) => f.externalId || f.unique || f.name === FERRY_ID_FIELD).map((f) => f.name)];
}

/** Starts a Salesforce-compatible org (REST subset Ferry uses) on 127.0.0.1. */
export async function startSalesforceSandbox(options: SalesforceSandboxOptions = {}): Promise<SalesforceSandbox> {
  const now = options.clock ?? systemClock;
  const schema = new SchemaRegistry({ ...defaultSchemaOptions, ...options.schema, ...options.state?.schema });
  for (const { object, def } of options.state?.customFields ?? []) schema.addCustomField(object, def);
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
      validationRules: [], duplicateRules: [], rejectEmailPattern: undefined, lockedRowWrites: 0,
      rotateRefreshTokens: options.rotateRefreshTokens ?? false,
      orgId: '00DFe0000000001EAA', userId: '005Fe0000000001AAA', canCustomize: true, consent: 'approve',
    },
    now,
    baseUrl: () => baseUrl,
  };
  const faults = new FaultInjector();
  const log = new RequestLog();
  if (options.state) ctx.store.loadData(options.state.store);
  const admin = createAdmin({ ctx, limits, faults, log, cursors });
  if (options.token !== undefined) admin.registerToken(options.token);

  const api = new Router<SalesforceRoute>();
  addOAuthRoutes(api);
  addMiscRoutes(api);
  addQueryRoutes(api);
  addCollectionRoutes(api);
  addCompositeRoutes(api);
  addToolingRoutes(api);
  addDeleteLogRoutes(api);
  addSoapRoutes(api);
  addSObjectRoutes(api);
  const adminRoutes = adminRouter();

  const serveApi = async (route: SalesforceRoute, req: SandboxRequest): Promise<Reply> => {
    // Read after serving, so the header counts this request.
    const limitHeader = (): Record<string, string> => (route.kind === 'api' ? limits.header(now()) : {});
    try {
      if (route.kind === 'api') {
        if (req.params.version !== undefined && !/^v\d+\.\d$/.test(req.params.version)) throw notFoundResource(req.path);
        // Order as at Salesforce: the session first, then the org's daily allocation.
        if (!ctx.auth.authenticate(req.headers.authorization, now())) throw invalidSession();
        limits.admit(now());
      }
      return withHeaders(await route.handler(req, ctx), limitHeader());
    } catch (error) {
      if (!(error instanceof SalesforceError)) throw error;
      return withHeaders(error.toReply(), limitHeader());
    }
  };

  const server = await listenOnLoopback(sandboxRequestPipeline({
    name: 'salesforce',
    maxBodyBytes: options.maxBodyBytes ?? 50 * 1024 * 1024,
    clock: now,
    api,
    faults,
    log,
    serveAdmin: (req) => serveAdmin(adminRoutes, req, admin),
    serveApi,
    ...(options.onChange ? { onChange: options.onChange } : {}),
    replies: {
      tooLarge: (limit) => new SalesforceError(413, 'REQUEST_TOO_LARGE', `Request body is larger than ${limit} bytes`).toReply(),
      notFound: (req) => notFoundResource(req.path).toReply(),
      methodNotAllowed: (req) => methodNotAllowed(req.method).toReply(),
      injected: (status) => ({ ...serverError(status).toReply(), headers: limits.header(now()) }),
      serverError: () => serverError(500).toReply(),
    },
    preCheck: uriLengthRefusal,
  }), options.port ?? 0, { maxHeaderSize: 4 * MAX_URI_BYTES });
  baseUrl = server.url;

  return { url: server.url, port: server.port, admin, close: () => server.close() };
}
