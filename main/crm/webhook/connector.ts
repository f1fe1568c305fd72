import { SyncError, type Connector, type ConnectorCapabilities, type PushContext, type PushResult } from '../../sync/connector';
import { buildContactEvent, type ContactEvent } from '../shared/contact-event';
import { buildTestEvent } from '../shared/test-event';
import { postDelivery, type DeliveryTarget } from '../shared/delivery-http';
import { deliveryPayload } from '../shared/delivery-payload';
import { runPool } from '../shared/delivery-pool';
import { readDeliverySecret } from '../shared/delivery-secret';
import { groupEvents, type WebhookRequestBody } from './batches';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signatureHeader } from './signature';
import { standardHeaders } from './standard-signature';
import { validateWebhookUrl } from './webhook-url';

/**
 * A signed webhook: contact events POSTed as JSON to a URL of the user's choice,
 * signed with HMAC-SHA256 twice: Ferry-Signature (signature.ts) and Standard
 * Webhooks' webhook-* headers (standard-signature.ts; see README.md), one event per
 * request or up to `batchSize` per request as `{ events: [...] }`.
 *
 * A 2xx proves delivery to the receiver, nothing more (its descriptor says `deliversOnly`): every
 * event of that request counts as delivered. Any non-2xx fails the whole push
 * call and the engine retries it; events re-sent on retry keep their event ids.
 */

export const WEBHOOK_DEFAULT_BATCH_SIZE = 1;
export const WEBHOOK_MAX_BATCH_SIZE = 1_000;
/** No receiver's limit is known; 10 requests/s is gentle on a small server and configurable per connection. */
export const WEBHOOK_RATE_LIMIT = { requests: 10, perMs: 1_000 } as const;
/** Largest request body Ferry sends (the same ceiling as Zapier's). */
export const WEBHOOK_MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Requests per push call when sending one event per request. */
const REQUESTS_PER_PUSH = 25;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_CONCURRENCY = 4;

export const WEBHOOK_TARGET: DeliveryTarget = {
  crmName: 'your webhook',
  goneMessage: 'Your webhook URL answers "not found" (HTTP 404/410). Check the URL in Integrations; Ferry has paused sending.',
  refusedMessage: 'Your webhook refused Ferry\'s request (HTTP 401/403). Check that the receiver verifies with the same secret Ferry signs with.',
};

export interface WebhookConnectorOptions {
  url: () => Promise<string> | string;
  /** the signing secret, read from the vault on every push */
  secret: () => Promise<string>;
  /** events per request; default 1 (each body is one event) */
  batchSize?: number;
  fetchTimeoutMs?: number;
  concurrency?: number;
  /** milliseconds since the epoch: signature timestamps */
  now?: () => number;
  fetch?: typeof fetch;
}

export function webhookCapabilities(eventsPerRequest: number): ConnectorCapabilities {
  return {
    batchSize: eventsPerRequest * Math.max(1, Math.ceil(REQUESTS_PER_PUSH / eventsPerRequest)),
    rateLimit: { ...WEBHOOK_RATE_LIMIT },
  };
}

function eventsPerRequest(batchSize: number | undefined): number {
  const n = batchSize ?? WEBHOOK_DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(n) || n < 1 || n > WEBHOOK_MAX_BATCH_SIZE) {
    throw new RangeError(`A webhook batch size must be a whole number from 1 to ${WEBHOOK_MAX_BATCH_SIZE} (got ${n}).`);
  }
  return n;
}

async function resolveUrl(options: WebhookConnectorOptions): Promise<string> {
  const text = await readDeliverySecret(options.url, 'Ferry has no URL for this webhook connection. Enter the webhook URL in Integrations.');
  const check = validateWebhookUrl(text);
  if (!check.ok) throw new SyncError('config', check.reason);
  return check.url.toString();
}

function tooLargeResult(contactId: number, event: ContactEvent): PushResult {
  const bytes = Buffer.byteLength(JSON.stringify(event));
  return {
    contactId,
    outcome: 'rejected',
    message: `This contact is too large to send (${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is 10 MB). Shorten its notes to send it.`,
    crmError: `event of ${bytes} bytes exceeds the ${WEBHOOK_MAX_BODY_BYTES} byte limit`,
  };
}

export function createWebhookConnector(options: WebhookConnectorOptions): Connector {
  const perRequest = eventsPerRequest(options.batchSize);
  const timeoutMs = options.fetchTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;

  const send = async (url: string, secret: string, request: WebhookRequestBody, ctx: PushContext): Promise<void> => {
    await postDelivery({
      url,
      body: request.body,
      // signed when the rate limiter lets the request go: both schemes carry this attempt's time
      headers: () => {
        const seconds = Math.floor(now() / 1000);
        return {
          'content-type': 'application/json',
          'user-agent': 'Ferry-Webhook/1',
          [EVENT_ID_HEADER.toLowerCase()]: request.deliveryId,
          [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(secret, seconds, request.body),
          ...standardHeaders(secret, request.deliveryId, seconds, request.body),
        };
      },
      ctx,
      timeoutMs,
      target: WEBHOOK_TARGET,
      secrets: [secret],
      now,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  };

  return {
    kind: 'webhook',
    capabilities: webhookCapabilities(perRequest),
    map: (contact) => deliveryPayload(contact),
    // Checks the URL and that a secret exists; sends nothing (a test event would reach the receiver's workflow).
    prepare: async () => {
      await resolveUrl(options);
      await readDeliverySecret(options.secret, 'Ferry has no signing secret for this webhook connection. Reconnect the webhook to set one.');
    },
    push: async (items, ctx) => {
      const url = await resolveUrl(options);
      const secret = await readDeliverySecret(options.secret, 'Ferry has no signing secret for this webhook connection. Reconnect the webhook to set one.');
      const byEventId = new Map<string, (typeof items)[number]>();
      const events = items.map((item) => {
        const event = buildContactEvent(ctx.connection.id, item);
        byEventId.set(event.event_id, item);
        return event;
      });
      const { requests, tooLarge } = groupEvents(events, perRequest, WEBHOOK_MAX_BODY_BYTES);
      await runPool(requests, options.concurrency ?? DEFAULT_CONCURRENCY, (request) => send(url, secret, request, ctx));
      const results: PushResult[] = [];
      for (const request of requests) {
        for (const event of request.events) {
          const item = byEventId.get(event.event_id);
          if (!item) continue;
          results.push({ contactId: item.contactId, outcome: event.action, externalId: event.event_id, aux: { event_id: event.event_id } });
        }
      }
      for (const event of tooLarge) {
        const item = byEventId.get(event.event_id);
        if (item) results.push(tooLargeResult(item.contactId, event));
      }
      return results;
    },
    sendTestEvent: async (ctx) => {
      const url = await resolveUrl(options);
      const secret = await readDeliverySecret(options.secret, 'Ferry has no signing secret for this webhook connection. Reconnect the webhook to set one.');
      const event = buildTestEvent(now());
      await send(url, secret, { deliveryId: event.event_id, body: JSON.stringify(event), events: [] }, ctx);
    },
  };
}
