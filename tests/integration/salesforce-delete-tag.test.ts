/**
 * "Tag instead of delete" for deletes in Ferry reaching Salesforce, against the
 * Salesforce sandbox: choosing tag on an org without a Ferry_Deleted__c field is
 * refused with the admin's steps; with the field (a Date an admin added), a delete
 * in Ferry keeps the record and writes the day there, and a restore clears it.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { recordActionsFor } from '../../main/crm/record-actions';
import { createDuplicatesService } from '../../main/duplicates/duplicates-service';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../main/sandbox/salesforce/index';
import { createEventHub } from '../../main/services/event-hub';
import { createCard } from '../../main/store/cards';
import { createConnection } from '../../main/store/connections';
import { createContact, deleteContact, restoreContact } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';
import { createSyncEngine } from '../../main/sync/engine';
import { parsedInput } from '../../main/cli/parsed-input';
import { runFerry } from '../support/run-ferry';
import { tempDir } from '../support/temp-dir';

const TOKEN = '00Ddeletetag!token.0001';

describe('deletes in Ferry marked in Salesforce (tag)', () => {
  let sandbox: SalesforceSandbox | undefined;
  let db: Db | undefined;
  afterEach(async () => {
    db?.close();
    await sandbox?.close();
  });

  async function setUp() {
    sandbox = await startSalesforceSandbox({ port: 0, token: TOKEN });
    db = openDatabase(tempDir());
    const registry = new ConnectorRegistry({ vault: new InMemoryVault() });
    const engine = createSyncEngine({ db, connectors: registry });
    const card = createCard(db, 'Tags').id;
    const c = await engine.connect({ cardId: card, kind: 'salesforce', config: { baseUrl: sandbox.url, object: 'Contact' }, secrets: { access_token: TOKEN } });
    const id = createContact(db, card, { firstName: 'Tom', lastName: 'Kilburn', emails: [{ value: 'tom@manchester.example' }] }, { region: 'GB' }).id;
    await engine.syncNow(c.id);
    const service = createDuplicatesService({
      db, clock: { now: () => Date.now() }, events: createEventHub(() => undefined),
      recordActions: (connection) => recordActionsFor(registry, connection),
    });
    return { db, engine, service, connectionId: c.id, id };
  }

  it('an org without Ferry_Deleted__c: tag is refused with the steps to add the field, and the setting stays', async () => {
    const { engine, service, connectionId } = await setUp();
    await expect(service.setDeletes(parsedInput('setDeletes', { connectionId, mode: 'tag' })))
      .rejects.toThrow(/Setup → Object Manager → Contact → Fields & Relationships → New → Date.*Ferry_Deleted__c/);
    expect(service.deletes(parsedInput('getDeletes', { connectionId })).mode).toBe('off');
    await engine.stop();
  });

  it('with the field: a delete keeps the record and writes the day; a restore clears it, with no second record', async () => {
    const { db, engine, service, connectionId, id } = await setUp();
    sandbox!.admin.addCustomField('Contact', { name: 'Ferry_Deleted__c', label: 'Ferry Deleted', type: 'date' });
    const view = await service.setDeletes(parsedInput('setDeletes', { connectionId, mode: 'tag' }));
    expect(view).toMatchObject({ mode: 'tag', tagSupported: true, sentence: expect.stringContaining('Ferry_Deleted__c') });
    deleteContact(db, id);
    const run = await engine.syncNow(connectionId);
    expect(run.state).toBe('succeeded');
    const [record] = sandbox!.admin.records('Contact');
    expect(sandbox!.admin.records('Contact')).toHaveLength(1);
    expect(record?.fields.Ferry_Deleted__c).toBe(new Date().toISOString().slice(0, 10));
    expect(db.prepare('SELECT message FROM sync_events WHERE contact_id = ? ORDER BY id DESC LIMIT 1').pluck().get(id))
      .toBe('Deleted in Ferry, kept in Salesforce and marked "Deleted in Ferry".');

    restoreContact(db, id);
    await engine.syncNow(connectionId);
    expect(sandbox!.admin.records('Contact')).toHaveLength(1);
    expect(sandbox!.admin.record(record?.id ?? '')?.fields.Ferry_Deleted__c).toBeUndefined();
    await engine.stop();
  });
});

describe('ferry deletes salesforce (the real executable)', () => {
  let sandbox: SalesforceSandbox | undefined;
  afterEach(async () => { await sandbox?.close(); });

  it('--from-crm is taken for Salesforce as for HubSpot, and tag is refused on an org without Ferry_Deleted__c, then taken once an admin added it', { timeout: 120_000 }, async () => {
    sandbox = await startSalesforceSandbox({ port: 0, token: TOKEN });
    const dataDir = path.join(tempDir(), 'data');
    const db = openDatabase(dataDir);
    const cardId = createCard(db, 'Mine').id;
    createConnection(db, { cardId, kind: 'salesforce', label: 'Salesforce', config: { baseUrl: sandbox.url, tokenEnv: 'FERRY_SALESFORCE_TOKEN', object: 'Contact' } });
    db.close();
    const ferry = (...args: string[]) => runFerry(['--data-dir', dataDir, ...args], { FERRY_SALESFORCE_TOKEN: TOKEN });

    const fromCrm = await ferry('deletes', 'salesforce', '--from-crm', 'delete');
    expect(fromCrm.code, fromCrm.stderr).toBe(0);
    expect(fromCrm.stdout).toContain('Salesforce: Contacts deleted in Salesforce are deleted in Ferry too (when this connection pulls)');

    const refused = await ferry('deletes', 'salesforce', 'tag');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('Setup → Object Manager → Contact → Fields & Relationships → New → Date');

    sandbox.admin.addCustomField('Contact', { name: 'Ferry_Deleted__c', label: 'Ferry Deleted', type: 'date' });
    const taken = await ferry('deletes', 'salesforce', 'tag');
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.stdout).toContain('marked "Deleted in Ferry" (the day, in its Ferry_Deleted__c field)');
  });
});
