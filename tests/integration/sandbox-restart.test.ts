/**
 * Sandbox connections survive restarts: the data folder keeps each sandbox's
 * records, the next Ferry serves it again (on the same address when it can), and
 * another Ferry process (the CLI next to the app) uses the one already served.
 */
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startRuntime, type Runtime } from '../../main/runtime/index';
import { readHost } from '../../main/sandbox/host/sandbox-files';
import { requireConnection } from '../../main/store/connections';
import { createContactInputSchema } from '../../preload/schemas/contacts-api';
import { runFerry } from '../support/run-ferry';
import { tempDir } from '../support/temp-dir';

const open: Runtime[] = [];
afterEach(async () => { for (const rt of open.splice(0)) await rt.close(); });

async function app(dataDir: string): Promise<Runtime> {
  const rt = await startRuntime({ dataDir, host: 'web', vault: 'memory', firstRun: false, scheduler: false });
  open.push(rt);
  return rt;
}

/** The sandbox's records through its admin API, on a fresh socket (the test reuses ports across restarts). */
function hubspotRecords(baseUrl: string): Promise<{ id: string; properties: Record<string, string> }[]> {
  return new Promise((resolve, reject) => {
    http.get(`${new URL(baseUrl).origin}/__sandbox/contacts`, { agent: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => { body += d.toString(); });
      res.on('end', () => resolve((JSON.parse(body) as { results: { id: string; properties: Record<string, string> }[] }).results));
    }).on('error', reject);
  });
}

describe('sandbox connections across restarts', () => {
  it('come back with their records on the same address: an edit after a restart updates the record, it does not create one', async () => {
    const dataDir = tempDir();
    const first = await app(dataDir);
    const view = await first.services.connections.connect({ kind: 'hubspot', sandbox: true });
    const ada = first.services.contacts.create(createContactInputSchema.parse({ contact: { firstName: 'Ada', emails: [{ value: 'ada@example.com' }] } }));
    expect(await first.services.connections.syncNow({ connectionId: view.id })).toMatchObject({ created: 1 });
    const before = await hubspotRecords(view.config.baseUrl!);
    await first.close();
    open.splice(0);

    const second = await app(dataDir);
    const again = (await second.services.connections.list(undefined))[0]!;
    expect(again).toMatchObject({ id: view.id, status: 'connected', config: { baseUrl: view.config.baseUrl } });
    expect(await hubspotRecords(again.config.baseUrl!)).toEqual(before);
    second.services.contacts.update({ id: ada.id, patch: { title: 'Countess' } });
    expect(await second.services.connections.syncNow({ connectionId: view.id })).toMatchObject({ state: 'succeeded', created: 0, updated: 1 });
    const after = await hubspotRecords(again.config.baseUrl!);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: before[0]!.id, properties: { jobtitle: 'Countess' } });
  });

  it('follow their sandbox to a new address when the old port is taken, instead of calling a dead one', async () => {
    const dataDir = tempDir();
    const first = await app(dataDir);
    const view = await first.services.connections.connect({ kind: 'salesforce', sandbox: true });
    const oldPort = Number(new URL(view.config.baseUrl!).port);
    await first.close();
    open.splice(0);

    // something else took the port meanwhile
    const squatter = http.createServer((_req, res) => res.end('not a CRM'));
    await new Promise<void>((resolve) => squatter.listen(oldPort, '127.0.0.1', resolve));
    try {
      const second = await app(dataDir);
      const moved = requireConnection(second.db, view.id);
      expect(new URL(moved.config.baseUrl!).port).not.toBe(String(oldPort));
      second.services.contacts.create(createContactInputSchema.parse({ contact: { firstName: 'Grace', lastName: 'Hopper', emails: [{ value: 'grace@example.com' }] } }));
      expect(await second.services.connections.syncNow({ connectionId: view.id })).toMatchObject({ state: 'succeeded', created: 1 });
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
  });

  it('another Ferry process syncs through the sandbox the app already serves (one sandbox, one token, no copy)', async () => {
    const dataDir = tempDir();
    const rt = await app(dataDir);
    const view = await rt.services.connections.connect({ kind: 'hubspot', sandbox: true });
    rt.services.contacts.create(createContactInputSchema.parse({ contact: { firstName: 'Linus', emails: [{ value: 'linus@example.com' }] } }));
    expect(readHost(dataDir, 'hubspot')).toMatchObject({ pid: process.pid, baseUrl: view.config.baseUrl });

    const cli = await runFerry(['--data-dir', dataDir, 'sync']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/1 created/);
    expect(await hubspotRecords(view.config.baseUrl!)).toHaveLength(1);
    // the CLI did not take the sandbox over
    expect(readHost(dataDir, 'hubspot')?.pid).toBe(process.pid);
  });
});
