import { describe, expect, it } from 'vitest';
import { withMapping } from '../../main/mapping/mapped-connector';
import { createCard } from '../../main/store/cards';
import { createConnection } from '../../main/store/connections';
import { openDatabase } from '../../main/store/db';
import { SyncError, type Connector, type PushItem } from '../../main/sync/connector';
import { tempDir } from '../support/temp-dir';

/**
 * A "fill only if empty" policy on a destination Ferry cannot read: the Mapping
 * screen refuses it, but an imported configuration or an admin policy can still
 * carry it. The push must stop with a sentence, never write over what the admin
 * protected.
 */
describe('a write policy the destination cannot honour', () => {
  it('stops the push with a sentence and sends nothing', async () => {
    const db = openDatabase(tempDir());
    const connection = createConnection(db, { cardId: createCard(db, 'Team').id, kind: 'zapier', label: 'Zapier', mapping: { fields: { title: { target: 'job', policy: 'fill_if_empty' } } } });
    const sent: PushItem[] = [];
    const inner: Connector = {
      kind: 'zapier',
      capabilities: { batchSize: 10, rateLimit: { requests: 10, perMs: 1_000 } },
      map: (contact) => ({ name: contact.firstName, job: contact.title }),
      prepare: async () => undefined,
      push: async (items) => { sent.push(...items); return items.map((i) => ({ contactId: i.contactId, outcome: 'created' as const, externalId: 'x' })); },
    };
    const item = { contactId: 1, contactVersion: 1, uid: 'u1', externalId: null, payload: { name: 'Jo', job: 'Engineer' }, previousPayload: {}, aux: {}, contact: {} as PushItem['contact'] };
    const ctx = { connection, beforeRequest: async () => undefined, afterResponse: () => undefined, signal: new AbortController().signal };
    const push = withMapping(inner).push([item], ctx);
    await expect(push).rejects.toBeInstanceOf(SyncError);
    await expect(push).rejects.toThrow('cannot tell Ferry what it holds, so "fill only if empty" on job cannot be honoured');
    expect(sent).toEqual([]);
    db.close();
  });
});
