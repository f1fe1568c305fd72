import { randomUUID } from 'node:crypto';
import type { Reply } from '../shared/http';
import { randomToken } from '../shared/ids';

/**
 * What hooks.zapier.com answers. Every /hooks/catch/<account>/<hook>/ answers 200,
 * listened to or not (a Zap that is off, deleted or moved still "receives"). The success body is Zapier's real shape; the
 * failure bodies are this sandbox's best guess (Zapier does not document them),
 * so Ferry must not depend on anything but the status and Retry-After.
 */
export function zapierSuccess(silent: boolean): Reply {
  if (silent) return { status: 200, text: '', contentType: 'text/plain' };
  const id = randomUUID();
  return { status: 200, body: { attempt: id, id, request_id: randomToken('').slice(0, 20), status: 'success' } };
}

export function zapierFailure(status: number, retryAfterSeconds: number): Reply {
  if (status === 429) {
    return {
      status,
      body: { status: 'throttled', message: 'Too many requests to this hook; slow down.' },
      headers: { 'retry-after': String(retryAfterSeconds) },
    };
  }
  if (status === 410) return zapierGone();
  return { status, body: { status: 'failure', message: status >= 500 ? 'Zapier is having trouble receiving this request.' : 'Request refused.' } };
}

function zapierGone(): Reply {
  return { status: 410, body: { status: 'failure', message: 'This hook has been deleted or disabled.' } };
}

export function zapierNotFound(): Reply {
  return { status: 404, body: { status: 'failure', message: 'Unknown hook.' } };
}

export function zapierTooLarge(limitBytes: number): Reply {
  return { status: 413, body: { status: 'failure', message: `Payload larger than ${limitBytes} bytes.` } };
}
