import { serveAdmin } from '../shared/admin-routes';
import { systemClock, type Clock } from '../shared/clock';
import { FaultInjector } from '../shared/faults';
import type { Reply, SandboxRequest } from '../shared/http';
import { listenOnLoopback } from '../shared/loopback-server';
import { RequestLog } from '../shared/request-log';
import { sandboxRequestPipeline } from '../shared/request-pipeline';
import { Router } from '../shared/router';
import { createAdmin, type MailchimpSandboxAdmin } from './admin';
import { adminRouter } from './admin-routes';
import type { MailchimpContext, MailchimpHandler } from './context';
import { MailchimpError, methodNotAllowed, notFound, serverError, tooManyConnections, invalidResource } from './errors';
import { KeyRegistry } from './keys';
import { ConnectionLimit } from './limits';
import { addMailchimpRoutes } from './routes';
import { addBatchRoutes, MailchimpBatches, STORAGE_HANDLERS } from './batches';
import { BatchResultsStorage } from './batch-results';
import { addOAuthRoutes, OAUTH_HANDLERS } from './oauth-routes';
import { MailchimpOAuthState } from './oauth-state';
import { MAX_MERGE_FIELDS, MailchimpStore, type MailchimpStoreData } from './state';

export interface MailchimpSandboxOptions {
  /** 0 (default) picks a free port */
  port?: number;
  /** an API key to accept */
  apiKey?: string;
  /** simultaneous connections per account; default 10 (Mailchimp's) */
  connections?: number;
  /** how long each API request takes to serve; default 0 */
  serviceMs?: number;
  /** merge fields per audience; default 30 (MAX_MERGE_FIELDS) */
  mergeFields?: number;
  clock?: Clock;
  state?: MailchimpStoreData;
  onChange?: () => void;
  /** largest accepted request body; default 16 MiB */
  maxBodyBytes?: number;
}

export interface MailchimpSandbox {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** the API root a connection uses: `<url>/3.0` */
  apiRoot: string;
  port: number;
  admin: MailchimpSandboxAdmin;
  /** the OAuth server (login.mailchimp.com, oauth-routes.ts): apps, consent, what the metadata says */
  oauth: MailchimpOAuthState;
  close(): Promise<void>;
}

/** Starts a Mailchimp Marketing API look-alike (one account, one audience) on 127.0.0.1. */
export async function startMailchimpSandbox(options: MailchimpSandboxOptions = {}): Promise<MailchimpSandbox> {
  const now = options.clock ?? systemClock;
  const ctx: MailchimpContext = { store: new MailchimpStore(), settings: { rejectEmailPattern: undefined, maxMergeFields: options.mergeFields ?? MAX_MERGE_FIELDS, batchComplianceAnswer: 'errors' }, now };
  if (options.state) ctx.store.loadData(options.state);
  const keys = new KeyRegistry();
  if (options.apiKey) keys.register(options.apiKey);
  const limit = new ConnectionLimit(options.connections ?? 10, options.serviceMs ?? 0);
  const faults = new FaultInjector();
  const log = new RequestLog();
  const api = new Router<MailchimpHandler>();
  addMailchimpRoutes(api);
  let serverUrl = '';
  const batches = new MailchimpBatches(api, ctx, new BatchResultsStorage(() => serverUrl, now));
  addBatchRoutes(api, batches);
  const admin = createAdmin({ ctx, keys, limit, faults, log, batches });
  const oauth = new MailchimpOAuthState();
  addOAuthRoutes(api, oauth, keys, () => serverUrl);
  const adminRoutes = adminRouter();

  const serveApi = async (handler: MailchimpHandler, req: SandboxRequest): Promise<Reply> => {
    // the OAuth server takes no API key and holds none of the account's connections
    if (OAUTH_HANDLERS.has(handler)) return handler(req, ctx);
    // the batch results archive is on Mailchimp's storage host (S3): a signed address, no API key
    if (STORAGE_HANDLERS.has(handler)) return handler(req, ctx);
    try {
      // Mailchimp authenticates first; only then does a request hold one of the account's connections
      keys.authenticate(req.headers.authorization);
      const held = await limit.hold(async () => handler(req, ctx));
      if (!held.ok) throw tooManyConnections(limit.max);
      return held.value;
    } catch (error) {
      if (!(error instanceof MailchimpError)) throw error;
      return error.toReply();
    }
  };

  const server = await listenOnLoopback(sandboxRequestPipeline({
    name: 'mailchimp',
    maxBodyBytes: options.maxBodyBytes ?? 16 * 1024 * 1024,
    clock: now,
    api,
    faults,
    log,
    serveAdmin: (req) => serveAdmin(adminRoutes, req, admin),
    serveApi,
    ...(options.onChange ? { onChange: options.onChange } : {}),
    replies: {
      tooLarge: () => invalidResource('The request body is too large.').toReply(),
      notFound: () => notFound().toReply(),
      methodNotAllowed: () => methodNotAllowed().toReply(),
      injected: (status) => (status === 429 ? tooManyConnections(limit.max) : status === 401 ? new MailchimpError(401, 'API Key Invalid', 'Your API key may be invalid, or you\'ve attempted to access the wrong datacenter.') : serverError(status)).toReply(),
      serverError: () => serverError(500).toReply(),
    },
  }), options.port ?? 0);
  serverUrl = server.url;
  return { url: server.url, apiRoot: `${server.url}/3.0`, port: server.port, admin, oauth, close: () => server.close() };
}
