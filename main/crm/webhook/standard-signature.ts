import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks (github.com/standard-webhooks/standard-webhooks, spec/standard-webhooks.md),
 * sent beside Ferry-Signature so a receiver can verify with a maintained library
 * (`standardwebhooks`, Svix) in any language:
 *
 *   webhook-id:        the delivery id (the same on every retry; no '.')
 *   webhook-timestamp: integer unix seconds of this attempt
 *   webhook-signature: v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<raw body>")>
 *
 * The key of a `whsec_<base64>` secret is its base64-decoded part (the spec's secret
 * serialization). Any other secret is used as its UTF-8 bytes, which receivers read
 * with the library's raw format (`new Webhook(secret, { format: 'raw' })`).
 */
export const STANDARD_ID_HEADER = 'webhook-id';
export const STANDARD_TIMESTAMP_HEADER = 'webhook-timestamp';
export const STANDARD_SIGNATURE_HEADER = 'webhook-signature';
const SECRET_PREFIX = 'whsec_';

export function signingKey(secret: string): Buffer {
  if (secret.startsWith(SECRET_PREFIX)) {
    const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
    if (key.length > 0) return key;
  }
  return Buffer.from(secret, 'utf8');
}

export function standardSignature(secret: string, msgId: string, timestampSeconds: number, body: string | Buffer): string {
  const mac = createHmac('sha256', signingKey(secret)).update(`${msgId}.${timestampSeconds}.`).update(body).digest('base64');
  return `v1,${mac}`;
}

export function standardHeaders(secret: string, msgId: string, timestampSeconds: number, body: string): Record<string, string> {
  return {
    [STANDARD_ID_HEADER]: msgId,
    [STANDARD_TIMESTAMP_HEADER]: String(timestampSeconds),
    [STANDARD_SIGNATURE_HEADER]: standardSignature(secret, msgId, timestampSeconds, body),
  };
}

export type StandardCheck = { ok: true } | { ok: false; message: string };

/** A receiver's check (what the webhook sandbox does): headers present, timestamp within tolerance, one v1 signature matches. */
export function verifyStandardWebhook(
  headers: Record<string, string | string[] | undefined>, body: string | Buffer, secret: string, options: { toleranceSeconds: number; now: () => number },
): StandardCheck {
  const one = (name: string): string | undefined => {
    const v = headers[name];
    return Array.isArray(v) ? v.join(' ') : v;
  };
  const id = one(STANDARD_ID_HEADER);
  const timestamp = one(STANDARD_TIMESTAMP_HEADER);
  const signatures = one(STANDARD_SIGNATURE_HEADER);
  if (!id || !timestamp || !signatures) return { ok: false, message: 'The webhook-id, webhook-timestamp and webhook-signature headers are required.' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, message: 'webhook-timestamp is not a unix time in seconds.' };
  const seconds = Number(timestamp);
  if (Math.abs(Math.floor(options.now() / 1000) - seconds) > options.toleranceSeconds) return { ok: false, message: 'webhook-timestamp is outside the tolerance.' };
  const expected = Buffer.from(standardSignature(secret, id, seconds, body).slice(3), 'base64');
  let match = false;
  for (const candidate of signatures.split(' ')) {
    const [version, value] = candidate.split(',');
    if (version !== 'v1' || !value) continue;
    const given = Buffer.from(value, 'base64');
    if (given.length === expected.length && timingSafeEqual(given, expected)) match = true;
  }
  return match ? { ok: true } : { ok: false, message: 'No webhook-signature matches the body.' };
}
