import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorRegistry } from '../../main/crm/registry';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../main/sandbox/salesforce';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { createCard } from '../../main/store/cards';
import { openDatabase } from '../../main/store/db';
import { createSyncEngine } from '../../main/sync/engine';
import { tempDir } from '../support/temp-dir';
import { createContact, deleteContact, updateContact } from '../../main/store/contacts';
import { setDeleteMode } from '../../main/forget/delete-setting';
import { getRun, heldContactCount, listEvents } from '../../main/store/sync-log';
import { countOutbox } from '../../main/store/outbox';
import { contactSyncStatus } from '../../main/store/sync-log';
import type { Db } from '../../main/store/db';
import type { SyncEngine } from '../../main/sync/engine';
import { hubspotHarness } from '../support/hubspot-harness';
import { mailchimpHarness } from '../support/mailchimp-harness';
import { zohoHarness } from '../support/zoho-harness';

/**
 * Two Ferry contacts with one e-mail, on CRMs that match a contact they have not linked
 * yet by e-mail (Zoho CRM's upsert checks Email, HubSpot's batch upsert keys on it): the
 * second would be written over the first's record, and the Ferry ID on that record would
 * alternate between them. The second is held, with a sentence naming the first and what to
 * do, until the two are merged or one e-mail changes.
 */
const ctx = { region: 'US' };
const opened: { sandbox: SalesforceSandbox; db: Db }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    o.db.close();
    await o.sandbox.close();
  }
});

interface Crm {
  name: string;
  open(): Promise<{ db: Db; cardId: number; engine: SyncEngine; connectionId: number; records(): { ferryId: string | undefined; name: string | undefined }[] }>;
}

const crms: Crm[] = [
  {
    name: 'Zoho CRM',
    async open() {
      const h = await zohoHarness();
      return { db: h.db, cardId: h.cardId, engine: h.engine, connectionId: h.connection.id,
        records: () => h.sandbox.admin.contacts().map((r) => ({ ferryId: r.fields.Ferry_Id as string | undefined, name: r.fields.First_Name as string | undefined })) };
    },
  },
  {
    // an org without Ferry_Id__c: a contact Ferry has not linked is found by e-mail (push.ts matchByEmail)
    name: 'Salesforce',
    async open() {
      const token = '00Dsharedemail!token.0001';
      const sandbox = await startSalesforceSandbox({ port: 0, token, schema: { ferryIdField: false } });
      const db = openDatabase(tempDir());
      opened.push({ sandbox, db });
      const engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault: new InMemoryVault() }) });
      const cardId = createCard(db, 'Org').id;
      const c = await engine.connect({ cardId, kind: 'salesforce', config: { baseUrl: sandbox.url, object: 'Contact' }, secrets: { access_token: token } });
      // no Ferry ID on the record: whose it is, is which contacts Ferry linked to it
      const owners = db.prepare('SELECT group_concat(k.uid) FROM sync_links l JOIN contacts k ON k.id = l.contact_id WHERE l.connection_id = ? AND l.external_id = ?').pluck();
      return { db, cardId, engine, connectionId: c.id,
        records: () => sandbox.admin.records('Contact').map((r) => ({ ferryId: (owners.get(c.id, r.id) as string | null) ?? undefined, name: r.fields.FirstName })) };
    },
  },
  {
    // one member per address: the member's subscriber hash is the e-mail's
    name: 'Mailchimp',
    async open() {
      const h = await mailchimpHarness();
      const owners = h.db.prepare('SELECT group_concat(k.uid) FROM sync_links l JOIN contacts k ON k.id = l.contact_id WHERE l.connection_id = ? AND l.external_id IN (?, ?)').pluck();
      return { db: h.db, cardId: h.cardId, engine: h.engine, connectionId: h.connection.id,
        records: () => h.sandbox.admin.members().map((m) => ({ ferryId: (owners.get(h.connection.id, m.id, m.contact_id) as string | null) ?? undefined, name: m.merge_fields.FNAME as string | undefined })) };
    },
  },
  {
    name: 'HubSpot',
    async open() {
      const h = await hubspotHarness();
      return { db: h.db, cardId: h.cardId, engine: h.engine, connectionId: h.connection.id,
        records: () => h.sandbox.admin.contacts().map((r) => ({ ferryId: r.properties.ferry_id, name: r.properties.firstname })) };
    },
  },
];

