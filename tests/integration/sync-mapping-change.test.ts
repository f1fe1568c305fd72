import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry, createSandboxToken } from '../../main/crm/registry';

/** The per-process sandbox token, as the runtime hands it to both the sandboxes and the registry. */
const SANDBOX_TOKEN = createSandboxToken();
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../main/sandbox/salesforce/index';
import { createCard } from '../../main/store/cards';
import { createContact } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';
import { createSyncEngine } from '../../main/sync/engine';
import { tempDir } from '../support/temp-dir';

const open: { db: Db; sandbox: SalesforceSandbox }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.db.close();
    await o.sandbox.close();
  }
});

const engineFor = (db: Db) => createSyncEngine({ db, connectors: new ConnectorRegistry({ vault: new InMemoryVault(), sandboxToken: SANDBOX_TOKEN }), random: () => 0.5 });

describe('a mapping that changes re-sends what it changes', () => {
  it('when the Salesforce org gains Ferry_Tags__c, unchanged contacts get their tags there at the next sync', async () => {
    const sandbox = await startSalesforceSandbox({ port: 0, token: SANDBOX_TOKEN });
    const db = openDatabase(tempDir());
    open.push({ db, sandbox });
    const cardId = createCard(db, 'Team').id;
    createContact(db, cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }], tags: ['vip', 'expo'] }, { region: 'US' });
    createContact(db, cardId, { firstName: 'Alan', lastName: 'Turing', emails: [{ value: 'alan@example.com' }] }, { region: 'US' });

    const first = engineFor(db);
    const connection = await first.connect({ cardId, kind: 'salesforce', config: { sandbox: true, baseUrl: sandbox.url, object: 'Contact' } });
    expect(await first.syncNow(connection.id)).toMatchObject({ created: 2 });
    await first.stop();
    expect(sandbox.admin.records('Contact').find((r) => r.fields.Email === 'ada@example.com')?.fields.Description).toMatch(/vip; expo/);

    // An admin adds the field; the next Ferry session sees it in describe.
    sandbox.admin.addCustomField('Contact', { name: 'Ferry_Tags__c', label: 'Ferry Tags', type: 'textarea', length: 32768 });
    const second = engineFor(db);
    const run = await second.syncNow(connection.id);
    await second.stop();
    // both payloads gained the field (empty for Alan, so it can be cleared later): both are sent again
    expect(run).toMatchObject({ state: 'succeeded', updated: 2, created: 0 });
    expect(sandbox.admin.records('Contact').find((r) => r.fields.Email === 'ada@example.com')?.fields.Ferry_Tags__c).toBe('vip; expo');
  });
});
