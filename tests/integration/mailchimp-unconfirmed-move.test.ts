import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startMailchimpSandbox, SANDBOX_AUDIENCE_ID } from '../../main/sandbox/mailchimp/index';
import { createCard } from '../../main/store/cards';
import { createConnection } from '../../main/store/connections';
import { createContact, updateContact } from '../../main/store/contacts';
import { openDatabase } from '../../main/store/db';
import { getLinks } from '../../main/store/sync-links';
import { startKillSwitchProxy, type KillPhase } from '../support/kill-switch-proxy';
import { spawnFerry } from '../support/run-ferry';

const KEY = 'fedcba9876543210fedcba9876543210-us21';
const ctx = { region: 'US' };
/** the batch subscribe/update call, POST /3.0/lists/{list_id} (not …/members, not …/merge-fields) */
const isBatch = (method: string, route: string): boolean => method === 'POST' && route === `/3.0/lists/${SANDBOX_AUDIENCE_ID}`;

/**
 * The window issue 17 names: Ferry is killed after Mailchimp applied a contact's
 * FIRST push and before Ferry saved the answer, then the rep changes the e-mail
 * before the next sync. The member is keyed by the old address's hash only, so
 * without what the engine kept before sending, the next sync adds a second member.
 */
describe('Mailchimp: a first push applied but never saved, then a new e-mail', () => {
  // killed once Mailchimp did the work and before its answer reached Ferry: the link is certainly not saved
  const phase: KillPhase = 'answered';
  for (const consent of [false, true]) {
    it(`moves the member Ferry started instead of adding a second one (${consent ? 'subscribed' : 'non-subscribed'})`, { timeout: 120_000 }, async () => {
      const sandbox = await startMailchimpSandbox({ apiKey: KEY });
      const proxy = await startKillSwitchProxy(sandbox.url);
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-mc-move-'));
      const db = openDatabase(dataDir);
      try {
        const cardId = createCard(db, 'Expo').id;
        const connectionId = createConnection(db, { cardId, kind: 'mailchimp', label: 'Mailchimp', config: { baseUrl: `${proxy.url}/3.0`, audience: SANDBOX_AUDIENCE_ID, auth: 'api-key', tokenEnv: 'FERRY_MAILCHIMP_KEY' } }).id;
        const ada = createContact(db, cardId, { firstName: 'Ada', emails: [{ value: 'ada@first.example' }], tags: consent ? ['marketing-consent'] : [] }, ctx);
        const sync = () => spawnFerry(['--data-dir', dataDir, 'sync'], { FERRY_MAILCHIMP_KEY: KEY });

        const first = sync();
        proxy.armOn(isBatch, phase, () => first.child.kill('SIGKILL'));
        expect((await first.done).signal).toBe('SIGKILL');
        proxy.disarm();
        // Mailchimp holds the member; Ferry has no link for it
        expect(sandbox.admin.members().map((m) => m.email_address)).toEqual(['ada@first.example']);
        expect(getLinks(db, connectionId, [ada.id]).get(ada.id)?.externalId ?? null).toBeNull();

        updateContact(db, ada.id, { emails: [{ value: 'ada@second.example' }] }, ctx);
        const second = await sync().done;
        expect(second.code, second.stderr).toBe(0);

        const members = sandbox.admin.members();
        expect(members.map((m) => m.email_address)).toEqual(['ada@second.example']);
        expect(members[0]).toMatchObject({ status: consent ? 'subscribed' : 'transactional', merge_fields: { FERRYID: ada.uid, FNAME: 'Ada' } });
        expect(getLinks(db, connectionId, [ada.id]).get(ada.id)).toMatchObject({ externalId: expect.any(String), unconfirmed: [] });
      } finally {
        db.close();
        await proxy.close();
        await sandbox.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });
  }

  it('keeps every unconfirmed address until one is confirmed: killed again before the move left, then a third address', { timeout: 120_000 }, async () => {
    const sandbox = await startMailchimpSandbox({ apiKey: KEY });
    const proxy = await startKillSwitchProxy(sandbox.url);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-mc-move-'));
    const db = openDatabase(dataDir);
    try {
      const cardId = createCard(db, 'Expo').id;
      createConnection(db, { cardId, kind: 'mailchimp', label: 'Mailchimp', config: { baseUrl: `${proxy.url}/3.0`, audience: SANDBOX_AUDIENCE_ID, auth: 'api-key', tokenEnv: 'FERRY_MAILCHIMP_KEY' } });
      const bob = createContact(db, cardId, { firstName: 'Bob', emails: [{ value: 'bob@one.example' }] }, ctx);
      const sync = () => spawnFerry(['--data-dir', dataDir, 'sync'], { FERRY_MAILCHIMP_KEY: KEY });
      const killedAt = async (matches: (method: string, route: string) => boolean, phase: KillPhase): Promise<void> => {
        const run = sync();
        proxy.armOn(matches, phase, () => run.child.kill('SIGKILL'));
        expect((await run.done).signal).toBe('SIGKILL');
        proxy.disarm();
      };

      await killedAt(isBatch, 'answered');
      updateContact(db, bob.id, { emails: [{ value: 'bob@two.example' }] }, ctx);
      // the move from bob@one never reaches Mailchimp: the member stays there, and bob@two was only tried
      await killedAt((method) => method === 'PATCH', 'before');
      expect(sandbox.admin.members().map((m) => m.email_address)).toEqual(['bob@one.example']);
      updateContact(db, bob.id, { emails: [{ value: 'bob@three.example' }] }, ctx);
      const last = await sync().done;
      expect(last.code, last.stderr).toBe(0);

      expect(sandbox.admin.members().map((m) => [m.email_address, m.merge_fields.FERRYID])).toEqual([['bob@three.example', bob.uid]]);
    } finally {
      db.close();
      await proxy.close();
      await sandbox.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
