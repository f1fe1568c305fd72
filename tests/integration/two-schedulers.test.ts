import { describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { openDatabase } from '../../main/store/db';
import { seedSampleContacts } from '../support/sample-contacts';
import { createSyncEngine } from '../../main/sync/engine';
import { hubspotHarness, TOKEN } from '../support/hubspot-harness';

describe('two Ferry processes on one data folder', () => {
  it('never push the same connection at once: the lease lets one run, the other says so', async () => {
    const h = await hubspotHarness();
    seedSampleContacts(h.db, h.cardId, 300);
    h.sandbox.admin.injectFault({ kind: 'latency', ms: 40, count: 100 });
    // the second "process": its own connection to the file, its own engine and vault
    const otherDb = openDatabase(h.dataDir);
    const other = createSyncEngine({ db: otherDb, connectors: new ConnectorRegistry({ vault: new InMemoryVault({ [`connection:${h.connection.id}:private_app_token`]: TOKEN }) }) });
    try {
      const [mine, theirs] = await Promise.allSettled([h.engine.syncNow(h.connection.id), other.syncNow(h.connection.id)]);
      const outcomes = [mine, theirs];
      const refused = outcomes.filter((o) => o.status === 'rejected');
      expect(refused).toHaveLength(1);
      expect(String((refused[0] as PromiseRejectedResult).reason)).toMatch(/Another Ferry window or agent is syncing/);
      expect(h.sandbox.admin.contacts()).toHaveLength(300);
      // each contact was sent once: 3 upserts of 100, not 6
      expect(h.sandbox.admin.requests().byRoute['POST /crm/v3/objects/contacts/batch/upsert']).toBe(3);
      // once the lease is free, the other process syncs normally (nothing left to send)
      expect(await other.syncNow(h.connection.id)).toMatchObject({ state: 'nothing_to_send', runId: null, apiCalls: 0 });
    } finally {
      await other.stop();
      otherDb.close();
    }
  });
});
