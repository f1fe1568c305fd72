/**
 * One composition root: `ferry status` is the app's Integrations screen in
 * text, from the same services over the same data folder, so both answer the
 * same about every connection.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startRuntime, type Runtime } from '../../main/runtime/index';
import { startHubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { createContactInputSchema } from '../../preload/schemas/contacts-api';
import type { ConnectionView } from '../../preload/schemas/connection';
import { runFerry } from '../support/run-ferry';
import { tempDir } from '../support/temp-dir';

const TOKEN = 'pat-na1-cli-parity-0001';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

describe('the CLI and the app over one data folder', () => {
  it('answer status identically: the same views, counts and sentences', async () => {
    const hubspot = await startHubSpotSandbox({ port: 0, token: TOKEN });
    cleanups.push(() => hubspot.close());
    const dataDir = tempDir();
    const env = { FERRY_HUBSPOT_TOKEN: TOKEN };
    const connect = await runFerry(['--data-dir', dataDir, 'connect', 'hubspot', '--base-url', hubspot.url, '--mode', 'scheduled', '--every', '30'], env);
    expect(connect.code, connect.stderr).toBe(0);
    const add = await runFerry(['--data-dir', dataDir, 'contacts', 'add', '--first', 'Ada', '--email', 'ada@example.com'], env);
    expect(add.code, add.stderr).toBe(0);

    const rt: Runtime = await startRuntime({ dataDir, host: 'web', vault: 'memory', firstRun: false, scheduler: false, env });
    cleanups.push(() => rt.close());
    rt.services.contacts.create(createContactInputSchema.parse({ contact: { firstName: 'Grace', emails: [{ value: 'grace@example.com' }] } }));

    const status = await runFerry(['--data-dir', dataDir, '--json', 'status'], env);
    expect(status.code, status.stderr).toBe(0);
    const fromCli = JSON.parse(status.stdout) as (ConnectionView & { signIn: unknown })[];
    const fromApp = await rt.services.connections.list(undefined);
    // nextSyncAt is "now" for a connection that never ran: each process has its own now
    const comparable = (v: ConnectionView) => ({ ...v, nextSyncAt: v.nextSyncAt === null ? null : 'set' });
    expect(fromCli.map(({ signIn: _signIn, ...view }) => comparable(view))).toEqual(fromApp.map(comparable));
    expect(fromApp[0]).toMatchObject({ kind: 'hubspot', mode: 'scheduled', intervalMinutes: 30, pending: 2 });
  }, 60_000);
});