const HELD = /^Ada Lovelace \(contact #\d+\) in Ferry has the same e-mail address, ada@example\.com, and (Zoho CRM|HubSpot|Salesforce|Mailchimp) matches contacts by e-mail: sending this one would write over Ada Lovelace's record there\. Merge the two in Ferry \(Contacts → Duplicates\), or change one of the e-mail addresses\.$/;

for (const crm of crms) {
  describe(`${crm.name}: two contacts in Ferry with one e-mail`, () => {
    it('the second, sent after the first, is held with a sentence naming the first; the first keeps its record; a new e-mail sends it as its own', async () => {
      const h = await crm.open();
      const ada = createContact(h.db, h.cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }] }, ctx);
      expect(await h.engine.syncNow(h.connectionId)).toMatchObject({ created: 1 });

      const other = createContact(h.db, h.cardId, { firstName: 'Augusta', lastName: 'King', emails: [{ value: 'ADA@example.com ' }] }, ctx);
      // the preview says so before anything is sent
      const plan = await h.engine.dryRun(h.connectionId);
      expect(plan).toMatchObject({ creates: 0, updates: 0, held: 1, items: [{ contactId: other.id, action: 'held' }] });
      expect(plan.items[0]?.reason).toMatch(HELD);
      const run = await h.engine.syncNow(h.connectionId);
      // counted as held, never with the CRM's refusals: the CRM never saw it
      expect(run).toMatchObject({ state: 'partial', created: 0, updated: 0, held: 1, quarantined: 0 });
      expect(run.error).toMatch(new RegExp(`^1 contact set aside \\(same e-mail as another contact\\): ${crm.name} matches contacts by e-mail`));
      expect(run.error).not.toContain('rejected');
      expect(getRun(h.db, run.runId!)).toMatchObject({ held: 1, quarantined: 0, error: run.error });
      // one record, still Ada's: her Ferry ID and her name
      expect(h.records()).toEqual([{ ferryId: ada.uid, name: 'Ada' }]);
      const [event] = listEvents(h.db, { connectionId: h.connectionId, limit: 1, offset: 0 }).items;
      expect(event).toMatchObject({ contactId: other.id, outcome: 'held' });
      expect(event?.message).toMatch(HELD);
      expect(event?.message).toContain(`contact #${ada.id}`);
      // the contact page says it was set aside, and why
      expect(contactSyncStatus(h.db, other.id)).toEqual([expect.objectContaining({ state: 'set_aside', lastError: event?.message })]);
      // the card counts it as held, apart from the records the CRM refused
      expect(countOutbox(h.db, h.connectionId).quarantined).toBe(1);
      expect(heldContactCount(h.db, h.connectionId)).toBe(1);

      // Ada's own edits still reach her record, and only hers
      updateContact(h.db, ada.id, { title: 'Countess' }, ctx);
      expect(await h.engine.syncNow(h.connectionId)).toMatchObject({ updated: 1, created: 0, quarantined: 0 });
      expect(h.records()).toEqual([{ ferryId: ada.uid, name: 'Ada' }]);

      // a different e-mail makes the second a person of their own
      updateContact(h.db, other.id, { emails: [{ value: 'augusta@example.com' }] }, ctx);
      expect(await h.engine.syncNow(h.connectionId)).toMatchObject({ created: 1, quarantined: 0 });
      expect(heldContactCount(h.db, h.connectionId)).toBe(0);
      expect(h.records()).toHaveLength(2);
      expect(h.records()).toContainEqual({ ferryId: other.uid, name: 'Augusta' });
    });

    it('the first moving to a new e-mail frees the second: it waits until the first\'s record has left the address, then gets its own', async () => {
      const h = await crm.open();
      const ada = createContact(h.db, h.cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }] }, ctx);
      await h.engine.syncNow(h.connectionId);
      const other = createContact(h.db, h.cardId, { firstName: 'Augusta', lastName: 'King', emails: [{ value: 'ada@example.com' }] }, ctx);
      expect(await h.engine.syncNow(h.connectionId)).toMatchObject({ held: 1 });

      updateContact(h.db, ada.id, { emails: [{ value: 'countess@example.com' }] }, ctx);
      expect(contactSyncStatus(h.db, other.id)[0]).toMatchObject({ state: 'waiting' });
      // in one run: Ada's record moves to her new address; Augusta waits for that, never written over it
      expect(await h.engine.syncNow(h.connectionId)).toMatchObject({ updated: 1, created: 0, failed: 1, quarantined: 0, held: 0 });
      expect(h.records()).toEqual([{ ferryId: ada.uid, name: 'Ada' }]);
      const [waited] = listEvents(h.db, { connectionId: h.connectionId, limit: 1, offset: 0, contactId: other.id }).items;
      expect(waited?.message).toMatch(/^Ada Lovelace's record in (Zoho CRM|HubSpot|Salesforce|Mailchimp) still has the e-mail address ada@example\.com until Ada Lovelace's change is sent\. Ferry will send it again in /);
      expect(await h.engine.syncNow(h.connectionId)).toMatchObject({ created: 1, updated: 0, failed: 0, quarantined: 0 });
      expect(h.records()).toHaveLength(2);
      expect(h.records()).toContainEqual({ ferryId: other.uid, name: 'Augusta' });
      expect(h.records()).toContainEqual({ ferryId: ada.uid, name: 'Ada' });
    });

    it('both new in one sync: the older contact is sent, the newer one is held naming it', async () => {
      const h = await crm.open();
      const ada = createContact(h.db, h.cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }] }, ctx);
      const other = createContact(h.db, h.cardId, { firstName: 'Augusta', lastName: 'King', emails: [{ value: 'ada@example.com' }] }, ctx);
      expect(await h.engine.syncNow(h.connectionId)).toMatchObject({ created: 1, held: 1, quarantined: 0 });
      expect(h.records()).toEqual([{ ferryId: ada.uid, name: 'Ada' }]);
      expect(contactSyncStatus(h.db, other.id)[0]?.lastError).toMatch(HELD);
    });
  });
}

