import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** What a sandbox handler answers; written by `writeReply`. */
export interface Reply {
  status: number;
  /** serialised as JSON unless `text` is given */
  body?: unknown;
  /** a raw body (HTML pages, form bodies), sent with `contentType` */
  text?: string;
  /** a binary body (a file a storage host serves), sent with `contentType` */
  bytes?: Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
}

/** One parsed request as handlers see it. The body is read before routing. */
export interface SandboxRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** path parameters of the matched route (`:id` → params.id), URI-decoded */
  params: Record<string, string>;
  /** the route pattern that matched, e.g. `POST /crm/v3/objects/contacts/batch/upsert` */
  route: string;
  rawBody: string;
}

export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`Request body exceeds ${limitBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Reads the whole body as UTF-8, refusing more than `limitBytes` (the socket is then drained, not parsed). */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limitBytes) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) reject(new BodyTooLargeError(limitBytes));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...reply.headers };
  let payload: string | Uint8Array | undefined;
  if (reply.bytes !== undefined) {
    payload = reply.bytes;
    headers['content-type'] ??= reply.contentType ?? 'application/octet-stream';
  } else if (reply.text !== undefined) {
    payload = reply.text;
    headers['content-type'] ??= reply.contentType ?? 'text/plain; charset=utf-8';
  } else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers['content-type'] ??= reply.contentType ?? 'application/json;charset=utf-8';
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

/** Query values may come repeated (`a=1&a=2`, as the HubSpot SDK sends arrays) or comma-joined. */
export function queryList(query: URLSearchParams, name: string): string[] | undefined {
  const values = query.getAll(name);
  if (values.length === 0) return undefined;
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v.length > 0);
}

/** The reply with `defaults` added under its own headers (the reply's own win): rate-limit headers on every answer. */
export function withHeaders(reply: Reply, defaults: Record<string, string>): Reply {
  return { ...reply, headers: { ...defaults, ...reply.headers } };
}
