import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback proxy in front of a sandbox CRM that can turn hostile: while
 * `failWith` is set it answers that status with a body that echoes the caller's
 * Authorization header (raw, bare token, URL-encoded) — the worst a CRM or a
 * misconfigured gateway could do to Ferry's logs.
 */
export interface EchoProxy {
  url: string;
  failWith: 401 | 500 | null;
  close(): Promise<void>;
}

export async function startEchoProxy(target: string): Promise<EchoProxy> {
  const proxy: EchoProxy = { url: '', failWith: null, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const auth = req.headers.authorization ?? '';
      if (proxy.failWith !== null) {
        const token = auth.replace(/^Bearer\s+/i, '');
        const body = {
          status: 'error',
          message: `Gateway trace: authorization=${auth} token ${token} encoded ${encodeURIComponent(token)}`,
          correlationId: 'echo-proxy',
          category: proxy.failWith === 401 ? 'INVALID_AUTHENTICATION' : 'INTERNAL_ERROR',
        };
        res.writeHead(proxy.failWith, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        return;
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers[name] = value;
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      fetch(`${target}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(body ? { body } : {}) }).then(
        async (answer) => {
          const out: Record<string, string> = {};
          answer.headers.forEach((value, name) => { if (name !== 'content-length' && name !== 'transfer-encoding' && name !== 'connection') out[name] = value; });
          res.writeHead(answer.status, out).end(Buffer.from(await answer.arrayBuffer()));
        },
        (error: unknown) => res.writeHead(502).end(String(error)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return proxy;
}
