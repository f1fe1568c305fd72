/**
 * Classifies what a failed HTTP request threw before any response arrived, for
 * every connector: Node's fetch (undici) hides the system error in `cause`, other
 * clients put `code` on the error itself, so the whole cause chain is inspected.
 */

type TransportFailure = 'network' | 'timeout';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

const NETWORK_MESSAGES = /fetch failed|socket hang up|other side closed|network|ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN/i;

function* causeChain(error: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== undefined && current !== null && !seen.has(current)) {
    seen.add(current);
    yield current;
    current = typeof current === 'object' && 'cause' in current ? (current as { cause: unknown }).cause : undefined;
  }
}

function field(value: unknown, name: string): string | undefined {
  if (typeof value !== 'object' || value === null || !(name in value)) return undefined;
  const v = (value as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
}

/** 'timeout', 'network', or null when the error is not a transport failure (e.g. a bug). */
export function classifyTransportError(error: unknown): TransportFailure | null {
  let network = false;
  for (const e of causeChain(error)) {
    const name = field(e, 'name');
    const code = field(e, 'code');
    if (name === 'TimeoutError' || (code && TIMEOUT_CODES.has(code))) return 'timeout';
    if (code && NETWORK_CODES.has(code)) network = true;
    else if (e instanceof Error && NETWORK_MESSAGES.test(e.message)) network = true;
  }
  return network ? 'network' : null;
}

/** The innermost system error code (ECONNREFUSED…) of a transport failure, for the log. */
export function transportErrorCode(error: unknown): string | undefined {
  let found: string | undefined;
  for (const e of causeChain(error)) found = field(e, 'code') ?? found;
  return found;
}

/**
 * Milliseconds to wait from a Retry-After header (delta-seconds or an HTTP date),
 * or undefined when it is absent or unreadable.
 */
export function parseRetryAfter(header: string | undefined, now: number): number | undefined {
  if (!header?.trim()) return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
