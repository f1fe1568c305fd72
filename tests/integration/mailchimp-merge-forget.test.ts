/**
 * Mailchimp: its API has no merge, so a merge tells the user what to do there;
 * "forget this person" erases the member for good (…/actions/delete-permanent, after
 * which Mailchimp will not take the address again) and opted-in deletes archive it
 * (DELETE …/members/{id}), against the Mailchimp sandbox.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { recordActionsFor } from '../../main/crm/record-actions';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startMailchimpSandbox, SANDBOX_AUDIENCE_ID, type MailchimpSandbox } from '../../main/sandbox/mailchimp/index';
import { createCard } from '../../main/store/cards';
import { createContact, deleteContact, getContact, restoreContact } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';
import { createSyncEngine } from '../../main/sync/engine';
import { mergeContacts } from '../../main/duplicates/merge-service';
import { forgetContact } from '../../main/forget/forget-service';
import { setDeleteMode } from '../../main/forget/delete-setting';
import { tempDir } from '../support/temp-dir';

const KEY = 'abcdefabcdefabcdefabcdefabcdef12-us21';

describe('Mailchimp merge, forget and deletes', () => {
  let sandbox: MailchimpSandbox | undefined;
  let db: Db | undefined;
  afterEach(async () => {
    db?.close();
    await sandbox?.close();
  });

  async function setUp() {
    sandbox = await startMailchimpSandbox({ port: 0, apiKey: KEY });
    db = openDatabase(tempDir());
    const registry = new ConnectorRegistry({ vault: new InMemoryVault() });
    const engine = createSyncEngine({ db, connectors: registry });
    const card = createCard(db, 'Org').id;
    const c = await engine.connect({ cardId: card, kind: 'mailchimp', config: { baseUrl: sandbox.apiRoot, auth: 'api-key', audience: SANDBOX_AUDIENCE_ID }, secrets: { access_token: KEY } });
    const a = createContact(db, card, { firstName: 'Mary', lastName: 'Somerville', emails: [{ value: 'mary@royal.example' }] }, { region: 'GB' }).id;
    const b = createContact(db, card, { firstName: 'Mary', lastName: 'Somervile', emails: [{ value: 'm.somerville@home.example' }] }, { region: 'GB' }).id;
    await engine.syncNow(c.id);
    expect(sandbox.admin.members()).toHaveLength(2);
    return { db, engine, connectionId: c.id, card, a, b, deps: { db, recordActions: (x: Parameters<typeof registry.create>[0]) => recordActionsFor(registry, x), now: () => Date.now() } };
  }

  it('a merge in Ferry says what to do in Mailchimp, whose two members stay until the user archives one there', async () => {
    const { engine, connectionId, a, b, deps } = await setUp();
    const result = await mergeContacts(deps, a, b);
    expect(result.crms).toEqual([expect.objectContaining({ outcome: 'manual', message: expect.stringContaining('https://mailchimp.com/help/archive-unarchive-contacts/') })]);
    expect(sandbox!.admin.members()).toHaveLength(2);
    const run = await engine.syncNow(connectionId);
    expect(run.created).toBe(0);
    expect(sandbox!.admin.members()).toHaveLength(2);
    await engine.stop();
  });

  it('forget erases the member for good: Mailchimp will not take the address again', async () => {
    const { engine, connectionId, card, a, deps } = await setUp();
    const record = await forgetContact(deps, a);
    expect(record.crms).toEqual([expect.objectContaining({ crm: 'Mailchimp', outcome: 'erased', message: expect.stringContaining('cannot be added to this audience again') })]);
    expect(sandbox!.admin.member('mary@royal.example')).toBeUndefined();
    expect(sandbox!.admin.members()).toHaveLength(1);
    expect(getContact(deps.db, a)).toBeUndefined();
    // a new contact with the address is refused by Mailchimp with its words, not re-imported
    createContact(deps.db, card, { firstName: 'Mary', emails: [{ value: 'mary@royal.example' }] }, { region: 'GB' });
    const run = await engine.syncNow(connectionId);
    expect(run).toMatchObject({ created: 0, quarantined: 1 });
    expect(sandbox!.admin.member('mary@royal.example')).toBeUndefined();
    await engine.stop();
  });

  it('opted-in deletes archive the member once; restoring the contact brings it back', async () => {
    const { db, engine, connectionId, b } = await setUp();
    setDeleteMode(db, connectionId, 'archive', Date.now());
    deleteContact(db, b);
    await engine.syncNow(connectionId);
    expect(sandbox!.admin.member('m.somerville@home.example')?.status).toBe('archived');
    expect(sandbox!.admin.members().filter((m) => m.status !== 'archived').map((m) => m.email_address)).toEqual(['mary@royal.example']);
    expect(db.prepare('SELECT message FROM sync_events WHERE contact_id = ? ORDER BY id DESC LIMIT 1').pluck().get(b)).toMatch(/^Deleted in Ferry, archived in Mailchimp\./);
    restoreContact(db, b);
    await engine.syncNow(connectionId);
    expect(sandbox!.admin.member('m.somerville@home.example')?.status).toBe('transactional');
    expect(sandbox!.admin.members()).toHaveLength(2);
    await engine.stop();
  });
});
