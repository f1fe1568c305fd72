import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiError, rawFetch, startHarness, type Harness } from './hubspot-sandbox-helpers';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.sandbox.close(); });

const upsert = (email: string) => h.client.crm.contacts.batchApi.upsert({ inputs: [{ id: email, idProperty: 'email', properties: {} }] });

describe('fault injection', () => {
  it('answers the next N matching requests with an injected 503, then recovers', async () => {
    h.sandbox.admin.injectFault({ kind: 'status', status: 503, count: 2, pathPrefix: '/crm/v3/objects/contacts' });
    await h.client.crm.properties.coreApi.getAll('contacts'); // other paths are untouched
    expect((await apiError(upsert('a@example.com'))).code).toBe(503);
    expect((await apiError(upsert('a@example.com'))).code).toBe(503);
    await upsert('a@example.com');
    expect(h.sandbox.admin.contacts()).toHaveLength(1);
    expect(h.sandbox.admin.requests().byStatus['503']).toBe(2);
  });

  it('drops the connection before serving (nothing written) or after (written, answer lost)', async () => {
    h.sandbox.admin.injectFault({ kind: 'drop', phase: 'before' });
    await expect(upsert('d@example.com')).rejects.toThrow(/socket hang up|ECONNRESET/i);
    expect(h.sandbox.admin.contacts()).toHaveLength(0);
    h.sandbox.admin.injectFault({ kind: 'drop', phase: 'after' });
    await expect(upsert('d@example.com')).rejects.toThrow(/socket hang up|ECONNRESET/i);
    expect(h.sandbox.admin.contacts()).toHaveLength(1);
    const retried = await upsert('d@example.com');
    expect(retried.results[0]?._new).toBe(false);
    expect(h.sandbox.admin.requests().dropped).toBe(2);
  });

  it('adds latency', async () => {
    h.sandbox.admin.injectFault({ kind: 'latency', ms: 150 });
    const started = performance.now();
    await h.client.crm.properties.coreApi.getAll('contacts');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('is also driven over the HTTP admin API', async () => {
    const inject = await rawFetch(h.sandbox, '/__sandbox/faults', { method: 'POST', body: JSON.stringify({ kind: 'status', status: 502, html: true }) });
    expect(inject.status).toBe(200);
    const res = await rawFetch(h.sandbox, '/crm/v3/properties/contacts');
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toContain('text/html');
    const bad = await rawFetch(h.sandbox, '/__sandbox/faults', { method: 'POST', body: JSON.stringify({ kind: 'status', status: 200 }) });
    expect(bad.status).toBe(400);
    await rawFetch(h.sandbox, '/__sandbox/tokens', { method: 'POST', body: JSON.stringify({ token: 'via-http', scopes: ['crm.objects.contacts.read'] }) });
    await rawFetch(h.sandbox, '/__sandbox/limits', { method: 'PUT', body: JSON.stringify({ rateLimit: 1 }) });
    expect((await rawFetch(h.sandbox, '/crm/v3/objects/contacts/1', { token: 'via-http' })).status).toBe(404);
    expect((await rawFetch(h.sandbox, '/crm/v3/objects/contacts/1', { token: 'via-http' })).status).toBe(429);
    const state = await (await rawFetch(h.sandbox, '/__sandbox/state')).json() as { requests: { rateLimited: number; total: number }; limits: { rateLimit: number } };
    expect(state.requests.rateLimited).toBe(1);
    expect(state.limits.rateLimit).toBe(1);
    expect((await rawFetch(h.sandbox, '/__sandbox/reset', { method: 'POST' })).status).toBe(200);
    expect(h.sandbox.admin.requests().total).toBe(0);
  });
});
