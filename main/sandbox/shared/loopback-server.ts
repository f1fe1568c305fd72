import { createServer, type IncomingMessage, type ServerOptions, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { hostAllowed, loopbackHosts, parseOriginForm } from '../../web/request-target';

export interface LoopbackServer {
  /** `http://127.0.0.1:PORT` with no trailing slash */
  url: string;
  port: number;
  /** stops listening and destroys open keep-alive sockets, so tests end promptly */
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 only: sandboxes hold fake CRM data and an unauthenticated
 * admin API, so they must never be reachable from another machine. For the same
 * reason they answer only requests addressed to their own loopback host (a page
 * that rebinds its DNS name to 127.0.0.1 sends its own name and gets 403), and
 * only origin-form targets (anything else is a 400 before a URL parser sees it).
 */
export async function listenOnLoopback(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  port = 0,
  /** e.g. a larger `maxHeaderSize`, so a sandbox can answer an over-long URI itself (414) instead of Node's 431 */
  serverOptions: Pick<ServerOptions, 'maxHeaderSize'> = {},
): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  let hosts: string[] = [];
  const refuse = (res: ServerResponse, status: 400 | 403, text: string): void => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end(text);
  };
  const server = createServer(serverOptions, (req, res) => {
    // No length limit here: the Salesforce sandbox answers an over-long URI itself (414), as Salesforce does.
    if (!parseOriginForm(req.url, Number.POSITIVE_INFINITY)) return refuse(res, 400, 'Bad request: the target must be a path.');
    if (!hostAllowed(req.headers.host, hosts)) return refuse(res, 403, 'This sandbox only answers on its own loopback address.');
    try {
      handler(req, res);
    } catch (error) {
      process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
      if (!res.headersSent) refuse(res, 400, 'Bad request.');
    }
  });
  // Node closes an idle kept-alive socket after 5 s. Ferry and a sandbox started by a test share
  // one event loop, so a page Ferry applies for longer than that on a loaded machine let the timer
  // close the socket just as Ferry reused it: a push failed as "can't reach" one run in many. CRMs
  // sit behind load balancers that keep idle connections about a minute (AWS ALB's default: 60 s);
  // a socket closed under a request is tested on its own (tests/integration/shared-send.test.ts,
  // zoho-stale-socket.test.ts).
  server.keepAliveTimeout = 65_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  hosts = loopbackHosts(actualPort);
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
