import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from './clock';
import type { FaultInjector, FaultPlan } from './faults';
import { BodyTooLargeError, readBody, writeReply, type Reply, type SandboxRequest } from './http';
import type { RequestLog } from './request-log';
import type { RouteMatch, Router } from './router';

/** The answers whose wire shape is the CRM's own; the pipeline decides when each is sent. */
interface PipelineReplies {
  /** the body is over `maxBodyBytes` (sent before routing, not logged) */
  tooLarge(limitBytes: number): Reply;
  notFound(req: SandboxRequest): Reply;
  methodNotAllowed(req: SandboxRequest): Reply;
  /** an injected status fault that does not ask for an HTML page */
  injected(status: number): Reply;
  /** 500 after a handler crashed */
  serverError(): Reply;
}

interface SandboxPipelineOptions<R> {
  /** names the sandbox in stderr lines */
  name: string;
  maxBodyBytes: number;
  clock: Clock;
  api: Router<R>;
  faults: FaultInjector;
  log: RequestLog;
  serveAdmin(req: SandboxRequest): Reply;
  /** Serves a matched API route. It answers the CRM's own errors itself; anything it throws is a sandbox bug (→ stderr, 500). */
  serveApi(route: R, req: SandboxRequest): Promise<Reply>;
  replies: PipelineReplies;
  /** a refusal made before faults apply (Salesforce's URI length limit); logged like any answer */
  preCheck?(req: IncomingMessage): Reply | undefined;
  /** after an API request that may have changed the sandbox's data was served (anything but GET) */
  onChange?(): void;
}

/** What a misbehaving load balancer sends instead of the CRM's JSON. */
function htmlErrorPage(status: number): Reply {
  return { status, text: `<html><body><h1>${status} Error</h1></body></html>`, contentType: 'text/html' };
}

/**
 * The request flow the CRM sandboxes share, in this order: read the body (size
 * limit); /__sandbox/ goes to the admin API, unlogged and fault-free; the
 * pre-check; injected latency; 'drop before' (nothing happened); an injected
 * status or the API itself; 'drop after' (it happened, the answer is lost).
 * Every API request is logged once under its route pattern, status 0 if dropped.
 */
export function sandboxRequestPipeline<R>(options: SandboxPipelineOptions<R>): (req: IncomingMessage, res: ServerResponse) => void {
  const { name, maxBodyBytes, clock: now, api, faults, log, replies } = options;

  const serveMatched = async (req: SandboxRequest, match: RouteMatch<R> | { methodNotAllowed: true } | undefined): Promise<Reply> => {
    if (!match) return replies.notFound(req);
    if ('methodNotAllowed' in match) return replies.methodNotAllowed(req);
    try {
      return await options.serveApi(match.value, { ...req, params: match.params, route: match.route });
    } catch (error) {
      process.stderr.write(`${name} sandbox: ${req.method} ${req.path} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      return replies.serverError();
    }
  };

  const injected = (status: NonNullable<FaultPlan['status']>): Reply => (status.html ? htmlErrorPage(status.status) : replies.injected(status.status));

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let rawBody: string;
    try {
      rawBody = await readBody(req, maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      writeReply(res, replies.tooLarge(maxBodyBytes));
      return;
    }
    const request: SandboxRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, params: {}, route: '', rawBody };
    if (url.pathname.startsWith('/__sandbox/')) {
      writeReply(res, options.serveAdmin(request));
      return;
    }
    const match = api.match(request.method, request.path);
    const route = match && !('methodNotAllowed' in match) ? match.route : `${request.method} <unmatched>`;
    // `at` is when the request was admitted (a rate limit counts it then), not when its answer was ready
    let admittedAt = now();
    const record = (status: number): void => log.record({ at: admittedAt, method: request.method, path: request.path, route, status, uriChars: (req.url ?? '').length });

    const refusal = options.preCheck?.(req);
    if (refusal) {
      record(refusal.status);
      writeReply(res, refusal);
      return;
    }
    const plan = faults.take(url.pathname);
    if (plan.latencyMs > 0) await sleep(plan.latencyMs);
    if (plan.drop === 'before') {
      record(0);
      res.socket?.destroy();
      return;
    }
    admittedAt = now();
    const reply = plan.status ? injected(plan.status) : await serveMatched(request, match);
    if (!plan.status && request.method !== 'GET') options.onChange?.();
    record(plan.drop === 'after' ? 0 : reply.status);
    // 'after': the request took effect but its answer never arrives (the case that tests idempotency).
    if (plan.drop === 'after') res.socket?.destroy();
    else writeReply(res, reply);
  };

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      process.stderr.write(`${name} sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
      if (!res.headersSent) writeReply(res, replies.serverError());
    });
  };
}
