import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { createRouter } from '../../main/ipc/router';
import { startRuntime, type Runtime } from '../../main/runtime/index';
import { createSyncEngine } from '../../main/sync/engine';
import type { FerryEventMessage } from '../../preload/contract';
import { FakeSyncService } from '../support/fake-sync-service';

const APP = { frameIsMain: true, origin: 'file://' };

describe('runtime', () => {
  const dirs: string[] = [];
  const runtimes: Runtime[] = [];
  const tempDir = (): string => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-rt-'));
    dirs.push(d);
    return d;
  };
  afterEach(async () => {
    for (const r of runtimes.splice(0)) await r.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('seeds the demo card on the first run of a data folder only', async () => {
    const dataDir = tempDir();
    const first = await startRuntime({ dataDir, host: 'web', vault: 'memory', createSync: ({ db }) => new FakeSyncService(db) });
    expect(first.services.contacts.list({ limit: 1, offset: 0 }).total).toBe(50);
    first.services.contacts.delete({ id: 1 });
    await first.close();
    const second = await startRuntime({ dataDir, host: 'web', vault: 'memory', createSync: ({ db }) => new FakeSyncService(db) });
    runtimes.push(second);
    expect(second.services.contacts.list({ limit: 1, offset: 0 }).total).toBe(49);
  });

  it('imports and exports contacts through the real importer, with a report', async () => {
    const runtime = await startRuntime({ dataDir: tempDir(), host: 'web', vault: 'memory', firstRun: false, createSync: ({ db }) => new FakeSyncService(db) });
    runtimes.push(runtime);
    const router = createRouter(runtime.services, { allowedOrigins: ['file://'] });
    const csv = 'First Name,Last Name,E-mail\nAda,Lovelace,ada@example.com\nBad,Row,not-an-email\n,,nobody\n';
    const data = Buffer.from(`\ufeff${csv}`, 'utf8').toString('base64');
    const preview = await router.call('previewImport', { fileName: 'people.csv', content: { encoding: 'base64', data } }, APP);
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value).toMatchObject({ fileName: 'people.csv', layout: 'Spreadsheet', headerLine: 1, written: false, wouldWrite: true, added: 2 });
    expect(preview.value.columns.map((c) => c.field)).toEqual(['firstName', 'lastName', 'email']);
    expect(runtime.services.contacts.list({ limit: 10, offset: 0 }).total).toBe(0);
    const aborted = await router.call('importContacts', { fileName: 'people.csv', content: { encoding: 'base64', data }, strict: true }, APP);
    if (!aborted.ok) throw new Error(aborted.error.message);
    expect(aborted.value).toMatchObject({ fileName: 'people.csv', format: 'csv', written: false, added: 0, strict: true });
    expect(aborted.value.rejected[0]?.line).toBe(4);
    const imported = await router.call('importContacts', { fileName: 'people.csv', content: { encoding: 'text', data: csv } }, APP);
    expect(imported).toMatchObject({ ok: true, value: { written: true, added: 2, warnings: [{ line: 3, message: expect.stringContaining('not-an-email') }] } });
    const exported = await router.call('exportContacts', undefined, APP);
    expect(exported.ok && exported.value.csv).toContain('ada@example.com');
    const headerless = await router.call('importContacts', { fileName: 'x.csv', content: { encoding: 'text', data: 'foo,bar\n1,2\n' } }, APP);
    expect(headerless.ok ? headerless.value.written : headerless.error.code).not.toBe('internal');
  });

  it('stops the engine on close, once', async () => {
    let sync: FakeSyncService | undefined;
    const runtime = await startRuntime({ dataDir: tempDir(), host: 'desktop', vault: 'memory', createSync: ({ db }) => (sync = new FakeSyncService(db)) });
    await Promise.all([runtime.close(), runtime.close()]);
    expect(sync?.calls.filter((c) => c === 'stop')).toEqual(['stop']);
  });

  it('with the real engine plugged in: Sandbox HubSpot connects and Sync now pushes the demo contacts', async () => {
    const runtime = await startRuntime({
      dataDir: tempDir(),
      host: 'web',
      vault: 'memory',
      // The same line runtime-engine.ts will hold once the lead plugs the engine in.
      createSync: ({ db, vault, clock, sandboxToken }) => createSyncEngine({ db, connectors: new ConnectorRegistry({ vault, ...(sandboxToken ? { sandboxToken } : {}) }), clock }),
    });
    runtimes.push(runtime);
    const router = createRouter(runtime.services, { allowedOrigins: ['file://'] });
    const seen: FerryEventMessage['event'][] = [];
    runtime.services.events.subscribe((m) => seen.push(m.event));

    const offers = await router.call('listSandboxes', undefined, APP);
    expect(offers.ok && offers.value.map((o) => o.kind)).toContain('hubspot');
    const connected = await router.call('connect', { kind: 'hubspot', sandbox: true }, APP);
    if (!connected.ok) throw new Error(connected.error.message);
    expect(connected.value).toMatchObject({ kind: 'hubspot', sandbox: true, label: 'HubSpot Sandbox' });

    const run = await router.call('syncNow', { connectionId: connected.value.id }, APP);
    if (!run.ok) throw new Error(run.error.message);
    expect(run.value).toMatchObject({ state: 'succeeded', created: 50 });
    const list = await router.call('listConnections', undefined, APP);
    expect(list.ok && list.value[0]).toMatchObject({ syncedToday: 50, syncedTotal: 50, health: 'healthy', progress: null });
    expect(seen).toContain('runFinished');
    const events = await router.call('listEvents', { connectionId: connected.value.id, outcomes: ['created'], limit: 1 }, APP);
    expect(events.ok && events.value.total).toBe(50);
  });
});
