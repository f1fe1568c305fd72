import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Ferry's webhook signature:
 *
 *   Ferry-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *
 * The timestamp is signed with the body, so a captured request cannot be
 * replayed outside the tolerance window. A header may carry several `v1=` values
 * (during a secret rotation); one match is enough. Unknown keys are ignored so
 * the scheme can grow (v2=...) without breaking receivers.
 */
export const SIGNATURE_HEADER = 'Ferry-Signature';
export const EVENT_ID_HEADER = 'Ferry-Event-Id';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function computeSignature(secret: string, timestampSeconds: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.`).update(body).digest('hex');
}

/** The header value for this body, signed at `timestampSeconds`. */
export function signatureHeader(secret: string, timestampSeconds: number, body: string | Buffer): string {
  return `t=${timestampSeconds},v1=${computeSignature(secret, timestampSeconds, body)}`;
}

export type SignatureFailure = 'missing' | 'malformed' | 'expired' | 'mismatch';

export type SignatureCheck =
  | { ok: true; timestamp: number }
  | { ok: false; reason: SignatureFailure; message: string };

export interface VerifyOptions {
  /** how far the timestamp may be from now, either way; default 300 s */
  toleranceSeconds?: number;
  /** milliseconds since the epoch; default Date.now */
  now?: () => number;
}

interface ParsedHeader {
  timestamp: number;
  signatures: string[];
}

function parseHeader(header: string): ParsedHeader | undefined {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value) || timestamp !== undefined) return undefined;
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/i.test(value)) return undefined;
      signatures.push(value.toLowerCase());
    }
  }
  return timestamp === undefined || signatures.length === 0 ? undefined : { timestamp, signatures };
}

/**
 * Checks a Ferry-Signature header against the raw body (the exact bytes
 * received, before any JSON parsing). Constant-time comparison.
 */
export function verifyFerrySignature(header: string | undefined | null, body: string | Buffer, secret: string, options: VerifyOptions = {}): SignatureCheck {
  if (!header || header.trim() === '') return { ok: false, reason: 'missing', message: `The ${SIGNATURE_HEADER} header is missing.` };
  const parsed = parseHeader(header);
  if (!parsed) return { ok: false, reason: 'malformed', message: `The ${SIGNATURE_HEADER} header is not of the form t=<unix seconds>,v1=<64 hex characters>.` };
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const nowSeconds = Math.floor((options.now ?? Date.now)() / 1000);
  if (Math.abs(nowSeconds - parsed.timestamp) > tolerance) {
    return { ok: false, reason: 'expired', message: `The signature timestamp is ${Math.abs(nowSeconds - parsed.timestamp)} s away from now (more than the ${tolerance} s allowed); it may be a replay, or a clock is wrong.` };
  }
  const expected = Buffer.from(computeSignature(secret, parsed.timestamp, body), 'hex');
  // every candidate is compared, so the time taken does not depend on which one matches
  let match = false;
  for (const candidate of parsed.signatures) {
    if (timingSafeEqual(expected, Buffer.from(candidate, 'hex'))) match = true;
  }
  return match
    ? { ok: true, timestamp: parsed.timestamp }
    : { ok: false, reason: 'mismatch', message: 'The signature does not match the body: the body was changed or the secret differs.' };
}
