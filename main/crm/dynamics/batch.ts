import { randomUUID } from 'node:crypto';

/**
 * The `$batch` wire format (OData 4.0 §11.7 multipart/mixed, as Dataverse
 * documents it in "Execute batch operations using the Web API"): each operation is
 * an `application/http` part holding a raw HTTP request; the answer is a
 * multipart/mixed body whose parts hold raw HTTP responses, in the order of the
 * requests.
 */

export interface BatchOperation {
  method: 'PATCH' | 'POST' | 'GET';
  /** absolute path under the organisation URL: /api/data/v9.2/contacts(…) */
  path: string;
  body?: unknown;
  /** the part's own request headers (e.g. If-Match) */
  headers?: Record<string, string>;
}

export interface BatchPartResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const CRLF = '\r\n';

/** A multipart/mixed body of independent requests (no change set: each succeeds or fails alone). */
export function buildBatch(operations: readonly BatchOperation[]): { contentType: string; body: string } {
  const boundary = `batch_${randomUUID()}`;
  const parts = operations.map((op, i) => [
    `--${boundary}`,
    'Content-Type: application/http',
    'Content-Transfer-Encoding: binary',
    `Content-ID: ${i + 1}`,
    '',
    `${op.method} ${op.path} HTTP/1.1`,
    ...(op.body === undefined ? [] : ['Content-Type: application/json']),
    ...Object.entries(op.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    '',
    op.body === undefined ? '' : JSON.stringify(op.body),
  ].join(CRLF));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: `${parts.join(CRLF)}${CRLF}--${boundary}--${CRLF}` };
}

/** The boundary parameter of a multipart Content-Type, quoted or not. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return m?.[1] ?? m?.[2];
}

function splitHead(text: string): { head: string; rest: string } {
  const normalised = text.replace(/^(?:\r?\n)+/, '');
  const m = /\r?\n\r?\n/.exec(normalised);
  if (!m) return { head: normalised, rest: '' };
  return { head: normalised.slice(0, m.index), rest: normalised.slice(m.index + m[0].length) };
}

function headerMap(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

/** The parts between `--boundary` lines, without the closing delimiter. */
export function multipartParts(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const chunks = body.split(delimiter);
  // chunks[0] is the preamble; a chunk starting with "--" is the close delimiter
  return chunks.slice(1).filter((c) => !c.startsWith('--')).map((c) => c.replace(/^\r?\n/, '').replace(/\r?\n$/, ''));
}

/**
 * The responses of a batch, in order. A change set's responses (a nested
 * multipart part) are flattened in place, so each request still has its answer
 * at its own index.
 */
export function parseBatchResponse(body: string, contentType: string | undefined): BatchPartResponse[] {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw new Error('the $batch answer has no multipart boundary');
  const responses: BatchPartResponse[] = [];
  for (const part of multipartParts(body, boundary)) {
    const { head, rest } = splitHead(part);
    const partHeaders = headerMap(head.split(/\r?\n/));
    const nested = boundaryOf(partHeaders['content-type']);
    if (nested && /multipart\/mixed/i.test(partHeaders['content-type'] ?? '')) {
      responses.push(...parseBatchResponse(rest, partHeaders['content-type']));
      continue;
    }
    const http = splitHead(rest);
    const [statusLine = '', ...lines] = http.head.split(/\r?\n/);
    const status = Number(/^HTTP\/\d\.\d\s+(\d{3})/.exec(statusLine)?.[1] ?? 0);
    responses.push({ status, headers: headerMap(lines), body: http.rest.trim() });
  }
  return responses;
}
