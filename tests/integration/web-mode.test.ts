import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startRuntime, type Runtime } from '../../main/runtime/index';
import { startWebServer, type WebServer } from '../../main/web/server';
import { FakeSyncService } from '../support/fake-sync-service';

/** Opens a socket and resolves with the HTTP status of a refused upgrade, or 101. */
function upgradeStatus(url: string, origin?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.on('open', () => { ws.close(); resolve(101); });
    ws.on('unexpected-response', (_req, res) => { resolve(res.statusCode ?? 0); ws.terminate(); });
    ws.on('error', (e) => { if (!/Unexpected server response/.test(e.message)) reject(e); });
  });
}

describe('web mode', () => {
  let dir: string;
  let runtime: Runtime;
  let web: WebServer;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-web-'));
    const staticDir = path.join(dir, 'dist');
    fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Ferry</title>');
    fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside');
    runtime = await startRuntime({
      dataDir: path.join(dir, 'data'), host: 'web', vault: 'memory', sandboxes: undefined,
      createSync: ({ db }) => new FakeSyncService(db),
    });
    web = await startWebServer({ services: runtime.services, staticDir });
  });

  afterAll(async () => {
    await web.close();
    await runtime.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page only with the launch token, with a strict CSP', async () => {
    const base = `http://127.0.0.1:${web.port}`;
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/?token=nope`)).status).toBe(403);
    // The launch token is traded for an HttpOnly, SameSite=Strict session cookie and the address loses it.
    const exchange = await fetch(web.url, { redirect: 'manual' });
    expect(exchange.status).toBe(303);
    expect(exchange.headers.get('location')).toBe('/');
    const cookie = exchange.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^ferry-session-${web.port}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict$`));
    expect(cookie).not.toContain(web.token);
    const session = cookie.split(';')[0]!;
    const ok = await fetch(`${base}/`, { headers: { cookie: session } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain(`connect-src 'self' ws://127.0.0.1:${web.port}`);
    expect(ok.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await fetch(`${base}/`, { headers: { cookie: `ferry-session-${web.port}=forged` } })).status).toBe(401);
    expect((await fetch(`${base}/`, { headers: { cookie: `ferry-session-${web.port}=${web.token}` } })).status).toBe(401);
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(200);
    expect((await fetch(`${base}/../secret.txt`)).status).toBe(404);
    expect((await fetch(`${base}/%2e%2e/secret.txt`)).status).toBe(404);
    expect((await fetch(`${base}/?token=${web.token}`, { method: 'POST' })).status).toBe(405);
  });

  it('refuses a socket without the token, with a wrong token, or from another origin', async () => {
    const ws = `ws://127.0.0.1:${web.port}/ws`;
    expect(await upgradeStatus(ws, web.origin)).toBe(401);
    expect(await upgradeStatus(`${ws}?token=wrong`, web.origin)).toBe(403);
    expect(await upgradeStatus(`${ws}?token=${web.token}`, 'https://evil.example')).toBe(403);
    expect(await upgradeStatus(`${ws}?token=${web.token}`)).toBe(403);
    expect(await upgradeStatus(`${ws}?token=${web.token}`, web.origin)).toBe(101);
  });

  it('lets the page\'s socket in on the session cookie alone, and only from Ferry\'s own origin', async () => {
    const exchange = await fetch(web.url, { redirect: 'manual' });
    const session = (exchange.headers.get('set-cookie') ?? '').split(';')[0]!;
    const open = (origin: string, cookie: string) => new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${web.port}/ws`, { origin, headers: { cookie } });
      socket.on('open', () => { socket.close(); resolve(101); });
      socket.on('unexpected-response', (_req, res) => { resolve(res.statusCode ?? 0); socket.terminate(); });
      socket.on('error', (e) => { if (!/Unexpected server response/.test(e.message)) reject(e); });
    });
    expect(await open(web.origin, session)).toBe(101);
    expect(await open('http://127.0.0.1:1', session)).toBe(403);
    expect(await open(web.origin, `ferry-session-${web.port}=forged`)).toBe(401);
  });

  it('answers calls over a real WebSocket against a real SQLite file, and pushes events', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${web.port}/ws?token=${web.token}`, { origin: web.origin });
    const messages: unknown[] = [];
    const waiters: (() => void)[] = [];
    ws.on('message', (data) => { messages.push(JSON.parse(String(data))); waiters.splice(0).forEach((w) => w()); });
    await new Promise((resolve) => ws.once('open', resolve));
    const waitFor = async <T>(pick: (m: unknown) => m is T): Promise<T> => {
      for (;;) {
        const hit = messages.find(pick);
        if (hit) return hit;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    };
    type Reply = { id: number; result: { ok: boolean; value?: { total?: number }; error?: { code: string } } };
    const reply = (id: number) => (m: unknown): m is Reply => (m as Reply).id === id;

    ws.send(JSON.stringify({ id: 1, channel: 'listContacts', input: { limit: 5 } }));
    const first = await waitFor(reply(1));
    expect(first.result).toMatchObject({ ok: true, value: { total: 50 } }); // the first-run demo card

    ws.send(JSON.stringify({ id: 2, channel: 'listContacts', input: { limit: 'all' } }));
    expect((await waitFor(reply(2))).result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    ws.send('not json');
    await waitFor((m): m is { id: null } => (m as { id?: unknown }).id === null);

    ws.send(JSON.stringify({ id: 3, channel: 'createContact', input: { contact: { firstName: 'Web', lastName: 'Mode' } } }));
    await waitFor(reply(3));
    const event = await waitFor((m): m is { event: string; payload: { kind: string } } => (m as { event?: string }).event === 'contactChanged');
    expect(event.payload.kind).toBe('created');
    ws.close();

    expect(fs.existsSync(path.join(runtime.dataDir, 'ferry.sqlite'))).toBe(true);
  });
});