describe('Zoho CRM: the first of two contacts with one e-mail is deleted in Ferry', () => {
  it('deletes sent there (archive): the second waits for the delete, then gets a record of its own, never the deleted one', async () => {
    const h = await zohoHarness();
    setDeleteMode(h.db, h.connection.id, 'archive', Date.now());
    const ada = createContact(h.db, h.cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }] }, ctx);
    await h.engine.syncNow(h.connection.id);
    const [adaRecord] = h.sandbox.admin.contacts();
    const other = createContact(h.db, h.cardId, { firstName: 'Augusta', lastName: 'King', emails: [{ value: 'ada@example.com' }] }, ctx);
    expect(await h.engine.syncNow(h.connection.id)).toMatchObject({ held: 1 });

    deleteContact(h.db, ada.id);
    expect(contactSyncStatus(h.db, other.id)[0]).toMatchObject({ state: 'waiting' });
    await h.engine.syncNow(h.connection.id);
    // Ada's record went to the Recycle Bin untouched; Augusta never wrote on it
    expect(h.sandbox.admin.contacts().find((r) => r.id === adaRecord?.id)).toBeUndefined();
    await h.engine.syncNow(h.connection.id);
    expect(h.sandbox.admin.contacts()).toEqual([expect.objectContaining({ fields: expect.objectContaining({ Ferry_Id: other.uid, First_Name: 'Augusta' }) })]);
    expect(h.sandbox.admin.contacts()[0]?.id).not.toBe(adaRecord?.id);
  });
});
