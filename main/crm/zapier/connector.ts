import { SyncError, type Connector, type ConnectorCapabilities, type PushContext, type PushItem, type PushResult } from '../../sync/connector';
import { buildContactEvent } from '../shared/contact-event';
import { buildTestEvent } from '../shared/test-event';
import { postDelivery, type DeliveryTarget } from '../shared/delivery-http';
import { deliveryPayload } from '../shared/delivery-payload';
import { runPool } from '../shared/delivery-pool';
import { readDeliverySecret } from '../shared/delivery-secret';
import { validateHookUrl } from './hook-url';
import { deliveryId, parseZapierAnswer } from './response';

/**
 * Zapier over a Catch Hook: one contact per POST (whether an array body fans
 * out to one Zap run per element is unverified), each with a stable event id so
 * a Zap can de-duplicate the re-sends a retry causes.
 *
 * A 2xx proves only that Zapier received the event (it answers 200 even when no
 * Zap listens), so its descriptor says `deliversOnly`: Ferry says "delivered to
 * Zapier", never "synced" and never that a Zap ran.
 *
 * Any non-2xx fails the whole push call (the engine retries it with backoff).
 * Contacts the hook already accepted in that call are sent again on retry with
 * the same event id; that duplicate is what the event id is for.
 */

/** Zapier takes about 30 requests/s per hook and 10,000 per 5 minutes per user; 25/s stays under both (7,500 per 5 min). */
export const ZAPIER_CAPABILITIES: ConnectorCapabilities = {
  batchSize: 25,
  rateLimit: { requests: 25, perMs: 1_000 },
};

/** Zapier refuses bodies over 10 MB. */
export const ZAPIER_MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/** How the sync log words a 2xx from Zapier. */
export const ZAPIER_DELIVERED = 'Delivered to Zapier';

const DEFAULT_TIMEOUT_MS = 30_000;
/** requests in flight within one push call; the rate limiter still decides the pace */
const DEFAULT_CONCURRENCY = 4;

export const ZAPIER_TARGET: DeliveryTarget = {
  crmName: 'Zapier',
  goneMessage: 'This Zapier hook no longer exists — paste a new Catch Hook URL.',
};

export interface ZapierConnectorOptions {
  /** the Catch Hook URL, read from the vault on every push (it is a secret) */
  hookUrl: () => Promise<string>;
  fetchTimeoutMs?: number;
  concurrency?: number;
  now?: () => number;
  fetch?: typeof fetch;
}

async function resolveHookUrl(options: ZapierConnectorOptions): Promise<string> {
  const text = await readDeliverySecret(options.hookUrl, 'Ferry has no Zapier Catch Hook URL for this connection. Paste the Catch Hook URL from your Zap in Integrations.');
  const check = validateHookUrl(text);
  if (!check.ok) throw new SyncError('config', check.reason);
  return check.url.toString();
}

interface Job {
  item: PushItem;
  eventId: string;
  body: string;
}

export function createZapierConnector(options: ZapierConnectorOptions): Connector {
  const timeoutMs = options.fetchTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;

  const deliver = async (url: string, job: Job, ctx: PushContext): Promise<PushResult> => {
    const answer = await postDelivery({
      url,
      body: job.body,
      headers: { 'content-type': 'application/json', 'ferry-event-id': job.eventId },
      ctx,
      timeoutMs,
      target: ZAPIER_TARGET,
      now,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    return {
      contactId: job.item.contactId,
      outcome: job.item.externalId ? 'updated' : 'created',
      externalId: deliveryId(parseZapierAnswer(answer.text), job.eventId),
      aux: { event_id: job.eventId },
    };
  };

  return {
    kind: 'zapier',
    capabilities: ZAPIER_CAPABILITIES,
    map: (contact) => deliveryPayload(contact),
    // Only checks the URL: a test request would trigger the user's Zap.
    prepare: async () => {
      await resolveHookUrl(options);
    },
    push: async (items, ctx) => {
      const url = await resolveHookUrl(options);
      const results: PushResult[] = [];
      const jobs: Job[] = [];
      for (const item of items) {
        const event = buildContactEvent(ctx.connection.id, item);
        const body = JSON.stringify(event);
        const bytes = Buffer.byteLength(body);
        if (bytes > ZAPIER_MAX_PAYLOAD_BYTES) {
          results.push({
            contactId: item.contactId,
            outcome: 'rejected',
            message: `This contact is too large for Zapier (${(bytes / 1024 / 1024).toFixed(1)} MB; Zapier accepts up to 10 MB). Shorten its notes to send it.`,
            crmError: `payload of ${bytes} bytes exceeds Zapier's ${ZAPIER_MAX_PAYLOAD_BYTES} byte limit`,
          });
        } else {
          jobs.push({ item, eventId: event.event_id, body });
        }
      }
      const delivered = await runPool(jobs, options.concurrency ?? DEFAULT_CONCURRENCY, (job) => deliver(url, job, ctx));
      return [...delivered, ...results];
    },
    // Only on request ("Test"): it triggers the Zap once, with an event that says it is a test.
    sendTestEvent: async (ctx) => {
      const url = await resolveHookUrl(options);
      const event = buildTestEvent(now());
      await postDelivery({ url, body: JSON.stringify(event), headers: { 'content-type': 'application/json', 'ferry-event-id': event.event_id }, ctx, timeoutMs, target: ZAPIER_TARGET, now, ...(options.fetch ? { fetch: options.fetch } : {}) });
    },
  };
}
