import { createServer, type IncomingMessage, type ServerOptions, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  /** `http://127.0.0.1:PORT` with no trailing slash */
  url: string;
  port: number;
  /** stops listening and destroys open keep-alive sockets, so tests end promptly */
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 only: sandboxes hold fake CRM data and an unauthenticated
 * admin API, so they must never be reachable from another machine.
 */
export async function listenOnLoopback(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  port = 0,
  /** e.g. a larger `maxHeaderSize`, so a sandbox can answer an over-long URI itself (414) instead of Node's 431 */
  serverOptions: Pick<ServerOptions, 'maxHeaderSize'> = {},
): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const server = createServer(serverOptions, handler);
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
