import { afterEach, describe, expect, it } from 'vitest';
import { createContact } from '../../main/store/contacts';
import { countOutbox } from '../../main/store/outbox';
import { seedSampleContacts } from '../support/sample-contacts';
import { hubspotHarness } from '../support/hubspot-harness';
import { ConnectorRegistry } from '../../main/crm/registry';
import { startSalesforceSandbox } from '../../main/sandbox/salesforce/index';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { createCard } from '../../main/store/cards';
import { openDatabase } from '../../main/store/db';
import { createSyncEngine } from '../../main/sync/engine';
import { tempDir } from '../support/temp-dir';

const ctx = { region: 'US' };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

describe('test sync: a few contacts first, read back from the CRM, the rest waits', () => {
  it('HubSpot: the first five go, each field shows what was sent beside what HubSpot holds; 15 stay pending', async () => {
    const h = await hubspotHarness();
    seedSampleContacts(h.db, h.cardId, 20);
    const report = await h.engine.testSync(h.connection.id, {});
    expect(report.run).toMatchObject({ created: 5, state: 'succeeded' });
    expect(report.contacts).toHaveLength(5);
    expect(h.sandbox.admin.contacts()).toHaveLength(5);
    expect(report.stillPending).toBe(15);
    expect(countOutbox(h.db, h.connection.id).pending).toBe(15);
    const [first] = report.contacts;
    expect(first?.outcome).toBe('created');
    const jobtitle = first?.fields.find((f) => f.field === 'jobtitle');
    expect(jobtitle?.crm).toBe(jobtitle?.sent);
    expect(jobtitle?.crm).toBe(h.sandbox.admin.contact(first!.externalId!)?.properties.jobtitle);
  });

  it('HubSpot: a value the CRM holds differently is shown as HubSpot has it (e-mails are stored lower-cased)', async () => {
    const h = await hubspotHarness();
    const c = createContact(h.db, h.cardId, { firstName: 'Bob', emails: [{ value: 'Bob@Example.COM' }] }, ctx);
    createContact(h.db, h.cardId, { firstName: 'Other', emails: [{ value: 'other@example.com' }] }, ctx);
    const report = await h.engine.testSync(h.connection.id, { contactIds: [c.id] });
    expect(report.contacts.map((x) => x.contactId)).toEqual([c.id]);
    expect(report.contacts[0]?.fields.find((f) => f.field === 'email')).toEqual({ field: 'email', sent: 'Bob@Example.COM', crm: 'bob@example.com' });
    expect(report.stillPending).toBe(1);
    await expect(h.engine.testSync(h.connection.id, { contactIds: [c.id] })).rejects.toThrow(/not waiting to be sent/);
  });

  it('Salesforce: the named contacts go, read back from the org', async () => {
    const TOKEN = '00Dtestsync!token.0001';
    const sandbox = await startSalesforceSandbox({ port: 0, token: TOKEN });
    const db = openDatabase(tempDir());
    const engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault: new InMemoryVault() }), random: () => 0.5 });
    cleanups.push(async () => { await engine.stop(); db.close(); await sandbox.close(); });
    const cardId = createCard(db, 'T').id;
    const connection = await engine.connect({ cardId, kind: 'salesforce', config: { baseUrl: sandbox.url, object: 'Contact' }, secrets: { access_token: TOKEN } });
    seedSampleContacts(db, cardId, 8);
    const report = await engine.testSync(connection.id, { count: 3 });
    expect(report.run.created).toBe(3);
    expect(sandbox.admin.records('Contact')).toHaveLength(3);
    const title = report.contacts[0]?.fields.find((f) => f.field === 'Title');
    expect(title?.crm).toBe(title?.sent);
    expect(report.stillPending).toBe(5);
  });
});
