/** Deletes reaching HubSpot: off by default (the record is kept and the log says so), opt-in per connection (HubSpot archives it). */
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { createCard } from '../../main/store/cards';
import { createContact, deleteContact, restoreContact } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';
import { countOutbox } from '../../main/store/outbox';
import { createSyncEngine } from '../../main/sync/engine';
import { setDeleteMode } from '../../main/forget/delete-setting';
import { getRun } from '../../main/store/sync-log';
import { tempDir } from '../support/temp-dir';

const TOKEN = 'pat-na1-delete-propagation-0001';

describe('delete propagation to HubSpot', () => {
  let sandbox: HubSpotSandbox | undefined;
  let db: Db | undefined;
  afterEach(async () => {
    db?.close();
    await sandbox?.close();
  });

  async function setUp() {
    sandbox = await startHubSpotSandbox({ port: 0, token: TOKEN });
    db = openDatabase(tempDir());
    const engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault: new InMemoryVault() }) });
    const card = createCard(db, 'Deletes').id;
    const c = await engine.connect({ cardId: card, kind: 'hubspot', config: { baseUrl: sandbox.url, auth: 'private-app' }, secrets: { private_app_token: TOKEN } });
    const id = createContact(db, card, { firstName: 'Tom', lastName: 'Kilburn', emails: [{ value: 'tom@manchester.example' }] }, { region: 'GB' }).id;
    await engine.syncNow(c.id);
    expect(sandbox.admin.contacts()).toHaveLength(1);
    return { db, engine, connectionId: c.id, id };
  }

  const events = (db: Db, id: number) => db.prepare('SELECT outcome, message FROM sync_events WHERE contact_id = ? AND message IS NOT NULL ORDER BY id').all(id);

  it('off (the default): a delete leaves nothing pending, makes no call and says the record was kept', async () => {
    const { db, engine, connectionId, id } = await setUp();
    deleteContact(db, id);
    expect(countOutbox(db, connectionId).pending).toBe(0);
    sandbox!.admin.clearRequests();
    expect((await engine.syncNow(connectionId)).state).toBe('nothing_to_send');
    expect(sandbox!.admin.requests().total).toBe(0);
    expect(sandbox!.admin.contacts()).toHaveLength(1);
    expect(events(db, id)).toEqual([{ outcome: 'skipped', message: 'Deleted in Ferry, kept in HubSpot.' }]);
    await engine.stop();
  });

  it('archive: the delete is pending work, the next sync archives the record once, and a re-sync sends nothing', async () => {
    const { db, engine, connectionId, id } = await setUp();
    setDeleteMode(db, connectionId, 'archive', Date.now());
    deleteContact(db, id);
    expect(countOutbox(db, connectionId).pending).toBe(1);
    const run = await engine.syncNow(connectionId);
    expect(run.state).toBe('succeeded');
    // a delete is counted as one, never as an update, and its record belongs to the run
    expect(run).toMatchObject({ deleted: 1, marked: 0, updated: 0, created: 0 });
    expect(getRun(db, run.runId!)).toMatchObject({ deleted: 1, marked: 0, updated: 0 });
    expect(sandbox!.admin.contacts()).toHaveLength(0);
    expect(events(db, id)).toEqual([{ outcome: 'deleted', message: 'Deleted in Ferry, archived in HubSpot.' }]);
    expect(db.prepare("SELECT run_id FROM sync_events WHERE contact_id = ? AND outcome = 'deleted'").pluck().get(id)).toBe(run.runId);
    expect(countOutbox(db, connectionId).pending).toBe(0);
    expect((await engine.syncNow(connectionId)).state).toBe('nothing_to_send');

    // a restore is a change like any other: the contact is sent again, as a new record
    restoreContact(db, id);
    const again = await engine.syncNow(connectionId);
    expect(again.created).toBe(1);
    expect(sandbox!.admin.contacts()).toHaveLength(1);
    await engine.stop();
  });

  it('tag: the record is kept and marked "Deleted in Ferry"; restoring the contact clears the mark, with no second record', async () => {
    const { db, engine, connectionId, id } = await setUp();
    setDeleteMode(db, connectionId, 'tag', Date.now());
    deleteContact(db, id);
    expect(countOutbox(db, connectionId).pending).toBe(1);
    const run = await engine.syncNow(connectionId);
    expect(run.state).toBe('succeeded');
    expect(run).toMatchObject({ marked: 1, deleted: 0, updated: 0 });
    const [record] = sandbox!.admin.contacts();
    expect(sandbox!.admin.contacts()).toHaveLength(1);
    expect(record?.properties.ferry_deleted).toMatch(/^Deleted in Ferry on \d{4}-\d\d-\d\d$/);
    expect(events(db, id).at(-1)).toEqual({ outcome: 'marked', message: 'Deleted in Ferry, kept in HubSpot and marked "Deleted in Ferry".' });
    expect((await engine.syncNow(connectionId)).state).toBe('nothing_to_send');

    restoreContact(db, id);
    // clearing the mark changes a record that is still there: an update
    expect(await engine.syncNow(connectionId)).toMatchObject({ updated: 1, marked: 0 });
    expect(sandbox!.admin.contacts()).toHaveLength(1);
    expect(sandbox!.admin.contact(record?.id ?? '')?.properties.ferry_deleted ?? '').toBe('');
    expect(events(db, id).at(-1)).toEqual({ outcome: 'updated', message: 'Restored in Ferry: the "Deleted in Ferry" mark is cleared in HubSpot.' });
    await engine.stop();
  });

  it('turning it off again drops a delete still waiting: that record is kept', async () => {
    const { db, engine, connectionId, id } = await setUp();
    setDeleteMode(db, connectionId, 'archive', Date.now());
    deleteContact(db, id);
    setDeleteMode(db, connectionId, 'off', Date.now());
    expect(countOutbox(db, connectionId).pending).toBe(0);
    expect((await engine.syncNow(connectionId)).state).toBe('nothing_to_send');
    expect(sandbox!.admin.contacts()).toHaveLength(1);
    await engine.stop();
  });
});
