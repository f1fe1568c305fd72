import { randomBytes } from 'node:crypto';
import { json, type Reply, type SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import type { MailchimpContext, MailchimpHandler } from './context';
import { jsonParseError, MailchimpError, notFound, serverError, validationFailed } from './errors';
import { mailchimpTime } from './state';
import { BatchResultsStorage } from './batch-results';

/**
 * Mailchimp's Batch Operations (`POST /batches`, `GET /batches/{batch_id}`), as the
 * guide "Run Async Requests with the Batch Endpoint" and the API reference ("Start
 * batch operation", "Get batch operation status") describe them:
 * - the body is `{ operations: [{ method, path, params?, body?, operation_id? }] }`,
 *   `path` relative to /3.0 and `body` a *string* of JSON; "As long as the request fits
 *   this format, you'll receive a 200 response" with the batch: `id`, `status` pending,
 *   `total_operations`, `finished_operations`, `errored_operations`, `submitted_at`,
 *   `completed_at`, `response_body_url`;
 * - the operations run later, in the background, each as its own API call (one failing
 *   does not stop the others); `status` moves pending → preprocessing → started →
 *   finalizing → finished, and each operation's answer is kept as
 *   `{ status_code, operation_id, response }` (response: the answer's JSON as a string),
 *   which Mailchimp serves as a tar.gz at `response_body_url` once finished.
 * The sandbox runs a batch as soon as it is accepted (a queue that was empty), unless told
 * to hold batches (`holdBatches`), which plays Mailchimp's queue: "only one batch request
 * is run at a time", and a batch of 500 can take minutes (docs/vendor-facts.md). A finished
 * batch's results are served as Mailchimp's storage serves them (batch-results.ts): its
 * `response_body_url` is empty until it finishes, then a fresh pre-signed address on every
 * `GET /batches/{id}`. Mailchimp forgets batches after a while: `forget` plays that (a 404
 * "The requested resource could not be found.", what singer-io/tap-mailchimp reads as
 * "Batch … expired"); `dropResults` plays the archive deleted while the batch is still listed.
 * Tests read each operation's result directly too (`admin.batches()`).
 */

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

interface Operation {
  method: Method;
  path: string;
  params: Record<string, string>;
  body: string;
  operation_id?: string;
}

export interface OperationResult {
  status_code: number;
  operation_id?: string;
  /** the operation's answer, JSON as a string (Mailchimp's result entries) */
  response: string;
}

export interface SandboxBatch {
  id: string;
  status: 'pending' | 'finished';
  total_operations: number;
  finished_operations: number;
  errored_operations: number;
  submitted_at: string;
  completed_at: string;
  response_body_url: string;
  operations: Operation[];
  results: OperationResult[];
}

function parseOperations(raw: string): Operation[] {
  let body: unknown;
  try {
    body = JSON.parse(raw === '' ? '{}' : raw);
  } catch {
    throw jsonParseError();
  }
  const ops = (body as { operations?: unknown }).operations;
  if (!Array.isArray(ops)) throw validationFailed([{ field: 'operations', message: 'This value should not be blank.' }]);
  return ops.map((op: unknown, i) => {
    const o = (typeof op === 'object' && op !== null ? op : {}) as Record<string, unknown>;
    const method = typeof o.method === 'string' ? o.method.toUpperCase() : '';
    if (!METHODS.includes(method)) throw validationFailed([{ field: `operations.item:${i}.method`, message: 'Data presented is not one of the accepted values: GET, POST, PUT, PATCH, DELETE.' }]);
    if (typeof o.path !== 'string' || o.path === '') throw validationFailed([{ field: `operations.item:${i}.path`, message: 'This value should not be blank.' }]);
    if (o.body !== undefined && typeof o.body !== 'string') throw validationFailed([{ field: `operations.item:${i}.body`, message: 'Schema describes string, object found instead' }]);
    const params = typeof o.params === 'object' && o.params !== null ? Object.fromEntries(Object.entries(o.params).map(([k, v]) => [k, String(v)])) : {};
    return { method: method as Method, path: o.path, params, body: o.body ?? '', ...(typeof o.operation_id === 'string' ? { operation_id: o.operation_id } : {}) };
  });
}

/** The account's batches: accepted, queued (when held) and run one at a time, as Mailchimp does. */
export class MailchimpBatches {
  private readonly all = new Map<string, SandboxBatch>();
  private readonly queue: SandboxBatch[] = [];
  hold = false;

  constructor(private readonly router: Router<MailchimpHandler>, private readonly ctx: MailchimpContext, readonly storage: BatchResultsStorage) {}

  list(): SandboxBatch[] {
    return [...this.all.values()];
  }

  get(id: string): SandboxBatch | undefined {
    return this.all.get(id);
  }

  accept(raw: string): SandboxBatch {
    const operations = parseOperations(raw);
    const batch: SandboxBatch = {
      id: randomBytes(5).toString('hex'), status: 'pending', total_operations: operations.length, finished_operations: 0, errored_operations: 0,
      submitted_at: mailchimpTime(this.ctx.now()), completed_at: '', response_body_url: '', operations, results: [],
    };
    this.all.set(batch.id, batch);
    this.queue.push(batch);
    // what the caller is told is the batch as accepted: pending, whatever the queue does next
    const accepted = { ...batch };
    if (!this.hold) this.runQueued();
    return accepted;
  }

  /** Runs every queued batch, oldest first; how many ran. */
  runQueued(): number {
    let ran = 0;
    for (let batch = this.queue.shift(); batch; batch = this.queue.shift()) {
      for (const op of batch.operations) {
        const result = this.runOperation(op);
        batch.results.push(result);
        batch.finished_operations++;
        if (result.status_code >= 400) batch.errored_operations++;
      }
      batch.status = 'finished';
      batch.completed_at = mailchimpTime(this.ctx.now());
      this.storage.publish(batch.id, batch.results, this.ctx.now());
      ran++;
    }
    return ran;
  }

  clear(): void {
    this.all.clear();
    this.queue.length = 0;
    this.hold = false;
    this.storage.clear();
  }

  /** Mailchimp no longer knows the batch (GET answers 404); false when it never did. */
  forget(id: string): boolean {
    const known = this.all.delete(id);
    const queued = this.queue.findIndex((b) => b.id === id);
    if (queued >= 0) this.queue.splice(queued, 1);
    this.storage.drop(id);
    return known;
  }

  /** The batch is still listed but its results archive is gone (404 NoSuchKey); false when there was none. */
  dropResults(id: string): boolean {
    return this.storage.drop(id);
  }

  /** The batch as GET /batches/{id} shows it: a finished one with a freshly signed results address. */
  shown(b: SandboxBatch): Record<string, unknown> {
    const { operations: _operations, results: _results, ...shown } = b;
    return { ...shown, response_body_url: b.status === 'finished' ? this.storage.signedUrl(b.id) : '', _links: [] };
  }

  /** One operation, served by the same routes as a direct call; its failure is its own entry. */
  private runOperation(op: Operation): OperationResult {
    const [pathPart = '', queryPart = ''] = op.path.split('?');
    const path = `/3.0/${pathPart.replace(/^\/+/u, '').replace(/^3\.0\//u, '')}`;
    const query = new URLSearchParams(queryPart);
    for (const [k, v] of Object.entries(op.params)) query.set(k, v);
    const id = op.operation_id === undefined ? {} : { operation_id: op.operation_id };
    const match = this.router.match(op.method, path);
    let reply: Reply;
    if (!match || 'methodNotAllowed' in match || match.route.startsWith(`${op.method} /3.0/batches`)) {
      reply = notFound().toReply();
    } else {
      const req: SandboxRequest = { method: op.method, path, query, headers: {}, params: match.params, route: match.route, rawBody: op.body };
      try {
        const served = match.value(req, this.ctx);
        // every API route of this sandbox answers synchronously, so a batch runs in one step
        reply = served instanceof Promise ? serverError(500).toReply() : served;
      } catch (error) {
        reply = (error instanceof MailchimpError ? error : serverError(500)).toReply();
      }
    }
    return { status_code: reply.status, ...id, response: JSON.stringify(reply.body ?? {}) };
  }
}

/** Served on the storage host, not the API: no API key, none of the account's connections (server.ts). */
export const STORAGE_HANDLERS = new WeakSet<MailchimpHandler>();

export function addBatchRoutes(router: Router<MailchimpHandler>, batches: MailchimpBatches): void {
  const archive: MailchimpHandler = (req) => batches.storage.serve(req);
  STORAGE_HANDLERS.add(archive);
  router
    .add('POST', '/3.0/batches', (req) => json(200, batches.shown(batches.accept(req.rawBody))))
    .add('GET', '/3.0/batches/:id', (req) => {
      const batch = batches.get(req.params.id ?? '');
      if (!batch) throw notFound();
      return json(200, batches.shown(batch));
    })
    .add('GET', BatchResultsStorage.route, archive);
}
