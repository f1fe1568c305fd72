import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Reply, SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import type { DynamicsContext, DynamicsRoute } from './context';
import { DataverseError } from './wire';

/**
 * `POST /api/data/v9.2/$batch` (Web API "Execute batch operations"; OData 4.0
 * §11.7): a multipart/mixed body of `application/http` parts, each a raw HTTP
 * request, and change sets (nested multipart/mixed) whose requests succeed or
 * fail together. At most 1,000 requests. Operations run in order and the answer
 * lists their responses in the same order. Without `Prefer: odata.continue-on-error`
 * the batch stops at the first failure; with it, every request is tried
 * ("Handling errors"), and the answer says `Preference-Applied`.
 */

export const MAX_BATCH_REQUESTS = 1_000;

interface Operation {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

type Item = { kind: 'op'; op: Operation } | { kind: 'changeset'; ops: Operation[] };

const CRLF = '\r\n';

function boundaryOf(contentType: string | undefined): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return m?.[1] ?? m?.[2];
}

function splitHead(text: string): { head: string[]; rest: string } {
  const t = text.replace(/^(?:\r?\n)+/, '');
  const m = /\r?\n\r?\n/.exec(t);
  const head = (m ? t.slice(0, m.index) : t).split(/\r?\n/).filter((l) => l.length > 0);
  return { head, rest: m ? t.slice(m.index + m[0].length) : '' };
}

function headerMap(lines: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

function parts(body: string, boundary: string): string[] {
  return body.split(`--${boundary}`).slice(1).filter((c) => !c.startsWith('--')).map((c) => c.replace(/^\r?\n/, '').replace(/\r?\n$/, ''));
}

function parseOperation(text: string): Operation {
  const { head: partHead, rest } = splitHead(text);
  if (!/application\/http/i.test(headerMap(partHead)['content-type'] ?? '')) throw new DataverseError(400, '0x80040203', 'Each part of a batch must have Content-Type: application/http.');
  const { head, rest: body } = splitHead(rest);
  const [requestLine = '', ...lines] = head;
  const m = /^([A-Z]+)\s+(\S+)\s+HTTP\/1\.1$/.exec(requestLine.trim());
  if (!m) throw new DataverseError(400, '0x80040203', `The batch part's request line is not valid: '${requestLine.slice(0, 100)}'.`);
  return { method: m[1]!, url: m[2]!, headers: headerMap(lines), body: body.trim() };
}

function parseItems(body: string, contentType: string | undefined): Item[] {
  const boundary = boundaryOf(contentType);
  if (!boundary || !/multipart\/mixed/i.test(contentType ?? '')) throw new DataverseError(400, '0x80040203', 'A $batch request must have Content-Type: multipart/mixed with a boundary.');
  return parts(body, boundary).map((p): Item => {
    const { head, rest } = splitHead(p);
    const type = headerMap(head)['content-type'];
    if (/multipart\/mixed/i.test(type ?? '')) {
      const inner = boundaryOf(type);
      if (!inner) throw new DataverseError(400, '0x80040203', 'A change set must name its boundary.');
      return { kind: 'changeset', ops: parts(rest, inner).map(parseOperation) };
    }
    return { kind: 'op', op: parseOperation(p) };
  });
}

function serveOne(op: Operation, ctx: DynamicsContext, api: Router<DynamicsRoute>): Reply {
  const url = new URL(op.url, ctx.orgUrl());
  const match = api.match(op.method, url.pathname);
  if (!match || 'methodNotAllowed' in match || match.route.endsWith('$batch')) return new DataverseError(404, '0x80060888', `No route for ${op.method} ${url.pathname} in a batch.`).toReply();
  const req: SandboxRequest = {
    method: op.method, path: url.pathname, query: url.searchParams, headers: op.headers as IncomingHttpHeaders,
    params: match.params, route: match.route, rawBody: op.body,
  };
  try {
    return match.value(req, ctx);
  } catch (error) {
    if (error instanceof DataverseError) return error.toReply();
    throw error;
  }
}

function statusText(status: number): string {
  return ({ 200: 'OK', 201: 'Created', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 412: 'Precondition Failed', 429: 'Too Many Requests', 500: 'Internal Server Error' } as Record<number, string>)[status] ?? 'Status';
}

function httpPart(reply: Reply, contentId?: number): string {
  const body = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  const headers = { ...(reply.body !== undefined ? { 'Content-Type': 'application/json; odata.metadata=minimal' } : {}), 'OData-Version': '4.0', ...reply.headers };
  return [
    'Content-Type: application/http',
    'Content-Transfer-Encoding: binary',
    ...(contentId === undefined ? [] : [`Content-ID: ${contentId}`]),
    '',
    `HTTP/1.1 ${reply.status} ${statusText(reply.status)}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    '',
    body,
  ].join(CRLF);
}

function multipart(boundary: string, chunks: string[]): string {
  return `${chunks.map((c) => `--${boundary}${CRLF}${c}`).join(CRLF)}${CRLF}--${boundary}--${CRLF}`;
}

const ok = (status: number): boolean => status >= 200 && status < 300;

/** Serves the batch; `operations` reports how many requests ran, for the execution-time charge. */
export function serveBatch(req: SandboxRequest, ctx: DynamicsContext, operations: (n: number) => void): Reply {
  const items = parseItems(req.rawBody, String(req.headers['content-type'] ?? ''));
  const count = items.reduce((n, i) => n + (i.kind === 'op' ? 1 : i.ops.length), 0);
  if (count > MAX_BATCH_REQUESTS) throw new DataverseError(400, '0x80040203', `The batch contains ${count} requests; at most ${MAX_BATCH_REQUESTS} are allowed.`);
  const continueOnError = /odata\.continue-on-error/i.test(String(req.headers.prefer ?? ''));
  const api = ctx.api();
  const chunks: string[] = [];
  let ran = 0;
  for (const item of items) {
    let failed = false;
    if (item.kind === 'op') {
      const reply = serveOne(item.op, ctx, api);
      ran += 1;
      chunks.push(httpPart(reply));
      failed = !ok(reply.status);
    } else {
      // all or nothing: the org as it was before the change set, restored if any of its requests fails
      const before = ctx.org.exportData();
      const replies: Reply[] = [];
      for (const op of item.ops) {
        const reply = serveOne(op, ctx, api);
        ran += 1;
        replies.push(reply);
        if (!ok(reply.status)) break;
      }
      const last = replies[replies.length - 1];
      const inner = `changesetresponse_${randomUUID()}`;
      if (last && !ok(last.status)) {
        ctx.org.loadData(before);
        chunks.push(httpPart(last));
        failed = true;
      } else {
        chunks.push(`Content-Type: multipart/mixed; boundary=${inner}${CRLF}${CRLF}${multipart(inner, replies.map((r, i) => httpPart(r, i + 1)))}`);
      }
    }
    if (failed && !continueOnError) break;
  }
  operations(ran);
  const boundary = `batchresponse_${randomUUID()}`;
  return {
    status: 200,
    text: multipart(boundary, chunks),
    contentType: `multipart/mixed; boundary=${boundary}`,
    headers: { 'OData-Version': '4.0', ...(continueOnError ? { 'Preference-Applied': 'odata.continue-on-error' } : {}) },
  };
}
