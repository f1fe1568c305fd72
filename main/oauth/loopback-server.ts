import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { hostAllowed, loopbackHosts, parseOriginForm } from '../web/request-target';
import { OAuthError } from './errors';

export const CALLBACK_PATH = '/oauth/callback';
const LOOPBACK_HOST = '127.0.0.1';
/** The IPv6 loopback, also listened on when the redirect URI names `localhost`. */
const LOOPBACK_HOST_V6 = '::1';

/** The host in the redirect URI; see OAuthProvider.redirectHost. */
type RedirectHost = 'localhost' | '127.0.0.1';

/** The query of a request to the callback path, and a way to answer the browser. */
export interface CallbackHit {
  params: URLSearchParams;
  respond: (status: number, html: string) => void;
}

export interface LoopbackServer {
  /** `http://<host>:PORT/oauth/callback`, exactly as registered with the provider. */
  redirectUri: string;
  port: number;
  close: () => Promise<void>;
}

function plain(res: http.ServerResponse, status: number, text: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', connection: 'close' }).end(text);
}

/** A socket that errors before a request is parsed (reset, malformed bytes) is closed, never thrown. */
function closeBadClient(_error: Error, socket: Duplex): void {
  if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  else socket.destroy();
}

/**
 * Listens on loopback only (never on all interfaces) at a fixed port, because
 * the CRM matches the redirect URI exactly, port included. Other paths get 404.
 * With `host` 'localhost' it listens on 127.0.0.1 and, on the same port, on ::1
 * (skipped only where the machine has no IPv6 loopback), since a browser may
 * resolve `localhost` to either.
 *
 * Invariant: no request ends the process. The target must be an origin-form
 * path and the Host this listener's own loopback address before anything is
 * parsed (400 / 403 otherwise), and a handler that throws answers 400.
 */
export async function startLoopbackServer(port: number, onCallback: (hit: CallbackHit) => void, providerName: string, host: RedirectHost = LOOPBACK_HOST): Promise<LoopbackServer> {
  let hosts: string[] = [];
  const serve = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const target = parseOriginForm(req.url);
    if (!target) return plain(res, 400, 'Bad request');
    if (!hostAllowed(req.headers.host, hosts)) return plain(res, 403, 'Ferry only answers on its own loopback address.');
    if (req.method !== 'GET' || target.pathname !== CALLBACK_PATH) return plain(res, 404, 'Not found');
    onCallback({
      params: target.searchParams,
      // Called later (after the token exchange): a browser that went away meanwhile is not an error.
      respond: (status, html) => {
        if (res.headersSent || res.destroyed) return;
        res.writeHead(status, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          'referrer-policy': 'no-referrer',
          connection: 'close',
        });
        res.end(html);
      },
    });
  };
  const handle: http.RequestListener = (req, res) => {
    try {
      serve(req, res);
    } catch {
      plain(res, 400, 'Bad request');
    }
  };
  const createServer = (): http.Server => http.createServer(handle).on('clientError', closeBadClient);
  const server = createServer();
  const listen = (target: http.Server, address: string, at: number): Promise<void> => new Promise<void>((resolve, reject) => {
    target.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new OAuthError(
            'port-in-use',
            `Ferry could not listen for the ${providerName} sign-in on port ${at}: another program (or another Ferry window) is using it. Close it and try again, or set a different redirect port in Ferry's OAuth configuration and register http://${host}:<port>${CALLBACK_PATH} with ${providerName}.`,
          ),
        );
      } else reject(error);
    });
    target.listen(at, address, () => resolve());
  });
  await listen(server, LOOPBACK_HOST, port);
  const actualPort = (server.address() as AddressInfo).port;
  hosts = loopbackHosts(actualPort);
  const servers = [server];
  if (host === 'localhost') {
    const v6 = createServer();
    try {
      await listen(v6, LOOPBACK_HOST_V6, actualPort);
      servers.push(v6);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // no IPv6 loopback on this machine: `localhost` can only mean 127.0.0.1 here
      if (code !== 'EADDRNOTAVAIL' && code !== 'EAFNOSUPPORT') {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        throw error;
      }
    }
  }
  return {
    port: actualPort,
    redirectUri: `http://${host}:${actualPort}${CALLBACK_PATH}`,
    close: async () => {
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => {
        s.close(() => resolve());
        // Let the answer to the browser flush, then drop anything still open.
        s.closeIdleConnections();
        setTimeout(() => s.closeAllConnections(), 1_000).unref();
      })));
    },
  };
}
