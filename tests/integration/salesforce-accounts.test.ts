import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../main/sandbox/salesforce/index';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { createCard } from '../../main/store/cards';
import { createContact, updateContact } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import { seedSampleContacts } from '../support/sample-contacts';
import { tempDir } from '../support/temp-dir';

const TOKEN = '00Daccounts!token.0001';
const ctx = { region: 'US' };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

async function setup(object: 'Contact' | 'Lead' = 'Contact'): Promise<{ sandbox: SalesforceSandbox; db: Db; engine: SyncEngine; cardId: number; connectionId: number }> {
  const sandbox = await startSalesforceSandbox({ port: 0, token: TOKEN });
  const db = openDatabase(tempDir());
  const engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault: new InMemoryVault() }), random: () => 0.5 });
  cleanups.push(async () => { await engine.stop(); db.close(); await sandbox.close(); });
  const cardId = createCard(db, 'Accounts').id;
  const connection = await engine.connect({ cardId, kind: 'salesforce', config: { baseUrl: sandbox.url, object }, secrets: { access_token: TOKEN } });
  return { sandbox, db, engine, cardId, connectionId: connection.id };
}

describe('Salesforce Accounts: a Contact is linked to its company', () => {
  it('the demo data makes one Account per company; every Contact carries its AccountId; a re-sync asks nothing about Accounts', async () => {
    const s = await setup();
    seedSampleContacts(s.db, s.cardId, 300);
    const first = await s.engine.syncNow(s.connectionId);
    expect(first).toMatchObject({ state: 'succeeded', created: 300, quarantined: 0 });
    const accounts = s.sandbox.admin.records('Account');
    expect(accounts).toHaveLength(15);
    const byId = new Map(accounts.map((a) => [a.id, a.fields]));
    for (const c of s.sandbox.admin.records('Contact')) {
      const account = byId.get(c.fields.AccountId ?? '');
      expect(account?.Website, c.fields.Email).toBe(`https://${c.fields.Email?.split('@')[1]}`);
    }
    // a query (15 names) and one create of 15 Accounts; then two collections of Contacts
    expect(first.apiCalls).toBeLessThanOrEqual(4);

    const someone = createContact(s.db, s.cardId, { firstName: 'New', lastName: 'Hire', emails: [{ value: 'new.hire@globex.example.com' }], company: 'Globex', website: 'https://globex.example.com' }, ctx);
    updateContact(s.db, someone.id, { title: 'Buyer' }, ctx);
    const again = await s.engine.syncNow(s.connectionId);
    // the Account is remembered: the Contact's collection call alone
    expect(again).toMatchObject({ created: 1, apiCalls: 1 });
    expect(s.sandbox.admin.records('Account')).toHaveLength(15);
  });

  it('an Account the org already has (same name, same or no website) is used, not created again', async () => {
    const s = await setup();
    const existing = s.sandbox.admin.seedRecord('Account', { Name: 'Initech', Website: 'https://www.initech.example' });
    createContact(s.db, s.cardId, { firstName: 'Peter', lastName: 'Gibbons', emails: [{ value: 'peter@initech.example' }], company: 'Initech', website: 'initech.example' }, ctx);
    await s.engine.syncNow(s.connectionId);
    expect(s.sandbox.admin.records('Account')).toHaveLength(1);
    expect(s.sandbox.admin.records('Contact')[0]?.fields.AccountId).toBe(existing);
  });

  it('two Accounts that both fit are a conflict for the rep, never guessed', async () => {
    const s = await setup();
    s.sandbox.admin.seedRecord('Account', { Name: 'Globex' });
    s.sandbox.admin.seedRecord('Account', { Name: 'Globex' });
    createContact(s.db, s.cardId, { firstName: 'Hank', lastName: 'Scorpio', emails: [{ value: 'hank@globex.example' }], company: 'Globex' }, ctx);
    const run = await s.engine.syncNow(s.connectionId);
    expect(run).toMatchObject({ quarantined: 1, created: 0 });
    expect(s.sandbox.admin.records('Contact')).toHaveLength(0);
  });

  it('a duplicate rule that blocks the new Account and names one existing Account links that one', async () => {
    const s = await setup();
    // "Acme, Inc." and "ACME" are one company to the standard Account matching rule, not to a query by name
    const acme = s.sandbox.admin.seedRecord('Account', { Name: 'Acme, Inc.', Website: 'https://acme.example' });
    s.sandbox.admin.addDuplicateRule({ object: 'Account', action: 'block' });
    createContact(s.db, s.cardId, { firstName: 'Wile', lastName: 'Coyote', emails: [{ value: 'wile@acme.example' }], company: 'ACME', website: 'acme.example' }, ctx);
    await s.engine.syncNow(s.connectionId);
    expect(s.sandbox.admin.records('Account')).toHaveLength(1);
    expect(s.sandbox.admin.records('Contact')[0]?.fields.AccountId).toBe(acme);
  });

  it('a Lead keeps its company as text: no Account is created', async () => {
    const s = await setup('Lead');
    createContact(s.db, s.cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@engines.example' }], company: 'Engines' }, ctx);
    await s.engine.syncNow(s.connectionId);
    expect(s.sandbox.admin.records('Account')).toHaveLength(0);
    expect(s.sandbox.admin.records('Lead')[0]?.fields.Company).toBe('Engines');
  });
});
