import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxToken } from '../../main/crm/registry';
import { startRuntime, type Runtime } from '../../main/runtime/index';
import { startHubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { startSalesforceSandbox } from '../../main/sandbox/salesforce/index';
import { startZapierSandbox } from '../../main/sandbox/zapier/index';
import type { SandboxProvider } from '../../main/services/ports';
import type { ConnectionKind } from '../../main/store/connections';
import { createContactInputSchema } from '../../preload/schemas/contacts-api';
import { runFerry } from '../support/run-ferry';
import { tempDir } from '../support/temp-dir';

/** This process's sandbox token, handed to the sandboxes and to the runtime or registry (as the runtime does for its own). */
const SANDBOX_TOKEN = createSandboxToken();

const closers: (() => Promise<void>)[] = [];
afterEach(async () => { for (const close of closers.splice(0).reverse()) await close(); });

type Counts = Record<string, number>;

/**
 * One question, "how many contacts still have to reach this connection?",
 * asked of the app (the Integrations card), of `ferry status --json` and of
 * `ferry sync --dry-run --json`, in Manual, Scheduled and Automatic mode at
 * once, after creates, a sync, edits, deletes, a quarantine and its release.
 */
describe('one definition of pending work', () => {
  it('the app, ferry status and the dry run give the same count in every mode, whatever happened', async () => {
    const hubspot = await startHubSpotSandbox({ port: 0, token: SANDBOX_TOKEN });
    const salesforce = await startSalesforceSandbox({ port: 0, token: SANDBOX_TOKEN });
    const zapier = await startZapierSandbox({ port: 0 });
    closers.push(() => hubspot.close(), () => salesforce.close(), () => zapier.close());
    const urls: Record<string, string> = { hubspot: hubspot.url, salesforce: salesforce.url, zapier: zapier.hookUrl };
    const sandboxes: SandboxProvider = {
      kinds: () => ['hubspot', 'salesforce', 'zapier'],
      start: async (kind) => ({ baseUrl: urls[kind]!, secrets: {} }),
      close: async () => undefined,
    };
    const dataDir = tempDir();
    // the app, without its scheduler, so nothing moves while the three are asked
    const rt: Runtime = await startRuntime({ dataDir, host: 'web', vault: 'memory', sandboxes, firstRun: false, scheduler: false, sandboxToken: SANDBOX_TOKEN });
    closers.push(() => rt.close());
    const { contacts, connections } = rt.services;
    const hub = await connections.connect({ kind: 'hubspot', sandbox: true, mode: 'manual' });
    await connections.connect({ kind: 'salesforce', sandbox: true, mode: 'scheduled', intervalMinutes: 60 });
    await connections.connect({ kind: 'zapier', sandbox: true, mode: 'automatic' });

    const ask = async (): Promise<{ app: Counts; status: Counts; dryRun: Counts; waitingBadges: Counts }> => {
      const [status, dryRun] = await Promise.all([
        runFerry(['--data-dir', dataDir, '--json', 'status']),
        runFerry(['--data-dir', dataDir, '--json', 'sync', '--dry-run']),
      ]);
      expect(status.code, status.stderr).toBe(0);
      expect(dryRun.code, dryRun.stderr).toBe(0);
      const views = await connections.list(undefined);
      const kindOf = new Map(views.map((v) => [v.id, v.kind]));
      const waitingBadges: Counts = Object.fromEntries(views.map((v) => [v.kind, 0]));
      for (const c of (await contacts.list({ limit: 1000, offset: 0 })).items) {
        for (const s of contacts.get({ id: c.id }).sync) if (s.state === 'waiting') waitingBadges[s.kind]!++;
      }
      return {
        app: Object.fromEntries(views.map((v) => [v.kind, v.pending])),
        status: Object.fromEntries((JSON.parse(status.stdout) as { kind: ConnectionKind; pending: number }[]).map((r) => [r.kind, r.pending])),
        dryRun: Object.fromEntries((JSON.parse(dryRun.stdout) as { connectionId: number; pending: number }[]).map((p) => [kindOf.get(p.connectionId)!, p.pending])),
        waitingBadges,
      };
    };
    const expectEverywhere = async (expected: Counts): Promise<void> => {
      const seen = await ask();
      expect(seen).toEqual({ app: expected, status: expected, dryRun: expected, waitingBadges: expected });
    };

    await expectEverywhere({ hubspot: 0, salesforce: 0, zapier: 0 });

    const add = (firstName: string, email: string) => contacts.create(createContactInputSchema.parse({ contact: { firstName, emails: [{ value: email }] } }));
    const ada = add('Ada', 'ada@example.com');
    add('Bad', 'bad@blocked.example');
    const linus = add('Linus', 'linus@example.com');
    await expectEverywhere({ hubspot: 3, salesforce: 3, zapier: 3 });

    // HubSpot refuses one address: sent, rejected and set aside, so not pending
    hubspot.admin.rejectEmails(/blocked\.example/);
    const run = await connections.syncNow({ connectionId: hub.id });
    expect(run).toMatchObject({ created: 2, quarantined: 1 });
    await expectEverywhere({ hubspot: 0, salesforce: 3, zapier: 3 });

    contacts.update({ id: ada.id, patch: { title: 'Countess' } });
    await expectEverywhere({ hubspot: 1, salesforce: 3, zapier: 3 });

    contacts.delete({ id: linus.id });
    await expectEverywhere({ hubspot: 1, salesforce: 2, zapier: 2 });

    // the rep fixes nothing but asks again: released records are pending once more
    hubspot.admin.rejectEmails(null);
    expect(connections.retryQuarantined({ connectionId: hub.id })).toEqual({ released: 1 });
    await expectEverywhere({ hubspot: 2, salesforce: 2, zapier: 2 });

    // the deleted contact says where its record stayed
    const linusInHubSpot = contacts.get({ id: linus.id }).sync.find((s) => s.kind === 'hubspot');
    expect(linusInHubSpot).toMatchObject({ state: 'deleted' });
  }, 60_000);
});
