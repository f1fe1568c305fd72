/**
 * HubSpot's documented waits besides 429 (developers.hubspot.com/docs/api-reference/error-handling):
 * 423 Locked during bursts of upserts ("locks last 2 seconds") and 477 Migration in
 * Progress with a Retry-After. Both are waits, never a refused request that stops a push.
 */
import { describe, expect, it } from 'vitest';
import { requireConnection } from '../../main/store/connections';
import { seedSampleContacts } from '../support/sample-contacts';
import { hubspotHarness } from '../support/hubspot-harness';
import { createHubSpotConnector } from '../../main/crm/hubspot/connector';
import { startHubSpotSandbox } from '../../main/sandbox/hubspot';
import { manualClock } from '../../main/sandbox/shared/clock';
import { syncError } from '../support/sync-error';
import { connection, contact, item, TOKEN } from './hubspot-connector-fixture';

const UPSERT = '/crm/v3/objects/contacts/batch/upsert';

describe('HubSpot 423 Locked and 477 Migration in progress', () => {
  it('a 423 in the middle of a 900-contact push is a short wait: all 900 arrive', async () => {
    const h = await hubspotHarness();
    seedSampleContacts(h.db, h.cardId, 900, 'US');
    // two locks in a row: the same batch meets the lock twice
    h.sandbox.admin.injectFault({ kind: 'status', status: 423, count: 2, pathPrefix: UPSERT });
    const started = h.clock.now();
    const result = await h.engine.syncNow(h.connection.id);
    expect(result).toMatchObject({ state: 'succeeded', created: 900, quarantined: 0 });
    expect(h.sandbox.admin.contacts()).toHaveLength(900);
    // "include a delay of at least 2 seconds" after each 423
    expect(h.clock.now() - started).toBeGreaterThanOrEqual(4_000);
  });

  it('a 477 waits as long as Retry-After says, then continues', async () => {
    const h = await hubspotHarness();
    seedSampleContacts(h.db, h.cardId, 150, 'US');
    h.sandbox.admin.setMigrationRetryAfter(20);
    h.sandbox.admin.injectFault({ kind: 'status', status: 477, count: 1, pathPrefix: UPSERT });
    const started = h.clock.now();
    const result = await h.engine.syncNow(h.connection.id);
    expect(result).toMatchObject({ state: 'succeeded', created: 150 });
    expect(h.clock.now() - started).toBeGreaterThanOrEqual(20_000);
  });

  it('a long migration stops the run with a sentence that says so, keeping everything for later', async () => {
    const h = await hubspotHarness();
    seedSampleContacts(h.db, h.cardId, 50, 'US');
    h.sandbox.admin.setMigrationRetryAfter(3 * 3600);
    h.sandbox.admin.injectFault({ kind: 'status', status: 477, count: 1, pathPrefix: UPSERT });
    const result = await h.engine.syncNow(h.connection.id);
    expect(result.created).toBe(0);
    const connection = requireConnection(h.db, h.connection.id);
    expect(connection.lastError).toMatch(/moving this HubSpot account/i);
    // not a pause that needs a person: the scheduler tries again after the wait
    expect(connection.status).not.toBe('paused');
  });
});

describe('HubSpot daily limit', () => {
  it('waits until midnight in the portal\'s time zone (account-info timeZone), when HubSpot resets it', async () => {
    // 04:30 UTC on 2 December is 23:30 on 1 December in US/Eastern, the sandbox portal's zone
    const clock = manualClock(Date.parse('2026-12-02T04:30:00Z'));
    const sandbox = await startHubSpotSandbox({ port: 0, token: TOKEN, clock: clock.now });
    try {
      const hs = createHubSpotConnector({ accessToken: async () => TOKEN, basePath: sandbox.url, now: clock.now });
      const ctx = { connection, beforeRequest: async () => undefined, afterResponse: () => undefined, signal: new AbortController().signal };
      await hs.prepare(ctx);
      sandbox.admin.setDailyLimit(sandbox.admin.requests().total);
      const error = await syncError(hs.push([item(hs, contact())], ctx));
      expect(error).toMatchObject({ kind: 'daily_limit', details: { retryAfterMs: 30 * 60_000 } });
      clock.advance(30 * 60_000);
      const [result] = await hs.push([item(hs, contact())], ctx);
      expect(result?.outcome).toBe('created');
    } finally {
      await sandbox.close();
    }
  });
});
