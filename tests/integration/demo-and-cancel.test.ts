import { HUBSPOT_PUSH_SIZE } from '../../main/crm/hubspot/connector';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxToken } from '../../main/crm/registry';
import { startRuntime, type Runtime } from '../../main/runtime/index';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../main/sandbox/hubspot/index';
import type { SandboxProvider } from '../../main/services/ports';
import { defaultCard } from '../../main/store/cards';
import { seedSampleContacts } from '../support/sample-contacts';
import { tempDir } from '../support/temp-dir';

/** This process's sandbox token, handed to the sandboxes and to the runtime or registry (as the runtime does for its own). */
const SANDBOX_TOKEN = createSandboxToken();

const TOKEN = 'pat-na1-demo-and-cancel-0001';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

/** The app's runtime on a fresh data folder (its first run seeds the demo contacts), with a HubSpot sandbox on loopback. */
async function app(): Promise<{ rt: Runtime; hubspot: HubSpotSandbox; sandboxHub: HubSpotSandbox }> {
  const hubspot = await startHubSpotSandbox({ port: 0 });
  hubspot.admin.registerToken({ token: TOKEN });
  const sandboxHub = await startHubSpotSandbox({ port: 0, token: SANDBOX_TOKEN });
  const sandboxes: SandboxProvider = { kinds: () => ['hubspot'], start: async () => ({ baseUrl: sandboxHub.url, secrets: {} }), close: async () => undefined };
  const rt = await startRuntime({ dataDir: tempDir(), host: 'web', vault: 'memory', sandboxes, scheduler: false, sandboxToken: SANDBOX_TOKEN });
  cleanups.push(() => hubspot.close(), () => sandboxHub.close(), () => rt.close());
  return { rt, hubspot, sandboxHub };
}

describe('demo contacts', () => {
  it('the first run’s made-up people go to a sandbox connection but never to a real CRM, and say so on the contact', async () => {
    const { rt, hubspot, sandboxHub } = await app();
    const { contacts, connections } = rt.services;
    const demo = (await contacts.list({ limit: 1000, offset: 0 })).items;
    expect(demo.length).toBe(50);
    expect(demo.every((c) => c.source === 'demo')).toBe(true);

    const real = await connections.connect({ kind: 'hubspot', config: { baseUrl: hubspot.url, auth: 'private-app' }, secrets: { token: TOKEN } });
    expect(real.pending).toBe(0);
    expect(await connections.syncNow({ connectionId: real.id })).toMatchObject({ state: 'nothing_to_send', apiCalls: 0 });
    expect(hubspot.admin.contacts()).toHaveLength(0);
    expect(contacts.get({ id: demo[0]!.id }).sync).toEqual([expect.objectContaining({ connectionId: real.id, state: 'demo' })]);

    // a rep's own contacts do go
    // (the generator's first 50 are the demo people already there: 53 asked, 3 new)
    expect(seedSampleContacts(rt.db, defaultCard(rt.db).id, 53)).toBe(3);
    expect((await connections.list(undefined)).find((c) => c.id === real.id)?.pending).toBe(3);
    expect(await connections.syncNow({ connectionId: real.id })).toMatchObject({ created: 3 });
    expect(hubspot.admin.contacts()).toHaveLength(3);
    await connections.disconnect({ connectionId: real.id });
    const sandbox = await connections.connect({ kind: 'hubspot', sandbox: true });
    expect(sandbox.pending).toBe(50 + 3);
    expect(await connections.syncNow({ connectionId: sandbox.id })).toMatchObject({ created: 53 });
    expect(sandboxHub.admin.contacts()).toHaveLength(53);
  });

  it('"Remove demo contacts" takes them all away in one step, and undo brings them back, pending again', async () => {
    const { rt } = await app();
    const { contacts, connections } = rt.services;
    const sandbox = await connections.connect({ kind: 'hubspot', sandbox: true });
    const { ids } = contacts.removeDemo({});
    expect(ids).toHaveLength(50);
    expect((await contacts.list({ limit: 10, offset: 0 })).total).toBe(0);
    expect((await connections.list(undefined))[0]).toMatchObject({ id: sandbox.id, pending: 0 });

    expect(contacts.restore({ ids })).toEqual({ restored: 50 });
    expect((await contacts.list({ limit: 10, offset: 0 })).total).toBe(50);
    expect((await connections.list(undefined))[0]).toMatchObject({ id: sandbox.id, pending: 50 });
  });
});

describe('cancelling a large sync', () => {
  it('stops after the batch in flight; what was sent stays sent, the rest stays pending and goes with the next sync, once', async () => {
    const { rt, hubspot } = await app();
    const { connections } = rt.services;
    // the generator's first 50 are the demo people already there; the real CRM gets only the rep's own
    // more than one HubSpot push (HUBSPOT_PUSH_SIZE contacts each)
    const total = seedSampleContacts(rt.db, defaultCard(rt.db).id, HUBSPOT_PUSH_SIZE + 500);
    const conn = await connections.connect({ kind: 'hubspot', config: { baseUrl: hubspot.url, auth: 'private-app' }, secrets: { token: TOKEN } });
    expect(conn.pending).toBe(total);

    // cancel as soon as the first batch is saved (keyed to progress, not to time)
    const off = rt.sync.on('progress', (p) => { if (p.connectionId === conn.id && p.done > 0) connections.cancel({ connectionId: conn.id }); });
    const run = await connections.syncNow({ connectionId: conn.id });
    off();
    expect(run.state).toBe('interrupted');
    expect(run.error).toMatch(/^Cancelled\. \d+ sent; the other changes wait for the next sync\.$/);
    const sent = run.created;
    expect(sent).toBeGreaterThanOrEqual(HUBSPOT_PUSH_SIZE);
    expect(sent).toBeLessThan(total);
    const after = (await connections.list(undefined)).find((c) => c.id === conn.id)!;
    expect(after).toMatchObject({ pending: total - sent, status: 'connected', lastError: null });

    expect(await connections.syncNow({ connectionId: conn.id })).toMatchObject({ state: 'succeeded', created: total - sent });
    expect(hubspot.admin.contacts()).toHaveLength(total);
    expect(connections.cancel({ connectionId: conn.id })).toEqual({ cancelled: false });
  });
});
