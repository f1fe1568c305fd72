import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry, createSandboxToken } from '../../main/crm/registry';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startZapierSandbox } from '../../main/sandbox/zapier/index';
import { createCard } from '../../main/store/cards';
import { createContact } from '../../main/store/contacts';
import { requireConnection } from '../../main/store/connections';
import { openDatabase } from '../../main/store/db';
import { countOutbox } from '../../main/store/outbox';
import { createSyncEngine } from '../../main/sync/engine';
import { cannotReadSentence } from '../../preload/status/pull-sentences';
import { runFerry } from '../support/run-ferry';
import { tempDir } from '../support/temp-dir';

/**
 * Only a destination Ferry can read (its descriptor's `reads`) can pull. Before,
 * `ferry direction zapier pull` was accepted: it dropped every change waiting for
 * the Zap, and each pull then failed.
 */
const SANDBOX_TOKEN = createSandboxToken();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

describe('a destination Ferry cannot read stays on push', () => {
  it('the engine refuses pull and two-way for Zapier with a sentence, and what waited for the Zap is still waiting', async () => {
    const db = openDatabase(tempDir());
    cleanups.push(() => { db.close(); });
    const zapier = await startZapierSandbox({ port: 0 });
    cleanups.push(() => zapier.close());
    const engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault: new InMemoryVault(), sandboxToken: SANDBOX_TOKEN }), random: () => 0.5, pollMs: 20 });
    cleanups.push(() => engine.stop());
    const cardId = createCard(db, 'Team').id;
    const zap = await engine.connect({ cardId, kind: 'zapier', config: { baseUrl: zapier.hookUrl, sandbox: true } });
    createContact(db, cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }] }, { region: 'US' });
    expect(countOutbox(db, zap.id).pending).toBe(1);

    for (const direction of ['pull', 'two-way'] as const) {
      expect(() => engine.setDirection(zap.id, direction)).toThrow(cannotReadSentence('Zapier'));
    }
    expect(requireConnection(db, zap.id).direction).toBe('push');
    expect(countOutbox(db, zap.id).pending).toBe(1);
    expect(await engine.syncNow(zap.id)).toMatchObject({ state: 'succeeded', created: 1 });
    expect(zapier.admin.deliveries()).toHaveLength(1);
  });

  it('`ferry connect webhook --direction pull` is refused before anything is connected, in the same words', async () => {
    const dataDir = tempDir();
    const run = await runFerry(['--data-dir', dataDir, 'connect', 'webhook', '--direction', 'pull']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(cannotReadSentence('Webhook'));
    const status = await runFerry(['--data-dir', dataDir, 'status', '--json']);
    expect(status.code).toBe(0);
    expect(status.stdout).not.toMatch(/"kind":\s*"webhook"/);
  });
});
