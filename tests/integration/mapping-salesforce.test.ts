import jsforce from 'jsforce';
import { afterEach, describe, expect, it } from 'vitest';
import type { MappingInput } from '../../preload/schemas/mapping';
import { ConnectorRegistry, createSandboxToken } from '../../main/crm/registry';
import { saveMapping } from '../../main/mapping/save';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../main/sandbox/salesforce/index';
import { createCard } from '../../main/store/cards';
import type { Connection } from '../../main/store/connections';
import { createContact, updateContact } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';
import { listEvents } from '../../main/store/sync-log';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import { tempDir } from '../support/temp-dir';

const SANDBOX_TOKEN = createSandboxToken();
const ctx = { region: 'US' };

interface Setup { db: Db; sandbox: SalesforceSandbox; engine: SyncEngine; cardId: number; connection: Connection }
const open: Setup[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.engine.stop();
    o.db.close();
    await o.sandbox.close();
  }
});

async function setup(object: 'Contact' | 'Lead', mapping: MappingInput): Promise<Setup> {
  const sandbox = await startSalesforceSandbox({ port: 0, token: SANDBOX_TOKEN });
  const db = openDatabase(tempDir());
  const cardId = createCard(db, 'Team').id;
  const engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault: new InMemoryVault(), sandboxToken: SANDBOX_TOKEN }), random: () => 0.5 });
  const connection = await engine.connect({ cardId, kind: 'salesforce', config: { sandbox: true, baseUrl: sandbox.url, object } });
  saveMapping(db, connection.id, mapping, Date.now());
  const s = { db, sandbox, engine, cardId, connection };
  open.push(s);
  return s;
}

const record = (s: Setup, type: 'Contact' | 'Lead', email: string): Record<string, string> | undefined => s.sandbox.admin.records(type).find((r) => r.fields.Email === email)?.fields;

