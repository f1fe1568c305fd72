import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { createRouter } from '../ipc/router';
import type { Services } from '../services/index';
import { contentSecurityPolicy } from '../policy/window-policy';
import { hostAllowed, parseOriginForm, type RequestTarget } from './request-target';
import { readStaticFile } from './static-files';
import { checkToken, createLaunchToken, readCookie, tokenMatches, type TokenCheck } from './token';
import { MAX_MESSAGE_BYTES, requestSchema } from './ws-protocol';

interface WebServerOptions {
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
 * Serves the renderer and the contract over a WebSocket on loopback. Gates, in
 * order: the request target must be an origin-form path (anything else is a
 * 400 before any parser sees it); the Host header must be this server's own
 * loopback address (no DNS rebinding); the page and the socket need the
 * per-launch token or the session cookie it was exchanged for; the socket
 * needs Ferry's own page as its Origin (no cross-site socket). Built assets
 * other than the page carry no user data and are served without the token,
 * because the page loads them by relative URL.
 *
 * The launch token travels once, in the address Ferry prints or opens: the
 * first page load trades it for an HttpOnly, SameSite=Strict session cookie
 * and is redirected to `/`, so the token does not stay in the address bar, in
 * the page's history entry or in anything the page can read. The cookie's name
 * carries the port (cookies are shared by every port of a host), as Jupyter's do.
 *
 * Invariant: no request, header or frame can end the process. Every handler
 * runs inside a try/catch that answers 400, every async path has a catch.
 */
export async function startWebServer(o: WebServerOptions): Promise<WebServer> {
  const token = o.token ?? createLaunchToken();
  /** What the session cookie holds: another per-launch secret, so the launch token never sits in a cookie jar. */
  const session = createLaunchToken();
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
      // A handler that throws is a request Ferry could not read: 400, never a crash.
      report(error);
      if (!res.headersSent) res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
      res.end('Ferry could not read this request.');
    }
  });
  // A socket that errors before a request is parsed (reset, malformed bytes) is closed, never thrown.
  server.on('clientError', (error: Error & { code?: string }, socket) => {
    reportSocketError(error);
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  const cookieName = (): string => `ferry-session-${hosts[0]?.split(':')[1] ?? '0'}`;

  /** The launch token in the query, else the session cookie. */
  function authenticate(req: http.IncomingMessage, target: RequestTarget): TokenCheck | 'cookie' {
    const check = checkToken(token, target);
    if (check !== 'missing') return check;
    return tokenMatches(session, readCookie(req.headers.cookie, cookieName())) ? 'cookie' : 'missing';
  }

  function plain(res: http.ServerResponse, status: number, text: string): void {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(text);
  }

  function serveHttp(req: http.IncomingMessage, res: http.ServerResponse): void {
    const target = parseOriginForm(req.url);
    if (!target) return plain(res, 400, 'Ferry only answers requests for its own paths.');
    if (!hostAllowed(req.headers.host, hosts)) return plain(res, 403, 'Ferry only answers on its own loopback address.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method not allowed.');
    const isPage = PAGE_PATHS.has(target.pathname);
    if (isPage) {
      const check = authenticate(req, target);
      if (check === 'missing') return plain(res, 401, 'Open Ferry with the address it printed (it includes a token).');
      if (check === 'wrong') return plain(res, 403, 'This Ferry address has an old or wrong token. Use the one Ferry printed when it started.');
      if (check === 'ok') {
        // Trade the launch token for the session cookie, and take it out of the address bar.
        res.writeHead(303, {
          Location: '/',
          'Set-Cookie': `${cookieName()}=${session}; Path=/; HttpOnly; SameSite=Strict`,
          'Cache-Control': 'no-store',
          'Referrer-Policy': 'no-referrer',
        });
        res.end();
        return;
      }
    }
    const file = readStaticFile(o.staticDir, isPage ? '/index.html' : target.pathname);
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

  function refuse(socket: Duplex, status: 400 | 401 | 403 | 404, text: string): void {
    const reason = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status];
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
  }

  function upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const target = parseOriginForm(req.url);
    if (!target) return refuse(socket, 400, 'Ferry only answers requests for its own paths.');
    if (target.pathname !== '/ws') return refuse(socket, 404, 'Not found.');
    if (!hostAllowed(req.headers.host, hosts)) return refuse(socket, 403, 'Ferry only answers on its own loopback address.');
    const check = authenticate(req, target);
    if (check === 'missing') return refuse(socket, 401, 'A token is required.');
    if (check === 'wrong') return refuse(socket, 403, 'Wrong token.');
    const origin = req.headers.origin;
    if (origin === undefined || !origins.includes(origin)) return refuse(socket, 403, 'Only Ferry\'s own page may connect.');
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, origin));
  }

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', reportSocketError);
    try {
      upgrade(req, socket, head);
    } catch (error) {
      report(error);
      refuse(socket, 400, 'Ferry could not read this request.');
    }
  });

  function accept(ws: WebSocket, origin: string): void {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', reportSocketError);
    ws.on('message', (data, isBinary) => {
      answer(ws, origin, isBinary ? null : data.toString()).catch((error: unknown) => {
        report(error);
        send(ws, { id: null, result: { ok: false, error: { code: 'internal', message: 'Ferry could not answer this message.' } } });
      });
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
    try {
      ws.send(JSON.stringify(message), (error) => { if (error) reportSocketError(error); });
    } catch (error) {
      report(error);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  origins.push(`http://127.0.0.1:${port}`, `http://localhost:${port}`);
  hosts.push(`127.0.0.1:${port}`, `localhost:${port}`);
  const origin = origins[0] ?? `http://127.0.0.1:${port}`;

  const unsubscribe = o.services.events.subscribe((message) => {
    const text = JSON.stringify(message);
    // a page that went away mid-write is not an error worth a stack trace
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text, (error) => { if (error) reportSocketError(error); });
  });

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    origin,
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
