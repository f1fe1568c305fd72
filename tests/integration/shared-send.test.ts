import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendRequest, type AnswerInfo, type SendOptions } from '../../main/crm/shared/send';
import { REDACTED } from '../../main/secrets/redact';
import { syncError } from '../support/sync-error';

const SECRET = 'tok-0123456789abcdef';

/** A loopback server whose handler the test chooses per request (the n-th request gets handlers[n]). */
async function server(handlers: ((req: http.IncomingMessage, res: http.ServerResponse) => void)[]): Promise<{ url: string; seen: http.IncomingMessage[] }> {
  const seen: http.IncomingMessage[] = [];
  const s = http.createServer((req, res) => {
    const handle = handlers[seen.length] ?? handlers[handlers.length - 1]!;
    seen.push(req);
    handle(req, res);
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  open.push(s);
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/x`, seen };
}
const open: http.Server[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await new Promise<void>((resolve) => { s.closeAllConnections(); s.close(() => resolve()); });
});

/** Options with a limiter that records every call, as the engine's does. */
function options(extra: Partial<SendOptions> = {}): { o: SendOptions; calls: string[]; answers: AnswerInfo[]; abort: AbortController } {
  const calls: string[] = [];
  const answers: AnswerInfo[] = [];
  const abort = new AbortController();
  const o: SendOptions = {
    crm: 'Acme CRM',
    credentialName: 'access token',
    credential: () => Promise.resolve(SECRET),
    authorize: (secret) => ({ Authorization: `Bearer ${secret}` }),
    timeoutMs: 30_000,
    hooks: {
      beforeRequest: async () => { calls.push('before'); },
      afterResponse: (info) => { calls.push(`after ${info.status}`); answers.push(info); },
      signal: abort.signal,
    },
    ...extra,
  };
  return { o, calls, answers, abort };
}

describe('the send loop every fetch-based transport shares (main/crm/shared/send.ts)', () => {
  it('sends the credential only in its header, tells the limiter once what the answer said, and cuts the secret from the body', async () => {
    const srv = await server([(req, res) => { res.writeHead(200, { 'content-type': 'application/json', 'X-Limit-Left': '7' }); res.end(`{"echo":"${req.headers.authorization}"}`); }]);
    const { o, calls, answers } = options({ observe: (status, headers) => ({ status, remaining: Number(headers['x-limit-left']) }) });
    const answer = await sendRequest({ method: 'POST', url: srv.url, headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' }, o);
    expect(answer).toMatchObject({ status: 200, headers: { 'x-limit-left': '7' } });
    expect(answer.text).toBe(`{"echo":"Bearer ${REDACTED}"}`);
    expect(srv.seen[0]!.url).toBe('/x');
    expect(calls).toEqual(['before', 'after 200']);
    expect(answers[0]).toEqual({ status: 200, remaining: 7 });
  });

  it('a non-2xx answer is returned for the CRM to read, not thrown', async () => {
    const srv = await server([(_req, res) => { res.writeHead(503); res.end('busy'); }]);
    const { o, calls } = options();
    expect(await sendRequest({ method: 'GET', url: srv.url }, o)).toMatchObject({ status: 503, text: 'busy' });
    expect(calls).toEqual(['before', 'after 503']);
  });

  it('connection refused: a network SyncError naming the CRM; the limiter hears status 0', async () => {
    const srv = await server([(_req, res) => res.end()]);
    const url = srv.url;
    await new Promise<void>((resolve) => { const s = open.pop()!; s.close(() => resolve()); });
    const { o, calls } = options();
    const error = await syncError(sendRequest({ method: 'GET', url }, o));
    expect(error).toMatchObject({ kind: 'network', message: 'Ferry could not reach Acme CRM. Check the internet connection; Ferry will try again.', details: { crmError: 'ECONNREFUSED' } });
    expect(calls).toEqual(['before', 'after 0']);
  });

  it('no answer within the timeout: a timeout SyncError', async () => {
    const srv = await server([() => { /* never answers */ }]);
    const { o, calls } = options({ timeoutMs: 1_500 });
    const error = await syncError(sendRequest({ method: 'GET', url: srv.url }, o));
    expect(error).toMatchObject({ kind: 'timeout', message: 'Acme CRM did not answer within 2 seconds. Ferry will try again.' });
    expect(calls).toEqual(['before', 'after 0']);
  });

  it('the engine aborts while the request waits: its reason is rethrown and the slot given back', async () => {
    let arrived!: () => void;
    const received = new Promise<void>((resolve) => { arrived = resolve; });
    const srv = await server([() => arrived()]);
    const { o, calls, abort } = options();
    const sent = sendRequest({ method: 'GET', url: srv.url }, o).catch((e: unknown) => e);
    await received;
    const reason = new Error('Ferry is shutting down.');
    abort.abort(reason);
    expect(await sent).toBe(reason);
    expect(calls).toEqual(['before', 'after 0']);
  });

  it('a socket closed before any answer: sent once more when the request allows it (and only once), else a network SyncError', async () => {
    const reset = (req: http.IncomingMessage): void => { req.socket.destroy(); };
    const ok = (_req: http.IncomingMessage, res: http.ServerResponse): void => { res.end('fine'); };

    const once = await server([reset, ok]);
    const a = options();
    expect(await sendRequest({ method: 'PUT', url: once.url, resendOnStaleSocket: true }, a.o)).toMatchObject({ status: 200, text: 'fine' });
    expect(a.calls).toEqual(['before', 'after 0', 'before', 'after 200']);

    const always = await server([reset]);
    const b = options();
    expect(await syncError(sendRequest({ method: 'PUT', url: always.url, resendOnStaleSocket: true }, b.o))).toMatchObject({ kind: 'network' });
    expect(always.seen).toHaveLength(2);

    const notAllowed = await server([reset, ok]);
    const c = options();
    expect(await syncError(sendRequest({ method: 'POST', url: notAllowed.url }, c.o))).toMatchObject({ kind: 'network' });
    expect(notAllowed.seen).toHaveLength(1);
  });

  it('a bug (not a transport failure) is rethrown as it is; a credential that cannot be read asks for a reconnect before any request', async () => {
    const bug = new TypeError('Cannot read properties of undefined');
    const { o, calls } = options({ fetch: () => Promise.reject(bug) });
    await expect(sendRequest({ method: 'GET', url: 'http://127.0.0.1:9/x' }, o)).rejects.toBe(bug);
    expect(calls).toEqual(['before', 'after 0']);

    const locked = options({ credential: () => Promise.reject(new Error('keyring locked')) });
    expect(await syncError(sendRequest({ method: 'GET', url: 'http://127.0.0.1:9/x' }, locked.o))).toMatchObject({ kind: 'auth', message: 'Ferry could not read the Acme CRM access token. Reconnect Acme CRM in Integrations.' });
    expect(locked.calls).toEqual([]);
  });
});
