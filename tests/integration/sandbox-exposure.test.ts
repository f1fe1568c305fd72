import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type Runtime } from '../../main/runtime/index';

/**
 * Issue 11, Low: the in-app sandbox CRMs accepted a fixed public token and any
 * Host header, so a page using DNS rebinding could read the synced contacts.
 * Now each launch has its own random token, held in memory, and the sandboxes
 * answer only requests addressed to their own loopback host.
 */
function get(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { headers }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
    req.on('error', reject);
    req.end();
  });
}

describe('the in-app sandboxes are not reachable from a web page', () => {
  const dirs: string[] = [];
  const runtimes: Runtime[] = [];
  const start = async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-sbx-'));
    dirs.push(dir);
    const runtime = await startRuntime({ dataDir: dir, host: 'web', vault: 'memory', onError: () => undefined });
    runtimes.push(runtime);
    const view = await runtime.services.connections.connect({ kind: 'hubspot', sandbox: true });
    const base = new URL(view.config.baseUrl!);
    return { runtime, view, base };
  };
  let a: Awaited<ReturnType<typeof start>>;
  let b: Awaited<ReturnType<typeof start>>;

  beforeAll(async () => { a = await start(); b = await start(); });
  afterAll(async () => {
    for (const r of runtimes) await r.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('syncs with the per-launch token, and refuses the old fixed one', async () => {
    const run = await a.runtime.services.connections.syncNow({ connectionId: a.view.id });
    expect(run.state).toBe('succeeded');
    expect(run.created).toBeGreaterThan(0);
    const contacts = new URL('/crm/v3/properties/contacts', a.base).toString();
    expect(await get(contacts, { authorization: 'Bearer ferry-sandbox-token' })).toBe(401);
    // another launch's sandbox does not take this one's token either (each launch has its own)
    expect(await b.runtime.services.connections.syncNow({ connectionId: b.view.id }).then((r) => r.state)).toBe('succeeded');
  });

  it('answers only its own loopback Host: a rebinding page gets 403, even on the admin API', async () => {
    const state = new URL('/__sandbox/state', a.base).toString();
    expect(await get(state, { host: a.base.host })).toBe(200);
    expect(await get(state, { host: `localhost:${a.base.port}` })).toBe(200);
    expect(await get(state, { host: `rebind.evil.example:${a.base.port}` })).toBe(403);
    expect(await get(new URL('/__sandbox/contacts', a.base).toString(), { host: 'rebind.evil.example' })).toBe(403);
    expect(await get(new URL('/crm/v3/objects/contacts', a.base).toString(), { host: `evil.example:${a.base.port}`, authorization: 'Bearer x' })).toBe(403);
  });
});
