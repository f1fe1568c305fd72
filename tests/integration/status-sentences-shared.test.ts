import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxToken } from '../../main/crm/registry';
import { startRuntime, type Runtime } from '../../main/runtime';
import { startHubSpotSandbox } from '../../main/sandbox/hubspot/index';
import type { SandboxProvider } from '../../main/services/ports';
import { trayModelFromViews } from '../../main/shell/tray-actions';
import { statusLine } from '../../preload/status/connection-sentences';
import { createContactInputSchema } from '../../preload/schemas/contacts-api';
import { runFerry } from '../support/run-ferry';
import { tempDir } from '../support/temp-dir';

const SANDBOX_TOKEN = createSandboxToken();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => { for (const close of closers.splice(0).reverse()) await close(); });

/** The card, `ferry status` and the tray say the same sentence about the same connection, because they read one module. */
describe('status sentences have one home', () => {
  it('the app and ferry status word each state alike, and the tray names the same problem', async () => {
    const hubspot = await startHubSpotSandbox({ port: 0, token: SANDBOX_TOKEN });
    closers.push(() => hubspot.close());
    const sandboxes: SandboxProvider = { kinds: () => ['hubspot'], start: async () => ({ baseUrl: hubspot.url, secrets: {} }), close: async () => undefined };
    const dataDir = tempDir();
    const rt: Runtime = await startRuntime({ dataDir, host: 'web', vault: 'memory', sandboxes, firstRun: false, scheduler: false, sandboxToken: SANDBOX_TOKEN });
    closers.push(() => rt.close());
    const { contacts, connections } = rt.services;
    const hub = await connections.connect({ kind: 'hubspot', sandbox: true, mode: 'manual' });
    const add = (firstName: string, email: string) => contacts.create(createContactInputSchema.parse({ contact: { firstName, emails: [{ value: email }] } }));

    const both = async (): Promise<{ app: string; cli: string }> => {
      const status = await runFerry(['--data-dir', dataDir, 'status']);
      expect(status.code, status.stderr).toBe(0);
      const [view] = await connections.list(undefined);
      // "HubSpot Sandbox (#1): <the card's sentence> — manual, …"
      const cli = /^HubSpot Sandbox \(#\d+\): (.*) — (?:manual|automatic|scheduled)/m.exec(status.stdout)?.[1] ?? status.stdout;
      return { app: statusLine(view!), cli };
    };

    expect(await both()).toEqual({ app: 'Connected — nothing sent yet', cli: 'Connected — nothing sent yet' });
    add('Ada', 'ada@example.com');
    add('Bad', 'bad@blocked.example');
    expect(await both()).toEqual({ app: '2 changes wait for Sync now', cli: '2 changes wait for Sync now' });
    hubspot.admin.rejectEmails(/blocked\.example/);
    await connections.syncNow({ connectionId: hub.id });
    expect(await both()).toEqual({ app: '1 record rejected; everything else is up to date', cli: '1 record rejected; everything else is up to date' });
    expect(trayModelFromViews(await connections.list(undefined)).tooltip).toBe('Ferry — HubSpot Sandbox rejected 1 record');
  });
});
