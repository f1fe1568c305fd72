import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostAllowed, loopbackHosts, parseOriginForm } from '../web/request-target';
import { OAuthError } from './errors';

export const CALLBACK_PATH = '/oauth/callback';
export const LOOPBACK_HOST = '127.0.0.1';

/** The query of a request to the callback path, and a way to answer the browser. */
export interface CallbackHit {
  params: URLSearchParams;
  respond: (status: number, html: string) => void;
}

export interface LoopbackServer {
  /** `http://127.0.0.1:PORT/oauth/callback`, exactly as registered with the provider. */
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

/**
 * Listens on 127.0.0.1 only (never on all interfaces) at a fixed port, because
 * HubSpot matches the redirect URI exactly, port included. Other paths get 404.
 *
 * Invariant: no request ends the process. The target must be an origin-form
 * path and the Host this listener's own loopback address before anything is
 * parsed (400 / 403 otherwise), and a handler that throws answers 400.
 */
export async function startLoopbackServer(port: number, onCallback: (hit: CallbackHit) => void, providerName: string): Promise<LoopbackServer> {
  let hosts: string[] = [];
  const handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
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
  const server = http.createServer((req, res) => {
    try {
      handle(req, res);
    } catch {
      plain(res, 400, 'Bad request');
    }
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new OAuthError(
            'port-in-use',
            `Ferry could not listen for the ${providerName} sign-in on port ${port}: another program (or another Ferry window) is using it. Close it and try again, or set a different redirect port in Ferry's OAuth configuration and register http://127.0.0.1:<port>${CALLBACK_PATH} with ${providerName}.`,
          ),
        );
      } else reject(error);
    });
    server.listen(port, LOOPBACK_HOST, () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  hosts = loopbackHosts(actualPort);
  return {
    port: actualPort,
    redirectUri: `http://${LOOPBACK_HOST}:${actualPort}${CALLBACK_PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Let the answer to the browser flush, then drop anything still open.
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 1_000).unref();
      }),
  };
}
