/**
 * A receiver verifies Ferry's deliveries with the maintained Standard Webhooks
 * library (npm `standardwebhooks`), exactly as its README shows, with a `whsec_` secret.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookConnector } from '../../main/crm/webhook';
import { connection, contact, pushItem, recordingContext } from './zapier-fixtures';

interface Received { verified: unknown; error: string | null; headers: http.IncomingHttpHeaders }

let server: http.Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A receiver as the library's users write it: raw body in, verify(), 204 or 401. */
async function receiver(webhook: Webhook): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(' ') : v ?? '']));
      try {
        received.push({ verified: webhook.verify(Buffer.concat(chunks).toString('utf8'), headers), error: null, headers: req.headers });
        res.writeHead(204).end();
      } catch (error) {
        received.push({ verified: null, error: error instanceof WebhookVerificationError ? error.message : String(error), headers: req.headers });
        res.writeHead(401).end();
      }
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/hooks/ferry`, received };
}

describe('Standard Webhooks', () => {
  it('every delivery verifies with the standardwebhooks library and a whsec_ secret, one event or a batch', async () => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const { url, received } = await receiver(new Webhook(secret));
    const conn = connection('webhook');
    for (const batchSize of [1, 3]) {
      const w = createWebhookConnector({ url: () => url, secret: async () => secret, batchSize, fetchTimeoutMs: 5_000 });
      const results = await w.push([1, 2, 3].map((n) => pushItem(w, conn, contact(n))), recordingContext(conn));
      expect(results.map((r) => r.outcome)).toEqual(['created', 'created', 'created']);
    }
    expect(received).toHaveLength(4);
    for (const r of received) {
      expect(r.error).toBeNull();
      // the id a receiver de-duplicates on is Ferry's delivery id, the same on every retry
      expect(r.headers['webhook-id']).toBe(r.headers['ferry-event-id']);
      expect(r.headers['ferry-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    }
    expect(received[3]?.verified).toMatchObject({ events: [{ type: 'contact.created' }, {}, {}] });
  });

  it('a receiver holding another secret refuses the delivery, and Ferry reports the refusal', async () => {
    const { url, received } = await receiver(new Webhook(`whsec_${randomBytes(32).toString('base64')}`));
    const conn = connection('webhook');
    const w = createWebhookConnector({ url: () => url, secret: async () => `whsec_${randomBytes(32).toString('base64')}`, fetchTimeoutMs: 5_000 });
    await expect(w.push([pushItem(w, conn, contact(1))], recordingContext(conn))).rejects.toMatchObject({ kind: 'config', details: { status: 401 } });
    expect(received[0]?.error).toMatch(/signature/i);
  });
});
