import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise<void>((resolve) => { s.closeAllConnections(); s.close(() => resolve()); });
});

/**
 * A CRM on loopback that destroys the socket of its first `closes` requests before any answer
 * (what a kept-alive socket the server closed looks like to the next request on it) and answers
 * every later one with `body` as JSON and `headers`. `seen`: each request's method and path.
 */
export async function closesFirstSockets(opts: { closes?: number; body?: string; headers?: Record<string, string> }): Promise<{ origin: string; seen: string[] }> {
  const seen: string[] = [];
  const s = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (seen.length <= (opts.closes ?? 1)) { req.socket.destroy(); return; }
    res.setHeader('content-type', 'application/json');
    for (const [name, value] of Object.entries(opts.headers ?? {})) res.setHeader(name, value);
    res.end(opts.body ?? '{}');
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  servers.push(s);
  return { origin: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, seen };
}
