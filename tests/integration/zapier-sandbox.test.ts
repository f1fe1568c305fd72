import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../main/sandbox/shared/clock';
import { startZapierSandbox, type ZapierSandbox } from '../../main/sandbox/zapier';

const clock = manualClock();
let sandbox: ZapierSandbox;

beforeAll(async () => {
  sandbox = await startZapierSandbox({ clock: clock.now });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => sandbox.admin.reset());

const post = (url: string, body: unknown = { event_id: 'evt_x' }): Promise<Response> =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('Zapier sandbox', () => {
  it("answers 200 with Zapier's success shape and an empty body on /silent/", async () => {
    const res = await post(sandbox.hookUrl);
    expect(res.status).toBe(200);
    const body = await res.json() as Record<string, string>;
    expect(body).toMatchObject({ status: 'success' });
    expect(Object.keys(body).sort()).toEqual(['attempt', 'id', 'request_id', 'status']);
    const silent = await post(`${sandbox.hookUrl}silent/`);
    expect(silent.status).toBe(200);
    expect(await silent.text()).toBe('');
  });

  it('enforces about 30 requests per second per hook with 429 and Retry-After, and lets through again after the window', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1) statuses.push((await post(sandbox.hookUrl)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    const refused = await post(sandbox.hookUrl);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    // another hook has its own window
    expect((await post(sandbox.hookUrlFor('other'))).status).toBe(200);
    clock.advance(1_000);
    expect((await post(sandbox.hookUrl)).status).toBe(200);
    expect(sandbox.admin.stats()).toMatchObject({ accepted: 32, refused: 2 });
  });

  it('enforces the per-user 5-minute limit across hooks', async () => {
    sandbox.admin.setLimits({ perUserPerFiveMinutes: 3 });
    for (const hook of ['a', 'b', 'c']) expect((await post(sandbox.hookUrlFor(hook))).status).toBe(200);
    const refused = await post(sandbox.hookUrlFor('d'));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(200);
    sandbox.admin.setLimits({ perUserPerFiveMinutes: 10_000 });
  });

  it('is controlled over the HTTP admin API: faults, fail mode, deliveries', async () => {
    const admin = (path: string, method: string, body?: unknown): Promise<Response> =>
      fetch(`${sandbox.url}/__sandbox/${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    expect((await admin('rate-limit-next', 'POST', { count: 1, retryAfterSeconds: 9 })).status).toBe(200);
    const limited = await post(sandbox.hookUrl);
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '9']);
    expect((await admin('fail-mode', 'PUT', { status: 503 })).status).toBe(200);
    expect((await post(sandbox.hookUrl)).status).toBe(503);
    expect((await post(sandbox.hookUrl)).status).toBe(503);
    expect((await admin('fail-mode', 'PUT', null)).status).toBe(200);
    expect((await post(sandbox.hookUrl, { event_id: 'evt_1' })).status).toBe(200);
    expect((await admin('fail-mode', 'PUT', { status: 200 })).status).toBe(400);
    const listed = await (await admin('deliveries', 'GET')).json() as { results: Array<{ status: number; refusal?: string; eventIds: string[] }> };
    expect(listed.results.map((d) => [d.status, d.refusal ?? null])).toEqual([[429, 'fault'], [503, 'fail-mode'], [503, 'fail-mode'], [200, null]]);
    expect(listed.results[3]?.eventIds).toEqual(['evt_1']);
    // like Zapier: a hook whose Zap is off, deleted or moved still answers 200, and so does one nobody made
    expect((await admin('hooks/remove', 'POST', { account: '1000001', hook: 'ferrysb' })).status).toBe(200);
    expect((await post(sandbox.hookUrl)).status).toBe(200);
    expect((await post(sandbox.hookUrlFor('never-created'))).status).toBe(200);
    expect(sandbox.admin.unheard()).toBe(1);
  });

  it('refuses bodies over 10 MB with 413 and records the attempt', async () => {
    const res = await fetch(sandbox.hookUrl, { method: 'POST', body: 'x'.repeat(10 * 1024 * 1024 + 1) });
    expect(res.status).toBe(413);
    expect(sandbox.admin.deliveries()[0]).toMatchObject({ accepted: false, refusal: 'too-large' });
  });
});
