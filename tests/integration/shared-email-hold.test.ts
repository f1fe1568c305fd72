import { describe, expect, it } from 'vitest';
import { createContact, updateContact } from '../../main/store/contacts';
import { listEvents } from '../../main/store/sync-log';
import { contactSyncStatus } from '../../main/store/sync-log';
import type { Db } from '../../main/store/db';
import type { SyncEngine } from '../../main/sync/engine';
import { hubspotHarness } from '../support/hubspot-harness';
import { zohoHarness } from '../support/zoho-harness';

/**
 * Two Ferry contacts with one e-mail, on CRMs that match a contact they have not linked
 * yet by e-mail (Zoho CRM's upsert checks Email, HubSpot's batch upsert keys on it): the
 * second would be written over the first's record, and the Ferry ID on that record would
 * alternate between them. The second is held, with a sentence naming the first and what to
 * do, until the two are merged or one e-mail changes.
 */
const ctx = { region: 'US' };

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
    name: 'HubSpot',
    async open() {
      const h = await hubspotHarness();
      return { db: h.db, cardId: h.cardId, engine: h.engine, connectionId: h.connection.id,
        records: () => h.sandbox.admin.contacts().map((r) => ({ ferryId: r.properties.ferry_id, name: r.properties.firstname })) };
    },
  },
];

const HELD = /^Ada Lovelace \(contact #\d+\) in Ferry has the same e-mail address, ada@example\.com, and (Zoho CRM|HubSpot) matches contacts by e-mail: sending this one would write over Ada Lovelace's record there\. Merge the two in Ferry \(Contacts → Duplicates\), or change one of the e-mail addresses\.$/;

for (const crm of crms) {
  describe(`${crm.name}: two contacts in Ferry with one e-mail`, () => {
    it('the second, sent after the first, is held with a sentence naming the first; the first keeps its record; a new e-mail sends it as its own', async () => {
      const h = await crm.open();
      const ada = createContact(h.db, h.cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }] }, ctx);
      expect(await h.engine.syncNow(h.connectionId)).toMatchObject({ created: 1 });

      const other = createContact(h.db, h.cardId, { firstName: 'Augusta', lastName: 'King', emails: [{ value: 'ADA@example.com ' }] }, ctx);
      const run = await h.engine.syncNow(h.connectionId);
      expect(run).toMatchObject({ created: 0, updated: 0, quarantined: 1 });
      // one record, still Ada's: her Ferry ID and her name
      expect(h.records()).toEqual([{ ferryId: ada.uid, name: 'Ada' }]);
      const [event] = listEvents(h.db, { connectionId: h.connectionId, limit: 1, offset: 0 }).items;
      expect(event).toMatchObject({ contactId: other.id, outcome: 'quarantined' });
      expect(event?.message).toMatch(HELD);
      expect(event?.message).toContain(`contact #${ada.id}`);
      // the contact page says it was set aside, and why
      expect(contactSyncStatus(h.db, other.id)).toEqual([expect.objectContaining({ state: 'set_aside', lastError: event?.message })]);

      // Ada's own edits still reach her record, and only hers
      updateContact(h.db, ada.id, { title: 'Countess' }, ctx);
      expect(await h.engine.syncNow(h.connectionId)).toMatchObject({ updated: 1, created: 0, quarantined: 0 });
      expect(h.records()).toEqual([{ ferryId: ada.uid, name: 'Ada' }]);

      // a different e-mail makes the second a person of their own
      updateContact(h.db, other.id, { emails: [{ value: 'augusta@example.com' }] }, ctx);
      expect(await h.engine.syncNow(h.connectionId)).toMatchObject({ created: 1, quarantined: 0 });
      expect(h.records()).toHaveLength(2);
      expect(h.records()).toContainEqual({ ferryId: other.uid, name: 'Augusta' });
    });

    it('both new in one sync: the older contact is sent, the newer one is held naming it', async () => {
      const h = await crm.open();
      const ada = createContact(h.db, h.cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }] }, ctx);
      const other = createContact(h.db, h.cardId, { firstName: 'Augusta', lastName: 'King', emails: [{ value: 'ada@example.com' }] }, ctx);
      expect(await h.engine.syncNow(h.connectionId)).toMatchObject({ created: 1, quarantined: 1 });
      expect(h.records()).toEqual([{ ferryId: ada.uid, name: 'Ada' }]);
      expect(contactSyncStatus(h.db, other.id)[0]?.lastError).toMatch(HELD);
    });
  });
}
