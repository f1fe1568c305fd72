import http from 'node:http';
import type { AddressInfo } from 'node:net';
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

/**
 * Listens on 127.0.0.1 only (never on all interfaces) at a fixed port, because
 * HubSpot matches the redirect URI exactly, port included. Other paths get 404.
 */
export async function startLoopbackServer(port: number, onCallback: (hit: CallbackHit) => void, providerName: string): Promise<LoopbackServer> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${LOOPBACK_HOST}`);
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    onCallback({
      params: url.searchParams,
      respond: (status, html) => {
        res.writeHead(status, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          'referrer-policy': 'no-referrer',
          connection: 'close',
        });
        res.end(html);
      },
    });
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