describe('field mapping against the Salesforce sandbox', () => {
  it('routes by rule: tag "customer" → Contact, else Lead; a routed contact stays the record it became', async () => {
    const s = await setup('Lead', { routing: { rules: [{ when: { tag: 'customer' }, object: 'Contact' }], otherwise: 'Lead' } });
    const cu = createContact(s.db, s.cardId, { firstName: 'Cu', lastName: 'Stomer', emails: [{ value: 'cu@example.com' }], tags: ['customer'], company: 'Big' }, ctx);
    const pr = createContact(s.db, s.cardId, { firstName: 'Pro', lastName: 'Spect', emails: [{ value: 'pro@example.com' }], company: 'Small' }, ctx);
    expect(await s.engine.syncNow(s.connection.id)).toMatchObject({ created: 2, quarantined: 0 });
    expect(record(s, 'Contact', 'cu@example.com')).toMatchObject({ LastName: 'Stomer' });
    expect(record(s, 'Lead', 'pro@example.com')).toMatchObject({ LastName: 'Spect', Company: 'Small' });
    expect(record(s, 'Lead', 'cu@example.com')).toBeUndefined();
    // the prospect becomes a customer in Ferry: its Lead is updated, never a second record
    updateContact(s.db, pr.id, { tags: ['customer'], title: 'Buyer' }, ctx);
    updateContact(s.db, cu.id, { title: 'CEO' }, ctx);
    expect(await s.engine.syncNow(s.connection.id)).toMatchObject({ updated: 2, created: 0 });
    expect(record(s, 'Lead', 'pro@example.com')?.Title).toBe('Buyer');
    expect(record(s, 'Contact', 'cu@example.com')?.Title).toBe('CEO');
    expect(s.sandbox.admin.records('Contact')).toHaveLength(1);
  });

  it('maps a "Lifecycle" value to the restricted LeadSource picklist; a value without an option is set aside with a sentence before any call', async () => {
    const s = await setup('Lead', { fields: { 'custom.Source': { target: 'LeadSource', transforms: [{ kind: 'valueMap', map: { Booth: 'Other', Website: 'Web' } }] } } });
    createContact(s.db, s.cardId, { lastName: 'Web', emails: [{ value: 'w@example.com' }], customFields: { Source: 'website' } }, ctx);
    const bad = createContact(s.db, s.cardId, { lastName: 'Fair', emails: [{ value: 'f@example.com' }], customFields: { Source: 'Trade fair' } }, ctx);
    expect(await s.engine.syncNow(s.connection.id)).toMatchObject({ created: 1, quarantined: 1 });
    expect(record(s, 'Lead', 'w@example.com')?.LeadSource).toBe('Web');
    const event = listEvents(s.db, { connectionId: s.connection.id, limit: 10, offset: 0 }).items.find((e) => e.contactId === bad.id);
    expect(event?.message).toMatch(/Lead Source \(LeadSource\) has no option 'Trade fair'/);
  });

  it('a date goes to a date field through a date transform; a number field refuses text before it can fail the whole batch', async () => {
    const s = await setup('Lead', {
      fields: {
        'custom.Employees': { target: 'NumberOfEmployees' },
        'meeting.at': { target: 'Title', transforms: [{ kind: 'date', format: 'dmy' }] },
      },
    });
    createContact(s.db, s.cardId, { lastName: 'Ok', emails: [{ value: 'ok@example.com' }], customFields: { Employees: '250' }, meeting: { at: '2024-03-09', place: '', event: '', notes: '' } }, ctx);
    const text = createContact(s.db, s.cardId, { lastName: 'Many', emails: [{ value: 'many@example.com' }], customFields: { Employees: 'lots' } }, ctx);
    expect(await s.engine.syncNow(s.connection.id)).toMatchObject({ created: 1, quarantined: 1 });
    expect(record(s, 'Lead', 'ok@example.com')).toMatchObject({ NumberOfEmployees: '250', Title: '09/03/2024' });
    const event = listEvents(s.db, { connectionId: s.connection.id, limit: 10, offset: 0 }).items.find((e) => e.contactId === text.id);
    expect(event?.message).toMatch(/takes a number, and 'lots' is not one/);
  });

  it('fill only if empty keeps the Title a Salesforce user set (read with one query), and fills an empty one', async () => {
    const s = await setup('Contact', { fields: { title: { policy: 'fill_if_empty' }, 'custom.Birthday': { target: 'Birthdate', transforms: [{ kind: 'date', format: 'date' }] } } });
    const held = createContact(s.db, s.cardId, { lastName: 'Held', emails: [{ value: 'held@example.com' }] }, ctx);
    const fresh = createContact(s.db, s.cardId, { lastName: 'Fresh', emails: [{ value: 'fresh@example.com' }] }, ctx);
    await s.engine.syncNow(s.connection.id);
    // someone in Salesforce gives Held a title
    const user = new jsforce.Connection({ instanceUrl: s.sandbox.url, accessToken: SANDBOX_TOKEN, version: '62.0' });
    const id = s.sandbox.admin.records('Contact').find((r) => r.fields.Email === 'held@example.com')?.id as string;
    await user.sobject('Contact').update({ Id: id, Title: 'VP Sales' });
    updateContact(s.db, held.id, { title: 'Intern', customFields: { Birthday: '1990-05-12T08:00:00Z' } }, ctx);
    updateContact(s.db, fresh.id, { title: 'Engineer' }, ctx);
    expect(await s.engine.syncNow(s.connection.id)).toMatchObject({ updated: 2, quarantined: 0 });
    expect(record(s, 'Contact', 'held@example.com')).toMatchObject({ Title: 'VP Sales', Birthdate: '1990-05-12' });
    expect(record(s, 'Contact', 'fresh@example.com')?.Title).toBe('Engineer');
    expect(s.sandbox.admin.records('Contact')).toHaveLength(2);
  });
});
