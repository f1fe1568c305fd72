import { SIGNATURE_HEADER, verifyFerrySignature, DEFAULT_TOLERANCE_SECONDS } from '../../crm/webhook/signature';
import { verifyStandardWebhook } from '../../crm/webhook/standard-signature';
import { serveAdmin } from '../shared/admin-routes';
import { systemClock, type Clock } from '../shared/clock';
import { newDeliveryState } from '../shared/delivery-admin';
import { eventIdsOf } from '../shared/delivery-log';
import { startDeliveryServer, type DeliveryEndpoint } from '../shared/delivery-server';
import { json } from '../shared/http';
import { createWebhookAdmin, webhookAdminRouter, type WebhookSandboxAdmin, type WebhookVerification } from './admin';

export interface WebhookSandboxOptions {
  /** 0 (default) picks a free port */
  port?: number;
  /** the signing secret Ferry's connection uses */
  secret: string;
  /** signature timestamps further than this from the clock are refused; default 300 s */
  toleranceSeconds?: number;
  /** default true: an invalid signature is answered 401 (it is always recorded) */
  rejectInvalidSignatures?: boolean;
  clock?: Clock;
  /** default 10 MB */
  maxBodyBytes?: number;
}

export interface WebhookSandbox {
  /** the URL to deliver to: `http://127.0.0.1:PORT/webhook` (any path except /__sandbox/ is accepted) */
  url: string;
  /** `http://127.0.0.1:PORT` */
  baseUrl: string;
  port: number;
  admin: WebhookSandboxAdmin;
  close(): Promise<void>;
}

/** Starts a receiver of Ferry's signed webhooks on 127.0.0.1 that verifies and records every delivery. */
export async function startWebhookSandbox(options: WebhookSandboxOptions): Promise<WebhookSandbox> {
  if (!options.secret) throw new RangeError('The webhook sandbox needs the signing secret the connection uses.');
  const clock = options.clock ?? systemClock;
  const state = newDeliveryState();
  const verification: WebhookVerification = {
    secret: options.secret,
    toleranceSeconds: options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS,
    rejectInvalid: options.rejectInvalidSignatures ?? true,
  };
  const admin = createWebhookAdmin(state, verification);
  const adminRoutes = webhookAdminRouter();

  const endpoint: DeliveryEndpoint = {
    match: (method, path) => {
      if (method !== 'POST') return 'method-not-allowed';
      return { route: `POST ${path}`, params: {} };
    },
    inspect: (req, now) => {
      const header = req.headers[SIGNATURE_HEADER.toLowerCase()];
      const options = { toleranceSeconds: verification.toleranceSeconds, now: () => now };
      const check = verifyFerrySignature(Array.isArray(header) ? header.join(',') : header, req.rawBody, verification.secret, options);
      if (!check.ok) return { signature: { valid: false, reason: check.reason, message: check.message } };
      // a receiver using a Standard Webhooks library checks only these (standard-webhooks spec, "Verifying signatures")
      const standard = verifyStandardWebhook(req.headers, req.rawBody, verification.secret, options);
      return { signature: standard.ok ? { valid: true } : { valid: false, reason: 'mismatch', message: `Standard Webhooks: ${standard.message}` } };
    },
    admit: (_req, _now, inspected) => {
      if (verification.rejectInvalid && inspected.signature && !inspected.signature.valid) {
        return { reply: json(401, { error: 'invalid_signature', message: inspected.signature.message }), reason: 'signature' };
      }
      return undefined;
    },
    accept: (req) => {
      let body: unknown;
      try {
        body = JSON.parse(req.rawBody);
      } catch {
        return json(400, { error: 'invalid_json', message: 'The body is not JSON.' });
      }
      return json(200, { received: eventIdsOf(body).length });
    },
    failure: (status, retryAfterSeconds) =>
      status === 429 ? json(429, { error: 'rate_limited' }, { 'retry-after': String(retryAfterSeconds) }) : json(status, { error: `sandbox answered ${status}` }),
    notFound: (method, path) => json(404, { error: `no route ${method} ${path}` }),
    tooLarge: (limit) => json(413, { error: 'too_large', message: `Body larger than ${limit} bytes.` }),
  };

  const server = await startDeliveryServer({
    name: 'webhook',
    port: options.port ?? 0,
    clock,
    maxBodyBytes: options.maxBodyBytes ?? 10 * 1024 * 1024,
    state,
    endpoint,
    serveAdmin: (req) => serveAdmin(adminRoutes, req, admin),
  });
  return { url: `${server.url}/webhook`, baseUrl: server.url, port: server.port, admin, close: () => server.close() };
}
