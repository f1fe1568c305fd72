import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startMailchimpSandbox, SANDBOX_AUDIENCE_ID, type MailchimpSandbox } from '../../main/sandbox/mailchimp/index';
import { createCard } from '../../main/store/cards';
import { createConnection } from '../../main/store/connections';
import { createContact, updateContact } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';
import { getLinks } from '../../main/store/sync-links';
import { startKillSwitchProxy, type KillPhase, type KillSwitchProxy } from '../support/kill-switch-proxy';
import { spawnFerry, type FerryRun } from '../support/run-ferry';

const KEY = 'fedcba9876543210fedcba9876543210-us21';
const ctx = { region: 'US' };
/** the batch subscribe/update call, POST /3.0/lists/{list_id} (not …/members, not …/merge-fields) */
const isBatch = (method: string, route: string): boolean => method === 'POST' && route === `/3.0/lists/${SANDBOX_AUDIENCE_ID}`;
const isMove = (method: string): boolean => method === 'PATCH';

interface Setup {
  sandbox: MailchimpSandbox;
  proxy: KillSwitchProxy;
  db: Db;
  cardId: number;
  connectionId: number;
  /** `ferry sync` in its own process, to the end */
  sync(): Promise<FerryRun>;
  /** `ferry sync`, SIGKILLed at the first request `matches` picks, in `phase` */
  killedAt(matches: (method: string, route: string) => boolean, phase: KillPhase): Promise<void>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0)) await c(); });

/** A Mailchimp sandbox behind a kill switch, and a data folder with a Mailchimp connection to it. */
async function setup(): Promise<Setup> {
  const sandbox = await startMailchimpSandbox({ apiKey: KEY });
  const proxy = await startKillSwitchProxy(sandbox.url);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-mc-move-'));
  const db = openDatabase(dataDir);
  cleanups.push(async () => {
    db.close();
    await proxy.close();
    await sandbox.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const cardId = createCard(db, 'Expo').id;
  const connectionId = createConnection(db, { cardId, kind: 'mailchimp', label: 'Mailchimp', config: { baseUrl: `${proxy.url}/3.0`, audience: SANDBOX_AUDIENCE_ID, auth: 'api-key', tokenEnv: 'FERRY_MAILCHIMP_KEY' } }).id;
  const spawn = () => spawnFerry(['--data-dir', dataDir, 'sync'], { FERRY_MAILCHIMP_KEY: KEY });
  return {
    sandbox, proxy, db, cardId, connectionId,
    sync: () => spawn().done,
    killedAt: async (matches, phase) => {
      const run = spawn();
      proxy.armOn(matches, phase, () => run.child.kill('SIGKILL'));
      expect((await run.done).signal).toBe('SIGKILL');
      proxy.disarm();
    },
  };
}

/**
 * The window issue 17 names: Ferry is killed after Mailchimp applied a contact's
 * FIRST push and before Ferry saved the answer, then the rep changes the e-mail
 * before the next sync. The member is keyed by the old address's hash only, so
 * without what the engine kept before sending, the next sync adds a second member.
 * Kills land once Mailchimp did the work and before its answer reached Ferry
 * ('answered'), so the link is certainly not saved.
 */
describe('Mailchimp: a first push applied but never saved, then a new e-mail', () => {
  for (const consent of [false, true]) {
    it(`moves the member Ferry started instead of adding a second one (${consent ? 'subscribed' : 'non-subscribed'})`, { timeout: 120_000 }, async () => {
      const s = await setup();
      const ada = createContact(s.db, s.cardId, { firstName: 'Ada', emails: [{ value: 'ada@first.example' }], tags: consent ? ['marketing-consent'] : [] }, ctx);

      await s.killedAt(isBatch, 'answered');
      // Mailchimp holds the member; Ferry has no link for it
      expect(s.sandbox.admin.members().map((m) => m.email_address)).toEqual(['ada@first.example']);
      expect(getLinks(s.db, s.connectionId, [ada.id]).get(ada.id)?.externalId ?? null).toBeNull();

      updateContact(s.db, ada.id, { emails: [{ value: 'ada@second.example' }] }, ctx);
      const second = await s.sync();
      expect(second.code, second.stderr).toBe(0);

      const members = s.sandbox.admin.members();
      expect(members.map((m) => m.email_address)).toEqual(['ada@second.example']);
      expect(members[0]).toMatchObject({ status: consent ? 'subscribed' : 'transactional', merge_fields: { FERRYID: ada.uid, FNAME: 'Ada' } });
      expect(getLinks(s.db, s.connectionId, [ada.id]).get(ada.id)).toMatchObject({ externalId: expect.any(String), unconfirmed: [] });
    });
  }

  it('keeps every unconfirmed address until one is confirmed: killed again before the move left, then a third address', { timeout: 120_000 }, async () => {
    const s = await setup();
    const bob = createContact(s.db, s.cardId, { firstName: 'Bob', emails: [{ value: 'bob@one.example' }] }, ctx);

    await s.killedAt(isBatch, 'answered');
    updateContact(s.db, bob.id, { emails: [{ value: 'bob@two.example' }] }, ctx);
    // the move from bob@one never reaches Mailchimp: the member stays there, and bob@two was only tried
    await s.killedAt(isMove, 'before');
    expect(s.sandbox.admin.members().map((m) => m.email_address)).toEqual(['bob@one.example']);
    updateContact(s.db, bob.id, { emails: [{ value: 'bob@three.example' }] }, ctx);
    const last = await s.sync();
    expect(last.code, last.stderr).toBe(0);

    expect(s.sandbox.admin.members().map((m) => [m.email_address, m.merge_fields.FERRYID])).toEqual([['bob@three.example', bob.uid]]);
  });
});
