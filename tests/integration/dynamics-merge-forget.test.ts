/**
 * Dynamics 365 record actions against the Dataverse sandbox: a merge in Ferry
 * merges the two contacts there (the Merge action: the other one is deactivated,
 * its values fill the survivor's empty columns), "forget this person" deletes the
 * record and its audit history, opted-in deletes delete the record (DELETE contacts(<id>)).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { recordActionsFor } from '../../main/crm/record-actions';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startDynamicsSandbox, type DynamicsSandbox } from '../../main/sandbox/dynamics/index';
import { createCard } from '../../main/store/cards';
import { createContact, deleteContact, getContact } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';
import { createSyncEngine } from '../../main/sync/engine';
import { mergeContacts } from '../../main/duplicates/merge-service';
import { forgetContact } from '../../main/forget/forget-service';
import { setDeleteMode } from '../../main/forget/delete-setting';
import { tempDir } from '../support/temp-dir';

const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOi.dynamics-merge-token';

describe('Dynamics 365 merge, forget and deletes', () => {
  let sandbox: DynamicsSandbox | undefined;
  let db: Db | undefined;
  afterEach(async () => {
    db?.close();
    await sandbox?.close();
  });

  async function setUp() {
    sandbox = await startDynamicsSandbox({ port: 0, token: TOKEN, ferryIdPrefix: 'cr8f2' });
    db = openDatabase(tempDir());
    const registry = new ConnectorRegistry({ vault: new InMemoryVault() });
    const engine = createSyncEngine({ db, connectors: registry });
    const card = createCard(db, 'Org').id;
    const c = await engine.connect({ cardId: card, kind: 'dynamics', mode: 'manual', config: { baseUrl: sandbox.url }, secrets: { access_token: TOKEN } });
    const a = createContact(db, card, { firstName: 'Mary', lastName: 'Somerville', emails: [{ value: 'mary@royal.example' }] }, { region: 'GB' }).id;
    const b = createContact(db, card, { firstName: 'Mary', lastName: 'Somervile', title: 'Astronomer', emails: [{ value: 'm.somerville@home.example' }] }, { region: 'GB' }).id;
    await engine.syncNow(c.id);
    expect(sandbox.admin.contacts()).toHaveLength(2);
    return { db, engine, connectionId: c.id, a, b, deps: { db, recordActions: (x: Parameters<typeof registry.create>[0]) => recordActionsFor(registry, x), now: () => Date.now() } };
  }
  const row = (email: string) => sandbox!.admin.contacts().find((r) => r.fields.emailaddress1 === email);

  it('a merge in Ferry merges the two contacts in Dynamics 365: the other is deactivated, the survivor keeps its id and gains its values', async () => {
    const { engine, connectionId, a, b, deps } = await setUp();
    const survivor = row('mary@royal.example')!;
    const other = row('m.somerville@home.example')!;
    const result = await mergeContacts(deps, a, b);
    expect(result.crms).toEqual([expect.objectContaining({ outcome: 'merged' })]);
    expect(row('mary@royal.example')?.contactid).toBe(survivor.contactid);
    expect(sandbox!.admin.contacts().find((r) => r.contactid === other.contactid)?.fields).toMatchObject({ statecode: '1', masterid: survivor.contactid });
    // the survivor's empty job title was filled from the other record; its own values were kept
    expect(row('mary@royal.example')?.fields).toMatchObject({ lastname: 'Somerville', jobtitle: 'Astronomer' });
    // the merged contact is pushed to the record that survived, never a new one
    const run = await engine.syncNow(connectionId);
    expect(run.created).toBe(0);
    expect(sandbox!.admin.contacts()).toHaveLength(2);
    // a pull does not bring the deactivated record back as a contact
    engine.setDirection(connectionId, 'two-way');
    expect(await engine.pullNow(connectionId)).toMatchObject({ state: 'succeeded', created: 0, potentialDuplicates: 0 });
    await engine.stop();
  });

  it('forget deletes the Dynamics 365 record and its audit history', async () => {
    const { engine, a, deps } = await setUp();
    const id = row('mary@royal.example')!.contactid;
    expect(sandbox!.admin.auditEntries(id)).toBeGreaterThan(0);
    const record = await forgetContact(deps, a);
    expect(record.crms).toEqual([expect.objectContaining({ crm: 'Dynamics 365', outcome: 'erased', message: expect.stringMatching(/audit history was deleted too \(\d+ entr/) })]);
    expect(row('mary@royal.example')).toBeUndefined();
    expect(sandbox!.admin.auditEntries(id)).toBe(0);
    expect(sandbox!.admin.contacts()).toHaveLength(1);
    expect(getContact(deps.db, a)).toBeUndefined();
    await engine.stop();
  });

  it('forget without the privilege to delete audit history still deletes the record and says what an admin does', async () => {
    const { engine, a, deps } = await setUp();
    const id = row('mary@royal.example')!.contactid;
    sandbox!.admin.setCanDeleteAuditHistory(false);
    const record = await forgetContact(deps, a);
    expect(record.crms).toEqual([expect.objectContaining({ outcome: 'erased', message: expect.stringContaining("Ferry's user may not delete audit history") })]);
    expect(row('mary@royal.example')).toBeUndefined();
    expect(sandbox!.admin.auditEntries(id)).toBeGreaterThan(0);
    await engine.stop();
  });

  it('opted-in deletes delete the record once; a record already gone counts as done', async () => {
    const { db, engine, connectionId, a, b } = await setUp();
    setDeleteMode(db, connectionId, 'archive', Date.now());
    deleteContact(db, b);
    await engine.syncNow(connectionId);
    expect(sandbox!.admin.contacts().map((r) => r.fields.emailaddress1)).toEqual(['mary@royal.example']);
    expect(db.prepare('SELECT message FROM sync_events WHERE contact_id = ? ORDER BY id DESC LIMIT 1').pluck().get(b)).toMatch(/^Deleted in Ferry, deleted in Dynamics 365\./);
    // someone deleted the other one in Dynamics 365 first
    const survivor = row('mary@royal.example')!;
    await fetch(`${sandbox!.url}/api/data/v9.2/contacts(${survivor.contactid})`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
    deleteContact(db, a);
    await engine.syncNow(connectionId);
    expect(db.prepare('SELECT message FROM sync_events WHERE contact_id = ? ORDER BY id DESC LIMIT 1').pluck().get(a)).toMatch(/no longer had this contact/);
    await engine.stop();
  });
});
