import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OAuthError } from './errors';

export const CALLBACK_PATH = '/oauth/callback';
export const LOOPBACK_HOST = '127.0.0.1';
/** The IPv6 loopback, also listened on when the redirect URI names `localhost`. */
export const LOOPBACK_HOST_V6 = '::1';

/** The host in the redirect URI; see OAuthProvider.redirectHost. */
export type RedirectHost = 'localhost' | '127.0.0.1';

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

/**
 * Listens on loopback only (never on all interfaces) at a fixed port, because
 * the CRM matches the redirect URI exactly, port included. Other paths get 404.
 * With `host` 'localhost' it listens on 127.0.0.1 and, on the same port, on ::1
 * (skipped only where the machine has no IPv6 loopback), since a browser may
 * resolve `localhost` to either.
 */
export async function startLoopbackServer(port: number, onCallback: (hit: CallbackHit) => void, providerName: string, host: RedirectHost = LOOPBACK_HOST): Promise<LoopbackServer> {
  const handle: http.RequestListener = (req, res) => {
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
  };
  const server = http.createServer(handle);
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
  const servers = [server];
  if (host === 'localhost') {
    const v6 = http.createServer(handle);
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
