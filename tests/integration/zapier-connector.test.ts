import { destination } from '../../destinations/index';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createZapierConnector, ZAPIER_CAPABILITIES } from '../../main/crm/zapier';
import { startZapierSandbox, type ZapierSandbox } from '../../main/sandbox/zapier';
import { SyncError } from '../../main/sync/connector';
import { RateLimiter } from '../../main/sync/rate-limiter';
import { systemClock } from '../../main/clock';
import { connection, contact, pushItem, recordingContext, rejection } from './zapier-fixtures';

let sandbox: ZapierSandbox;
const conn = connection('zapier');

beforeAll(async () => {
  sandbox = await startZapierSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => sandbox.admin.reset());

const connector = () => createZapierConnector({ hookUrl: async () => sandbox.hookUrl, fetchTimeoutMs: 5_000 });

describe('Zapier connector against the sandbox', () => {
  it('delivers one contact per request with a stable event id, all fields and no avatar', async () => {
    const z = connector();
    const items = [1, 2, 3].map((n) => pushItem(z, conn, contact(n)));
    const ctx = recordingContext(conn);
    const results = await z.push(items, ctx);

    expect(ctx.calls.before).toBe(3);
    expect(ctx.calls.after).toEqual([200, 200, 200]);
    const accepted = sandbox.admin.accepted();
    expect(accepted).toHaveLength(3);
    for (const d of accepted) {
      expect(d.eventIds).toHaveLength(1);
      expect(d.headers['content-type']).toBe('application/json');
      expect(d.headers['ferry-event-id']).toBe(d.eventIds[0]);
      expect(JSON.stringify(d.body)).not.toMatch(/avatar|logo/i);
    }
    const first = accepted.find((d) => (d.body as { contact_id: string }).contact_id === 'c-uid-1');
    expect(first?.body).toMatchObject({
      action: 'created', contact_version: 3,
      contact: { first_name: 'Ada1', primary_email: 'ada1@example.com', tags: ['vip', 'expo-2026'], custom_fields: { Budget: '10k' } },
    });
    // Zapier's request id is kept as the external id (for support); the event id goes in aux
    for (const r of results) {
      expect(r.outcome).toBe('created');
      if (r.outcome === 'created') {
        expect(r.externalId).not.toMatch(/^evt_/);
        expect(r.aux?.event_id).toMatch(/^evt_/);
      }
    }
  });

  it('re-sends the same event id for the same contact version, a new one for a new version, and says updated once linked', async () => {
    const z = connector();
    const [first] = await z.push([pushItem(z, conn, contact(1))], recordingContext(conn));
    await z.push([pushItem(z, conn, contact(1))], recordingContext(conn));
    const [again] = await z.push([pushItem(z, conn, contact(1, { version: 4, firstName: 'Ada' }), first?.outcome === 'created' ? first.externalId : 'x')], recordingContext(conn));
    const [a, b, c] = sandbox.admin.accepted();
    expect(a?.eventIds).toEqual(b?.eventIds);
    expect(b?.duplicateEventIds).toEqual(a?.eventIds);
    expect(c?.eventIds[0]).not.toBe(a?.eventIds[0]);
    expect(c?.body).toMatchObject({ action: 'updated', contact_version: 4 });
    expect(again?.outcome).toBe('updated');
  });

  it('turns a 5xx into a whole-batch server error the engine retries', async () => {
    sandbox.admin.injectFault({ kind: 'status', status: 503 });
    const z = connector();
    const error = await rejection(z.push([pushItem(z, conn, contact(1)), pushItem(z, conn, contact(2))], recordingContext(conn)));
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({ kind: 'server', details: { status: 503 } });
  });

  it('turns a 429 into rate_limited with the Retry-After wait', async () => {
    sandbox.admin.rateLimitNext(1, 7);
    const z = connector();
    const ctx = recordingContext(conn);
    const error = await rejection(z.push([pushItem(z, conn, contact(1))], ctx));
    expect(error).toMatchObject({ kind: 'rate_limited', details: { status: 429, retryAfterMs: 7_000 } });
    expect(ctx.calls.after).toEqual([429]);
  });

  it('a hook whose Zap is off answers 200 like Zapier: Ferry says delivered, never that a Zap ran', async () => {
    sandbox.admin.removeHook('1000001', 'ferrysb');
    const z = connector();
    const [result] = await z.push([pushItem(z, conn, contact(1))], recordingContext(conn));
    expect(result?.outcome).toBe('created');
    expect(destination('zapier').deliversOnly).toBe(true);
    expect(sandbox.admin.unheard()).toBe(1);
  });

  it('if Zapier ever answers 410 Gone, asks for a new URL', async () => {
    sandbox.admin.injectFault({ kind: 'status', status: 410 });
    const z = connector();
    const error = await rejection(z.push([pushItem(z, conn, contact(1))], recordingContext(conn)));
    expect(error).toMatchObject({ kind: 'config', message: 'This Zapier hook no longer exists — paste a new Catch Hook URL.' });
    expect(String((error as Error).message)).not.toContain(sandbox.hookUrl);
  });

  it('turns an unknown hook path (404) and a 400 into config and invalid_request', async () => {
    const gone = createZapierConnector({ hookUrl: async () => sandbox.hookUrl.replace('/hooks/catch/', '/hooks/catch/1/x/y/') });
    expect(await rejection(gone.push([pushItem(gone, conn, contact(1))], recordingContext(conn)))).toMatchObject({ kind: 'config' });
    sandbox.admin.injectFault({ kind: 'status', status: 400 });
    const z = connector();
    expect(await rejection(z.push([pushItem(z, conn, contact(1))], recordingContext(conn)))).toMatchObject({ kind: 'invalid_request' });
  });

  it('turns a dropped connection into a network error; the re-send after "drop after" carries the same event id', async () => {
    sandbox.admin.injectFault({ kind: 'drop', phase: 'after' });
    const z = connector();
    const item = pushItem(z, conn, contact(1));
    expect(await rejection(z.push([item], recordingContext(conn)))).toMatchObject({ kind: 'network' });
    await z.push([item], recordingContext(conn));
    const counts = sandbox.admin.acceptedEventCounts();
    expect(Object.values(counts)).toEqual([2]);
  });

  it('stops a batch at the first failure and keeps failing in always-fail mode', async () => {
    sandbox.admin.setFailMode({ status: 502 });
    const z = connector();
    const items = Array.from({ length: 10 }, (_, i) => pushItem(z, conn, contact(i + 1)));
    expect(await rejection(z.push(items, recordingContext(conn)))).toMatchObject({ kind: 'server' });
    expect(sandbox.admin.deliveries().length).toBeLessThanOrEqual(4);
    sandbox.admin.setFailMode(null);
    expect(await z.push(items, recordingContext(conn))).toHaveLength(10);
  });

  it('rejects a contact over 10 MB with a sentence and still delivers the others', async () => {
    const z = connector();
    const big = contact(2, { notes: 'x'.repeat(10 * 1024 * 1024 + 1) });
    const results = await z.push([pushItem(z, conn, contact(1)), pushItem(z, conn, big)], recordingContext(conn));
    expect(results.find((r) => r.contactId === 2)).toMatchObject({ outcome: 'rejected', message: expect.stringMatching(/too large for Zapier/) });
    expect(results.find((r) => r.contactId === 1)?.outcome).toBe('created');
    expect(sandbox.admin.accepted()).toHaveLength(1);
  });

  it('refuses a non-Zapier URL as config without sending anything, and takes the loopback hook from any connection', async () => {
    const elsewhere = createZapierConnector({ hookUrl: async () => 'https://example.com/hooks/catch/1/a/' });
    expect(await rejection(elsewhere.prepare(recordingContext(conn)))).toMatchObject({ kind: 'config' });
    expect(await rejection(elsewhere.push([pushItem(elsewhere, conn, contact(1))], recordingContext(conn)))).toMatchObject({ kind: 'config' });
    expect(sandbox.admin.deliveries()).toHaveLength(0);
    // a rep testing a Zap locally: not a Ferry sandbox connection, same loopback hook
    const local = connection('zapier', { config: {} });
    const z = connector();
    await z.prepare(recordingContext(local));
    expect((await z.push([pushItem(z, local, contact(1))], recordingContext(local)))[0]?.outcome).toBe('created');
  });

  it('is delivery-only and paces under the 30/s hook limit (prints deliveries per second)', async () => {
    expect(destination('zapier').deliversOnly).toBe(true);
    const limiter = new RateLimiter(ZAPIER_CAPABILITIES.rateLimit, systemClock);
    const z = connector();
    const total = 100;
    const items = Array.from({ length: total }, (_, i) => pushItem(z, conn, contact(i + 1)));
    const ctx = {
      connection: conn,
      beforeRequest: () => limiter.acquire(),
      afterResponse: () => { limiter.release(); },
      signal: new AbortController().signal,
    };
    const started = performance.now();
    for (let i = 0; i < items.length; i += ZAPIER_CAPABILITIES.batchSize) {
      await z.push(items.slice(i, i + ZAPIER_CAPABILITIES.batchSize), ctx);
    }
    const seconds = (performance.now() - started) / 1000;
    const stats = sandbox.admin.stats();
    // the first window's 25 go at once; the steady pace is what follows it
    const steady = (total - ZAPIER_CAPABILITIES.rateLimit.requests) / seconds;
    process.stdout.write(`zapier: ${total} deliveries in ${seconds.toFixed(2)} s (steady ${steady.toFixed(1)}/s) against a 30/s hook limit, ${sandbox.admin.requests().rateLimited} answered 429\n`);
    expect(stats.accepted).toBe(total);
    expect(sandbox.admin.requests().rateLimited).toBe(0);
  });
});
