import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { createRouter } from '../ipc/router';
import type { Services } from '../services/index';
import { contentSecurityPolicy } from '../shell/window-policy';
import { readStaticFile } from './static-files';
import { checkToken, createLaunchToken } from './token';
import { MAX_MESSAGE_BYTES, requestSchema } from './ws-protocol';

export interface WebServerOptions {
  services: Services;
  /** 0 or omitted: a free port */
  port?: number;
  /** loopback only; the option exists to make that explicit at the call site */
  host?: '127.0.0.1';
  /** the built renderer (vite's dist/) */
  staticDir: string;
  /** default: a fresh random token */
  token?: string;
  onError?: (error: unknown) => void;
}

export interface WebServer {
  /** the page to open, token included */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const PAGE_PATHS = new Set(['/', '/index.html']);

/**
 * Serves the renderer and the contract over a WebSocket on loopback. Two gates:
 * the per-launch token (the page and the socket), and the Host/Origin headers
 * (so a web page in the user's browser cannot reach Ferry through DNS
 * rebinding or a cross-site socket). Built assets other than the page carry no
 * user data and are served without the token, because the page loads them by
 * relative URL.
 */
export async function startWebServer(o: WebServerOptions): Promise<WebServer> {
  const token = o.token ?? createLaunchToken();
  const host = o.host ?? '127.0.0.1';
  const report = o.onError ?? ((e: unknown) => { process.stderr.write(`ferry web: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`); });
  // A browser tab that closes drops its socket without a goodbye: that is a disconnect, not a fault.
  const PEER_GONE = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
  const reportSocketError = (error: Error & { code?: string }): void => {
    if (!PEER_GONE.has(error.code ?? '')) report(error);
  };
  // Filled in once the port is known; nothing is served before that.
  const origins: string[] = [];
  const hosts: string[] = [];
  const router = createRouter(o.services, { allowedOrigins: origins, onInternalError: report });

  const server = http.createServer((req, res) => {
    try {
      serveHttp(req, res);
    } catch (error) {
      report(error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Ferry could not answer this request.');
    }
  });

  function plain(res: http.ServerResponse, status: number, text: string): void {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(text);
  }

  function serveHttp(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (!hosts.includes(req.headers.host ?? '')) return plain(res, 403, 'Ferry only answers on its own loopback address.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method not allowed.');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const isPage = PAGE_PATHS.has(url.pathname);
    if (isPage) {
      const check = checkToken(token, url);
      if (check === 'missing') return plain(res, 401, 'Open Ferry with the address it printed (it includes a token).');
      if (check === 'wrong') return plain(res, 403, 'This Ferry address has an old or wrong token. Use the one Ferry printed when it started.');
    }
    const file = readStaticFile(o.staticDir, isPage ? '/index.html' : url.pathname);
    if (!file) return plain(res, 404, 'Not found.');
    res.writeHead(200, {
      'Content-Type': file.type,
      'Content-Length': file.body.length,
      'Content-Security-Policy': contentSecurityPolicy({ connectSrc: origins.map((x) => x.replace(/^http/, 'ws')) }),
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      // The page URL carries the token: never send it on as a referrer, never cache the page.
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': isPage ? 'no-store' : 'no-cache',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const sockets = new Set<WebSocket>();

  function refuse(socket: Duplex, status: 401 | 403 | 404, text: string): void {
    const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status];
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
  }

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', reportSocketError);
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (url.pathname !== '/ws') return refuse(socket, 404, 'Not found.');
    if (!hosts.includes(req.headers.host ?? '')) return refuse(socket, 403, 'Ferry only answers on its own loopback address.');
    const check = checkToken(token, url);
    if (check === 'missing') return refuse(socket, 401, 'A token is required.');
    if (check === 'wrong') return refuse(socket, 403, 'Wrong token.');
    const origin = req.headers.origin;
    if (origin === undefined || !origins.includes(origin)) return refuse(socket, 403, 'Only Ferry\'s own page may connect.');
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, origin));
  });

  function accept(ws: WebSocket, origin: string): void {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', reportSocketError);
    ws.on('message', (data, isBinary) => {
      void answer(ws, origin, isBinary ? null : data.toString());
    });
  }

  async function answer(ws: WebSocket, origin: string, text: string | null): Promise<void> {
    let raw: unknown;
    try {
      raw = text === null ? undefined : JSON.parse(text);
    } catch {
      raw = undefined;
    }
    const request = requestSchema.safeParse(raw);
    if (!request.success) {
      send(ws, { id: null, result: { ok: false, error: { code: 'invalid_input', message: 'Ferry could not read this message: expected {"id", "channel", "input"}.' } } });
      return;
    }
    const { id, channel, input } = request.data;
    // Every socket passed the Origin gate, and a WebSocket belongs to one top-level page.
    const result = await router.handle(channel, input, { frameIsMain: true, origin });
    send(ws, { id, result });
  }

  function send(ws: WebSocket, message: unknown): void {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(JSON.stringify(message), (error) => { if (error) reportSocketError(error); });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  origins.push(`http://127.0.0.1:${port}`, `http://localhost:${port}`);
  hosts.push(`127.0.0.1:${port}`, `localhost:${port}`);

  const unsubscribe = o.services.events.subscribe((message) => {
    const text = JSON.stringify(message);
    // a page that went away mid-write is not an error worth a stack trace
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text, (error) => { if (error) reportSocketError(error); });
  });

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    origin: origins[0]!,
    port,
    token,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.close(1001, 'Ferry is shutting down.');
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}
