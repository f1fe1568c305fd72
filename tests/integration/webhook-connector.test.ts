import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWebhookConnector, verifyFerrySignature } from '../../main/crm/webhook';
import { startWebhookSandbox, type WebhookSandbox } from '../../main/sandbox/webhook';
import { manualClock } from '../../main/sandbox/shared/clock';
import { connection, contact, pushItem, recordingContext, rejection } from './zapier-fixtures';

const secret = 'whsec_integration_0123456789';
const clock = manualClock(Date.now());
let sandbox: WebhookSandbox;
const conn = connection('webhook');

beforeAll(async () => {
  sandbox = await startWebhookSandbox({ secret, clock: clock.now });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.admin.reset();
  sandbox.admin.setVerification({ secret, rejectInvalid: true });
});

const webhook = (options: { batchSize?: number; secret?: string; now?: () => number } = {}) =>
  createWebhookConnector({
    url: () => sandbox.url,
    secret: async () => options.secret ?? secret,
    now: options.now ?? clock.now,
    fetchTimeoutMs: 5_000,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
  });

describe('signed webhook connector against the sandbox', () => {
  it('sends one signed event per request by default, and the sandbox verifies each signature', async () => {
    const w = webhook();
    const ctx = recordingContext(conn);
    const results = await w.push([1, 2, 3].map((n) => pushItem(w, conn, contact(n))), ctx);
    expect(results.map((r) => r.outcome)).toEqual(['created', 'created', 'created']);
    expect(ctx.calls.before).toBe(3);
    const accepted = sandbox.admin.accepted();
    expect(accepted).toHaveLength(3);
    for (const d of accepted) {
      expect(d.signature).toEqual({ valid: true });
      expect(d.headers['ferry-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(d.headers['ferry-event-id']).toBe(d.eventIds[0]);
      expect(d.body).toMatchObject({ event_id: d.eventIds[0], type: 'contact.created', contact: { last_name: 'Lovelace' } });
      expect(JSON.stringify(d.body)).not.toMatch(/avatar|logo/i);
    }
    for (const r of results) if (r.outcome === 'created') expect(r.externalId).toMatch(/^evt_/);
  });

  it('batches up to N contacts per request as { events: [...] }, all delivered from one 2xx', async () => {
    const w = webhook({ batchSize: 4 });
    expect(w.capabilities.batchSize % 4).toBe(0);
    const items = Array.from({ length: 10 }, (_, i) => pushItem(w, conn, contact(i + 1)));
    const results = await w.push(items, recordingContext(conn));
    expect(results).toHaveLength(10);
    expect(new Set(results.map((r) => r.contactId)).size).toBe(10);
    const accepted = sandbox.admin.accepted();
    expect(accepted.map((d) => d.eventIds.length)).toEqual([4, 4, 2]);
    for (const d of accepted) {
      expect(Object.keys(d.body as object)).toEqual(['events']);
      expect(d.headers['ferry-event-id']).toMatch(/^bat_/);
      expect(d.signature?.valid).toBe(true);
    }
  });

  it('keeps the event ids (and the batch id) when the same batch is sent again', async () => {
    const w = webhook({ batchSize: 2 });
    const items = [1, 2].map((n) => pushItem(w, conn, contact(n)));
    await w.push(items, recordingContext(conn));
    clock.advance(5_000);
    await w.push(items, recordingContext(conn));
    const [a, b] = sandbox.admin.accepted();
    expect(b?.eventIds).toEqual(a?.eventIds);
    expect(b?.headers['ferry-event-id']).toBe(a?.headers['ferry-event-id']);
    expect(b?.duplicateEventIds).toEqual(a?.eventIds);
    expect(b?.headers['ferry-signature']).not.toBe(a?.headers['ferry-signature']);
  });

  it('signs with the raw body so a receiver can verify with the documented snippet', async () => {
    const w = webhook();
    await w.push([pushItem(w, conn, contact(1))], recordingContext(conn));
    const [d] = sandbox.admin.accepted();
    const raw = JSON.stringify(d?.body);
    expect(verifyFerrySignature(d?.headers['ferry-signature'], raw, secret, { now: clock.now }).ok).toBe(true);
  });

  it('is refused with 401 (config error) when the secrets differ, and the sandbox records why', async () => {
    const w = webhook({ secret: 'a-different-secret-value' });
    const error = await rejection(w.push([pushItem(w, conn, contact(1))], recordingContext(conn)));
    expect(error).toMatchObject({ kind: 'config', details: { status: 401 } });
    expect((error as Error).message).not.toContain('a-different-secret-value');
    expect(sandbox.admin.deliveries()[0]).toMatchObject({ accepted: false, refusal: 'signature', signature: { valid: false, reason: 'mismatch' } });
  });

  it('is refused when the sender clock is outside the replay window', async () => {
    const w = webhook({ now: () => clock.now() - 10 * 60_000 });
    expect(await rejection(w.push([pushItem(w, conn, contact(1))], recordingContext(conn)))).toMatchObject({ kind: 'config' });
    expect(sandbox.admin.deliveries()[0]?.signature).toMatchObject({ valid: false, reason: 'expired' });
  });

  it('maps 5xx, 429 with Retry-After, 410 and a dropped connection like Zapier', async () => {
    const w = webhook();
    const item = pushItem(w, conn, contact(1));
    sandbox.admin.injectFault({ kind: 'status', status: 500 });
    expect(await rejection(w.push([item], recordingContext(conn)))).toMatchObject({ kind: 'server', details: { status: 500 } });
    sandbox.admin.rateLimitNext(1, 3);
    expect(await rejection(w.push([item], recordingContext(conn)))).toMatchObject({ kind: 'rate_limited', details: { retryAfterMs: 3_000 } });
    sandbox.admin.injectFault({ kind: 'status', status: 410 });
    expect(await rejection(w.push([item], recordingContext(conn)))).toMatchObject({ kind: 'config' });
    sandbox.admin.injectFault({ kind: 'drop', phase: 'before' });
    expect(await rejection(w.push([item], recordingContext(conn)))).toMatchObject({ kind: 'network' });
    sandbox.admin.injectFault({ kind: 'status', status: 422 });
    expect(await rejection(w.push([item], recordingContext(conn)))).toMatchObject({ kind: 'invalid_request' });
    expect(sandbox.admin.accepted()).toHaveLength(0);
    await w.push([item], recordingContext(conn));
    expect(sandbox.admin.accepted()).toHaveLength(1);
  });

  it('times out a receiver that does not answer', async () => {
    const w = createWebhookConnector({ url: () => sandbox.url, secret: async () => secret, now: clock.now, fetchTimeoutMs: 200 });
    sandbox.admin.injectFault({ kind: 'latency', ms: 1_000 });
    expect(await rejection(w.push([pushItem(w, conn, contact(1))], recordingContext(conn)))).toMatchObject({ kind: 'timeout' });
  });

  it('needs https beyond this computer and a secret; a local test receiver works for any connection', async () => {
    const remoteHttp = createWebhookConnector({ url: () => 'http://receiver.example/hook', secret: async () => secret });
    expect(await rejection(remoteHttp.prepare(recordingContext(conn)))).toMatchObject({ kind: 'config', message: expect.stringMatching(/https/) });
    const noSecret = createWebhookConnector({ url: () => sandbox.url, secret: async () => '' });
    expect(await rejection(noSecret.prepare(recordingContext(conn)))).toMatchObject({ kind: 'config' });
    expect(sandbox.admin.deliveries()).toHaveLength(0);
    // not a Ferry sandbox connection: a developer's receiver on http://127.0.0.1
    const local = connection('webhook', { config: {} });
    const w = webhook();
    await w.prepare(recordingContext(local));
    await w.push([pushItem(w, local, contact(1))], recordingContext(local));
    expect(sandbox.admin.accepted()).toHaveLength(1);
  });
});
