/**
 * A contact deleted in Ferry stays deleted when its CRM record is read again.
 * Found by trying the README end to end: a Zoho CRM delete taken into Ferry
 * (`--from-crm delete`) queued the archive for Mailchimp, and the Mailchimp pull
 * of the same `ferry pull` read the still-present member and made it a second,
 * new contact (a new Ferry id), which the next sync pushed back everywhere.
 * Pipedrive's sandbox on loopback, real SQLite: Pipedrive re-reads the persons of
 * the checkpoint's second on every pull, so the deleted contact's person is read
 * again without anyone touching it, and again after someone edits it there.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startPipedriveSandbox, type PipedriveSandbox } from '../../main/sandbox/pipedrive/index';
import { createCard } from '../../main/store/cards';
import { countContacts, deleteContact, getContact, listContacts, restoreContact } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';
import { createSyncEngine, type SyncEngine } from '../../main/sync/engine';
import { FakeClock } from '../support/fake-clock';
import { tempDir } from '../support/temp-dir';

const TOKEN = 'pd-deleted-contact-token-0123456789';
let sandbox: PipedriveSandbox;
let db: Db;
let engine: SyncEngine;
let cardId: number;
let companyNow = Date.parse('2026-11-02T09:00:00.000Z');

beforeEach(async () => {
  companyNow = Date.parse('2026-11-02T09:00:00.000Z');
  sandbox = await startPipedriveSandbox({ port: 0, token: TOKEN, clock: () => companyNow, limits: { burst: 100_000, searchBurst: 100_000, dailyBudget: 1_000_000_000 } });
  db = openDatabase(tempDir());
  engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault: new InMemoryVault() }), clock: new FakeClock(Date.now()), random: () => 0.5 });
  cardId = createCard(db, 'Deleted').id;
});

afterEach(async () => {
  await engine.stop();
  db.close();
  await sandbox.close();
});

describe('a pull and a contact deleted in Ferry', () => {
  it('never brings the contact back as a new one, whether its record is read again unchanged or after an edit; Restore brings back the same contact', async () => {
    const person = sandbox.admin.seedPerson({ name: 'Katherine Johnson', emails: ['kj@nasa.example'] });
    const c = await engine.connect({ cardId, kind: 'pipedrive', mode: 'manual', config: { baseUrl: sandbox.url, auth: 'private-app' }, secrets: { private_app_token: TOKEN } });
    engine.setDirection(c.id, 'two-way');
    expect(await engine.pullNow(c.id)).toMatchObject({ created: 1 });
    const [contact] = listContacts(db, cardId);
    deleteContact(db, contact!.id);

    // the person is still in Pipedrive (deletes are off: kept there) and is read again
    companyNow += 60_000;
    const again = await engine.pullNow(c.id);
    expect(again).toMatchObject({ state: 'succeeded', created: 0 });
    expect(again.read).toBeGreaterThan(0);
    expect(countContacts(db, cardId)).toBe(0);

    companyNow += 60_000;
    sandbox.admin.editPerson(person.id, { name: 'Katherine G. Johnson' });
    expect(await engine.pullNow(c.id)).toMatchObject({ state: 'succeeded', created: 0, updated: 0 });
    expect(countContacts(db, cardId)).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM contacts').pluck().get()).toBe(1);

    restoreContact(db, contact!.id);
    expect(getContact(db, contact!.id)?.deletedAt).toBeNull();
    expect(countContacts(db, cardId)).toBe(1);
  });
});
