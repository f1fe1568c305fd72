import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../main/sandbox/salesforce/index';
import { createCard } from '../../main/store/cards';
import { createConnection } from '../../main/store/connections';
import { openDatabase } from '../../main/store/db';
import { startKillSwitchProxy, type KillPhase, type KillSwitchProxy } from '../support/kill-switch-proxy';
import { spawnFerry } from '../support/run-ferry';
import { seedSampleContacts } from '../support/sample-contacts';
import { tempDir } from '../support/temp-dir';

const TOKEN = '00Daccountscrash!token.0001';
const CONTACTS = 150;

/**
 * `ferry sync` to Salesforce Contacts is killed at every request of a first push
 * that creates the demo data's 15 Accounts (the Account query, the Account
 * create, the Contacts' collection), in the phase where Salesforce did the work
 * but Ferry never heard (`answered`) and where Ferry heard but may not have saved
 * (`delivered`); then a clean sync. One Account per name and website must come
 * out, every Contact linked to its own, no Contact twice. The Account query is
 * answered from the record store (SOQL, no search index), so an Account a killed
 * push created is found by the next one. Kills are keyed to the proxy's request
 * count, never to time.
 */
describe('Salesforce Accounts survive a crash mid-batch', () => {
  let sandbox: SalesforceSandbox;
  let proxy: KillSwitchProxy;

  beforeAll(async () => {
    sandbox = await startSalesforceSandbox({ port: 0, token: TOKEN, dailyLimit: 10_000_000 });
    proxy = await startKillSwitchProxy(sandbox.url);
  });
  afterAll(async () => {
    await proxy.close();
    await sandbox.close();
  });

  /** A fresh org and data folder; the first `ferry sync` is killed at request `at` (none when null). */
  async function trial(at: number | null, phase: KillPhase): Promise<{ requests: number; killed: boolean }> {
    sandbox.admin.reset();
    const dataDir = tempDir();
    const db = openDatabase(dataDir);
    const cardId = createCard(db, 'Crash').id;
    createConnection(db, { cardId, kind: 'salesforce', label: 'Salesforce', config: { baseUrl: proxy.url, tokenEnv: 'FERRY_SALESFORCE_TOKEN', object: 'Contact' } });
    seedSampleContacts(db, cardId, CONTACTS);
    db.close();
    const env = { FERRY_SALESFORCE_TOKEN: TOKEN };
    const before = proxy.requests;
    const run = spawnFerry(['--data-dir', dataDir, 'sync'], env);
    let killed = false;
    if (at !== null) proxy.arm(at, phase, () => { killed = true; run.child.kill('SIGKILL'); });
    const first = await run.done;
    proxy.disarm();
    const requests = proxy.requests - before;
    if (!killed && first.code !== 0) throw new Error(`ferry sync failed: ${first.stderr}`);
    const final = await spawnFerry(['--data-dir', dataDir, 'sync'], env).done;
    if (final.code !== 0) throw new Error(`the clean sync failed: ${final.stderr}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    return { requests, killed };
  }

  function expectOneAccountPerCompany(why: string): void {
    const accounts = sandbox.admin.records('Account');
    expect(accounts.length, why).toBe(15);
    expect(new Set(accounts.map((a) => `${a.fields.Name}|${a.fields.Website}`)).size, why).toBe(15);
    const byId = new Map(accounts.map((a) => [a.id, a.fields]));
    const contacts = sandbox.admin.records('Contact');
    expect(contacts.length, why).toBe(CONTACTS);
    expect(new Set(contacts.map((c) => c.fields.Email)).size, why).toBe(CONTACTS);
    for (const contact of contacts) {
      const account = byId.get(contact.fields.AccountId ?? '');
      expect(account?.Website, `${why}: ${contact.fields.Email}`).toBe(`https://${contact.fields.Email?.split('@')[1]}`);
    }
  }

  it('one Account per name and website and every Contact linked, whichever request of the first push the kill lands on', { timeout: 10 * 60_000 }, async () => {
    const clean = await trial(null, 'answered');
    expectOneAccountPerCompany('clean run');
    const routes = sandbox.admin.recentRequests().map((r) => `${r.method} ${r.path}`).slice(0, clean.requests);
    // the Account query, the Account create (a collection) and the Contacts' write are among them
    expect(routes.some((r) => /^GET .*\/query/.test(r)), routes.join('\n')).toBe(true);
    expect(routes.some((r) => /^POST .*\/composite\/sobjects$/.test(r)), routes.join('\n')).toBe(true);
    expect(routes.length).toBeGreaterThanOrEqual(3);
    let kills = 0;
    for (let at = 1; at <= clean.requests; at++) {
      for (const phase of ['answered', 'delivered'] as const) {
        const r = await trial(at, phase);
        if (r.killed) kills++;
        expectOneAccountPerCompany(`killed at request ${at} (${routes[at - 1] ?? '?'}, ${phase})`);
      }
    }
    // the kills really landed
    expect(kills).toBe(2 * clean.requests);
  });
});
