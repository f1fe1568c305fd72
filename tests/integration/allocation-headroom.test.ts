/**
 * Salesforce's daily API allocation is org-wide (Sforce-Limit-Info on every
 * answer) and feeds the org's other integrations too. Automatic and scheduled
 * pushes stop at the headroom (90 % by default); a person's Sync now still goes,
 * with a warning that gives the numbers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startSalesforceSandbox } from '../../main/sandbox/salesforce/index';
import { createCard } from '../../main/store/cards';
import { requireConnection } from '../../main/store/connections';
import { createContact } from '../../main/store/contacts';
import { openDatabase } from '../../main/store/db';
import { countOutbox } from '../../main/store/outbox';
import { updateSettings } from '../../main/store/settings';
import { ALLOCATION_RECHECK_MS } from '../../main/sync/allocation';
import { createSyncEngine } from '../../main/sync/engine';
import { FakeClock } from '../support/fake-clock';
import { runFerry } from '../support/run-ferry';
import { tempDir } from '../support/temp-dir';

const TOKEN = '00Dheadroom!token.0001';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

async function setup(dailyLimit: number) {
  const sandbox = await startSalesforceSandbox({ port: 0, token: TOKEN, dailyLimit });
  const db = openDatabase(tempDir());
  const clock = new FakeClock();
  const engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault: new InMemoryVault() }), clock, random: () => 0.5 });
  cleanups.push(async () => { await engine.stop(); db.close(); await sandbox.close(); });
  const cardId = createCard(db, 'Org').id;
  const connection = await engine.connect({ cardId, kind: 'salesforce', mode: 'automatic', config: { baseUrl: sandbox.url, object: 'Contact' }, secrets: { access_token: TOKEN } });
  db.transaction(() => {
    for (let i = 0; i < 2_000; i++) createContact(db, cardId, { firstName: 'Rep', lastName: `Contact ${i}`, emails: [{ value: `c${i}@org.example` }] }, { region: 'US' });
  })();
  return { sandbox, db, clock, engine, connection };
}

const apiCalls = (sandbox: Awaited<ReturnType<typeof startSalesforceSandbox>>): number => sandbox.admin.requests().total;

describe('the daily allocation\'s headroom', () => {
  it('stops automatic pushes when the org has used 90 %, says so with the numbers, and makes no call while it holds', async () => {
    const { sandbox, db, clock, engine, connection } = await setup(1_000);
    // the org's other integrations have used 895 of 1,000 today
    sandbox.admin.setApiUsage(895);
    const run = await engine.syncNow(connection.id, 'automatic');
    // Each call carries 200 contacts; the one whose answer said 90 % or more is the last.
    expect(run.state).toBe('interrupted');
    expect(run.created).toBeGreaterThan(0);
    expect(run.created).toBeLessThan(2_000);
    const used = sandbox.admin.snapshot().apiUsage;
    expect(used).toBeGreaterThanOrEqual(900);
    expect(used).toBeLessThanOrEqual(902);
    const sentence = `Your Salesforce org has used ${used} of its 1,000 daily API requests (${Math.floor(used / 10)} %). Ferry holds automatic and scheduled syncs at 90 % so the rest stays for the team's other tools; Sync now still sends.`;
    expect(run.error).toBe(sentence);
    expect(requireConnection(db, connection.id)).toMatchObject({ status: 'connected', lastError: sentence });
    expect(requireConnection(db, connection.id).config.allocation).toMatchObject({ used, limit: 1_000 });

    // held: another automatic attempt makes no call at all
    const before = apiCalls(sandbox);
    expect(await engine.syncNow(connection.id, 'automatic')).toMatchObject({ state: 'nothing_to_send', apiCalls: 0, error: sentence });
    expect(apiCalls(sandbox)).toBe(before);
    expect(countOutbox(db, connection.id).pending).toBe(2_000 - run.created);

    // after the recheck time one batch goes to ask, and its answer holds it again
    clock.advance(ALLOCATION_RECHECK_MS);
    const again = await engine.syncNow(connection.id, 'automatic');
    expect(again.state).toBe('interrupted');
    expect(apiCalls(sandbox)).toBe(before + 1);
  });

  it('a person\'s Sync now still sends everything, with a warning that gives the numbers', async () => {
    const { sandbox, engine, connection, db } = await setup(1_000);
    sandbox.admin.setApiUsage(895);
    const run = await engine.syncNow(connection.id, 'manual');
    expect(run).toMatchObject({ state: 'succeeded', created: 2_000 });
    const used = sandbox.admin.snapshot().apiUsage;
    expect(run.error).toBe(`Your Salesforce org has used ${used} of its 1,000 daily API requests (${Math.floor(used / 10)} %). That is past the 90 % Ferry keeps for the team's other tools; automatic and scheduled syncs wait until it falls.`);
    expect(countOutbox(db, connection.id).pending).toBe(0);
    expect(sandbox.admin.records('Contact')).toHaveLength(2_000);
  });

  it('the headroom is a setting: at 95 % the same org still takes automatic pushes', async () => {
    const { sandbox, engine, connection, db } = await setup(1_000);
    updateSettings(db, { allocationStopPercent: 95 });
    sandbox.admin.setApiUsage(895);
    expect(await engine.syncNow(connection.id, 'automatic')).toMatchObject({ state: 'succeeded', created: 2_000, error: null });
  });

  it('ferry status gives the same numbers as the card, and says when automatic syncs wait', { timeout: 120_000 }, async () => {
    const sandbox = await startSalesforceSandbox({ port: 0, token: TOKEN, dailyLimit: 10_000 });
    cleanups.push(() => sandbox.close());
    const dir = tempDir();
    const env = { FERRY_SALESFORCE_TOKEN: TOKEN, FERRY_POLICY_FILE: `${dir}/no-policy.json` };
    const ferry = (...args: string[]) => runFerry(['--data-dir', dir, ...args], env);
    expect((await ferry('contacts', 'add', '--first', 'Ada', '--last', 'Lovelace', '--email', 'ada@example.com')).code).toBe(0);
    const connect = await ferry('connect', 'salesforce', '--instance-url', sandbox.url);
    expect(connect.code, connect.stderr).toBe(0);
    sandbox.admin.setApiUsage(9_500);
    const sync = await ferry('sync');
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stderr).toMatch(/That is past the 90 % Ferry keeps for the team's other tools/);
    const used = sandbox.admin.snapshot().apiUsage;
    const status = await ferry('status');
    expect(status.stdout).toContain(`Your Salesforce org has used ${used.toLocaleString('en-US')} of its 10,000 daily API requests (95 %). Automatic and scheduled syncs wait (they stop at 90 %); Sync now still sends.`);
  });
});
