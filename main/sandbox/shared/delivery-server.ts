import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from './clock';
import type { DeliveryState } from './delivery-admin';
import { eventIdsOf, flattenHeaders, type DeliveryRecord, type RefusalReason } from './delivery-log';
import { BodyTooLargeError, readBody, writeReply, type Reply, type SandboxRequest } from './http';
import { listenOnLoopback, type LoopbackServer } from './loopback-server';

/**
 * The request flow every delivery sandbox shares. Order, as a receiver behind a
 * load balancer would show it: admin API; body size; injected latency and
 * 'drop before' (nothing received); injected status; fail mode; the endpoint's
 * own checks (rate limit, signature, gone hook); acceptance; 'drop after' (taken
 * in, answer lost). Every request to a delivery endpoint is recorded.
 */
export interface DeliveryEndpoint {
  /** the route key of a delivery request, 'method-not-allowed', or undefined (→ 404) */
  match(method: string, path: string): { route: string; params: Record<string, string> } | 'method-not-allowed' | undefined;
  /** recorded with every delivery, accepted or not (a signature check) */
  inspect?(req: SandboxRequest, now: number): Pick<DeliveryRecord, 'signature'>;
  /** the endpoint's own refusal, checked after faults and the fail mode */
  admit(req: SandboxRequest, now: number, inspected: Pick<DeliveryRecord, 'signature'>): { reply: Reply; reason: RefusalReason } | undefined;
  accept(req: SandboxRequest, now: number): Reply;
  /** the answer for an injected or fail-mode status (429 carries Retry-After) */
  failure(status: number, retryAfterSeconds: number): Reply;
  notFound(method: string, path: string): Reply;
  tooLarge(limitBytes: number): Reply;
}

interface DeliveryServerOptions {
  /** for stderr lines */
  name: string;
  port: number;
  clock: Clock;
  maxBodyBytes: number;
  state: DeliveryState;
  endpoint: DeliveryEndpoint;
  serveAdmin(req: SandboxRequest): Reply;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export async function startDeliveryServer(options: DeliveryServerOptions): Promise<LoopbackServer> {
  const { state, endpoint, clock: now } = options;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const base: Omit<SandboxRequest, 'rawBody'> = { method, path: url.pathname, query: url.searchParams, headers: req.headers, params: {}, route: '' };
    if (url.pathname.startsWith('/__sandbox/')) {
      writeReply(res, options.serveAdmin({ ...base, rawBody: await readBody(req, 1024 * 1024) }));
      return;
    }
    const matched = endpoint.match(method, url.pathname);
    const route = matched && matched !== 'method-not-allowed' ? matched.route : `${method} <unmatched>`;
    const logRequest = (status: number): void => state.requests.record({ at: now(), method, path: url.pathname, route, status });
    if (!matched || matched === 'method-not-allowed') {
      const reply = matched ? { status: 405, body: { error: `${method} is not allowed on ${url.pathname}` } } : endpoint.notFound(method, url.pathname);
      req.resume();
      logRequest(reply.status);
      writeReply(res, reply);
      return;
    }
    const headers = flattenHeaders(req.headers);
    let rawBody: string;
    try {
      rawBody = await readBody(req, options.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      const reply = endpoint.tooLarge(options.maxBodyBytes);
      state.deliveries.record({ at: now(), method, path: url.pathname, headers, bytes: options.maxBodyBytes + 1, body: null, eventIds: [], status: reply.status, accepted: false, refusal: 'too-large' });
      logRequest(reply.status);
      writeReply(res, reply);
      return;
    }
    const request: SandboxRequest = { ...base, params: matched.params, route: matched.route, rawBody };
    const body = parseJson(rawBody);
    const inspected = endpoint.inspect?.(request, now()) ?? {};
    const record = (status: number, accepted: boolean, refusal?: RefusalReason): void => {
      state.deliveries.record({
        at: now(), method, path: url.pathname, headers, bytes: Buffer.byteLength(rawBody), body, eventIds: eventIdsOf(body),
        ...inspected, status, accepted, ...(refusal ? { refusal } : {}),
      });
      logRequest(status);
    };

    const plan = state.faults.take(url.pathname);
    if (plan.latencyMs > 0) await sleep(plan.latencyMs);
    if (plan.drop === 'before') {
      record(0, false, 'fault');
      res.socket?.destroy();
      return;
    }
    let refused: { reply: Reply; reason: RefusalReason } | undefined;
    if (plan.status) refused = { reply: endpoint.failure(plan.status.status, state.settings.retryAfterSeconds), reason: 'fault' };
    else if (state.settings.failMode) refused = { reply: endpoint.failure(state.settings.failMode.status, state.settings.retryAfterSeconds), reason: 'fail-mode' };
    else refused = endpoint.admit(request, now(), inspected);
    if (refused) {
      record(refused.reply.status, false, refused.reason);
      writeReply(res, refused.reply);
      return;
    }
    const reply = endpoint.accept(request, now());
    if (plan.drop === 'after') {
      // taken in, but the answer never arrives: the case that tests re-sends
      record(0, true);
      res.socket?.destroy();
      return;
    }
    const ok = reply.status >= 200 && reply.status <= 299;
    record(reply.status, ok, ok ? undefined : 'bad-request');
    writeReply(res, reply);
  };

  return listenOnLoopback((req, res) => {
    handle(req, res).catch((error: unknown) => {
      process.stderr.write(`${options.name} sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
      if (!res.headersSent) writeReply(res, { status: 500, body: { error: 'sandbox failure' } });
    });
  }, options.port);
}
