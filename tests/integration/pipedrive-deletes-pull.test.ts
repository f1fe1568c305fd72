/**
 * CRM→Ferry deletes from Pipedrive on pull, against the Pipedrive sandbox's v1 recents
 * (`GET /api/v1/recents?since_timestamp=…&items=person`, a deleted person with
 * `active_flag: false`, as Pipedrive answers it) with real SQLite: off by default (no
 * call), opt-in to delete (restorable) or tag, never a delete of a contact with changes
 * not sent yet, each pull asks only from the newest update_time it read (one request when
 * fewer than 500 persons changed), a delete in that very second is not skipped, a merge's
 * other person is a deleted person, and a pull killed at its recents request applies each
 * delete exactly once after the restart.
 */
import fs from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPipedriveSandbox, type PipedriveSandbox } from '../../main/sandbox/pipedrive/index';
import { PAGE_OVERLAP, RECENTS_PAGE, v1Timestamp } from '../../main/crm/pipedrive/deleted-records';
import { createPipedriveConnector } from '../../main/crm/pipedrive/connector';
import { SyncError, type PullContext, type PushContext } from '../../main/sync/connector';
import { setFromCrmDeleteMode } from '../../main/forget/delete-setting';
import { recordActionsFor } from '../../main/crm/record-actions';
import { mergeContacts } from '../../main/duplicates/merge-service';
import { createCard } from '../../main/store/cards';
import { createConnection } from '../../main/store/connections';
import { countContacts, createContact, getContact, listContacts } from '../../main/store/contacts';
import { openDatabase } from '../../main/store/db';
import { readSettingValue, writeSettingValue } from '../../main/store/settings';
import { deletesOnPullHarness, deletesOnPullTests } from '../support/deletes-on-pull';
import { KILL_PHASES, startKillSwitchProxy, type KillSwitchProxy } from '../support/kill-switch-proxy';
import { spawnFerry } from '../support/run-ferry';
import { tempDir } from '../support/temp-dir';

const TOKEN = 'pd-deletes-pull-token-0123456789';
const region = { region: 'US' };
const DAY = 86_400_000;
/**
 * The company's clock, moved by the tests (Pipedrive's update_time is to the second): it starts
 * on a whole minute an hour before this machine's now, well inside the 30 days a first read asks for.
 */
const start = (): number => Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;
let t0 = start();
let companyNow = t0;
const h = deletesOnPullHarness(() => {
  t0 = start();
  companyNow = t0;
  return startPipedriveSandbox({ port: 0, token: TOKEN, clock: () => companyNow, limits: { burst: 100_000, searchBurst: 100_000, dailyBudget: 1_000_000_000 } });
});

const personByEmail = (email: string) => h.sandbox.admin.persons().find((p) => p.emails[0]?.value === email);
const recentsCalls = () => h.sandbox.admin.recentsAsked();
/** a v1 timestamp `s` seconds after the company clock's start, `YYYY-MM-DD HH:MM:SS`, URL-encoded when asked */
const at = (s: number): string => v1Timestamp(t0 + s * 1000);
const q = (s: number): string => encodeURIComponent(at(s));
const positionOf = (id: number): unknown => readSettingValue(h.db, `pull.deletes-position.${id}`);

/** Ada and Bob sent to Pipedrive on a two-way connection and pulled once; a minute later Pipedrive deletes Ada's person. */
async function adaDeletedInPipedrive(mode: 'off' | 'delete' | 'tag' | null): Promise<{ id: number; ada: number; bob: number; person: number }> {
  const ada = createContact(h.db, h.cardId, { firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }] }, region).id;
  const bob = createContact(h.db, h.cardId, { firstName: 'Bob', lastName: 'Babbage', emails: [{ value: 'bob@example.com' }] }, region).id;
  const c = await h.engine.connect({ cardId: h.cardId, kind: 'pipedrive', mode: 'manual', config: { baseUrl: h.sandbox.url, auth: 'private-app' }, secrets: { private_app_token: TOKEN } });
  h.engine.setDirection(c.id, 'two-way');
  if (mode) setFromCrmDeleteMode(h.db, c.id, mode, Date.now());
  await h.engine.syncNow(c.id);
  await h.engine.pullNow(c.id);
  const person = personByEmail('ada@example.com')?.id ?? 0;
  companyNow += 60_000;
  expect(h.sandbox.admin.deletePerson(person)).toBe(true);
  return { id: c.id, ada, bob, person };
}

describe('the sandbox lists deleted persons in v1 recents as Pipedrive does', () => {
  const recents = async (query: string): Promise<{ status: number; body: { data?: Array<{ item: string; id: number; data: Record<string, unknown> }>; additional_data?: Record<string, unknown> } }> => {
    const response = await fetch(`${h.sandbox.url}/api/v1/recents?${query}`, { headers: { 'x-api-token': TOKEN } });
    return { status: response.status, body: await response.json() as never };
  };

  it('lists persons changed after since_timestamp, a deleted one with active_flag false until Pipedrive erases it 30 days on', async () => {
    const kept = h.sandbox.admin.seedPerson({ name: 'Kept Person', emails: ['kept@example.com'] });
    const gone = h.sandbox.admin.seedPerson({ name: 'Gone Person', emails: ['gone@example.com'] });
    companyNow += 5_000;
    h.sandbox.admin.deletePerson(gone.id);
    // v2 no longer has it
    expect((await fetch(`${h.sandbox.url}/api/v2/persons/${gone.id}`, { headers: { 'x-api-token': TOKEN } })).status).toBe(404);
    const all = await recents(`since_timestamp=${q(-1)}&items=person`);
    expect(all.status).toBe(200);
    expect(all.body.data).toEqual([
      { item: 'person', id: kept.id, data: expect.objectContaining({ id: kept.id, active_flag: true, update_time: at(0) }) },
      { item: 'person', id: gone.id, data: expect.objectContaining({ id: gone.id, active_flag: false, update_time: at(5) }) },
    ]);
    expect(all.body.additional_data).toMatchObject({ since_timestamp: at(-1), last_timestamp_on_page: at(5), pagination: { start: 0, limit: 100, more_items_in_collection: false } });
    // "after" the timestamp: the second of the delete itself is not after it
    expect((await recents(`since_timestamp=${q(5)}&items=person`)).body.data).toEqual([]);
    // a timestamp in another format is refused
    expect((await recents(`since_timestamp=${encodeURIComponent(new Date(t0).toISOString())}&items=person`)).status).toBe(400);
    companyNow += 31 * DAY;
    expect((await recents(`since_timestamp=${q(-1)}&items=person`)).body.data?.map((e) => e.id)).toEqual([kept.id]);
  });

  it('a merge keeps merge_with_id and deletes the other person', async () => {
    const other = h.sandbox.admin.seedPerson({ name: 'Ada L.', emails: ['ada@example.com'] });
    const keep = h.sandbox.admin.seedPerson({ name: 'Ada Lovelace', phones: ['+14155550100'] });
    companyNow += 1_000;
    const merged = await fetch(`${h.sandbox.url}/api/v1/persons/${other.id}/merge`, { method: 'PUT', headers: { 'x-api-token': TOKEN, 'content-type': 'application/json' }, body: JSON.stringify({ merge_with_id: keep.id }) });
    expect(merged.status).toBe(200);
    expect(h.sandbox.admin.persons().map((p) => [p.id, p.emails[0]?.value])).toEqual([[keep.id, 'ada@example.com']]);
    const listed = (await recents(`since_timestamp=${q(0)}&items=person`)).body.data ?? [];
    expect(listed.map((e) => [e.id, e.data.active_flag])).toEqual([[other.id, false], [keep.id, true]]);
  });
});

describe('deletes in Pipedrive reaching Ferry on pull', () => {
  deletesOnPullTests({
    crmName: 'Pipedrive',
    h,
    adaDeleted: adaDeletedInPipedrive,
    deletesRead: 'recents request',
    deletesReads: () => recentsCalls().length,
    clearRequests: () => h.sandbox.admin.clearRequests(),
    records: () => h.sandbox.admin.persons().length,
  });

  it('each pull asks only from the newest update_time it read, one second before it: one request, and a delete in that very second is not skipped', async () => {
    const { id, ada, person } = await adaDeletedInPipedrive('tag');
    h.sandbox.admin.clearRequests();
    await h.engine.pullNow(id);
    expect(getContact(h.db, ada)?.tags).toEqual(['Deleted in Pipedrive']);
    expect(positionOf(id)).toEqual({ since: at(60) });
    // nothing deleted since: one request, from the second before the position
    h.sandbox.admin.clearRequests();
    const quiet = await h.engine.pullNow(id);
    expect(quiet).toMatchObject({ state: 'succeeded', error: null });
    expect(recentsCalls()).toEqual([{ since: at(59), start: 0, limit: RECENTS_PAGE }]);
    // Bob's person deleted in the position's own second (the company clock has not moved)
    const bobPerson = personByEmail('bob@example.com')?.id ?? 0;
    expect(h.sandbox.admin.deletePerson(bobPerson)).toBe(true);
    const bob = listContacts(h.db, h.cardId).find((c) => c.firstName === 'Bob')?.id ?? 0;
    const caught = await h.engine.pullNow(id);
    expect(caught.error).toBe('1 contact was deleted in Pipedrive: see the log.');
    expect(getContact(h.db, bob)?.tags).toEqual(['Deleted in Pipedrive']);
    // Ada's delete, read again in that second, changed nothing more
    expect(h.events(ada).filter((m) => m.startsWith('Deleted in Pipedrive'))).toHaveLength(1);
    expect(h.sandbox.admin.persons().map((p) => p.id)).not.toContain(person);
  });

  it(`reads past a page: ${RECENTS_PAGE + 100} persons changed since the last read cost two requests, and a delete on the second page is applied`, async () => {
    const { id, ada, bob } = await adaDeletedInPipedrive('delete');
    await h.engine.pullNow(id);
    expect(getContact(h.db, ada)?.deletedAt).not.toBeNull();
    companyNow += 60_000;
    for (let i = 0; i < RECENTS_PAGE + 100; i++) h.sandbox.admin.seedPerson({ name: `Other${i} Person`, emails: [`other${i}@example.com`] });
    companyNow += 1_000;
    h.sandbox.admin.deletePerson(personByEmail('bob@example.com')?.id ?? 0);
    h.sandbox.admin.clearRequests();
    const pulled = await h.engine.pullNow(id);
    expect(pulled).toMatchObject({ state: 'succeeded', created: RECENTS_PAGE + 100, error: '1 contact was deleted in Pipedrive: see the log.' });
    // pages overlap by PAGE_OVERLAP entries, so a person changed while Ferry pages is not pushed past a boundary
    expect(recentsCalls().map((r) => r.start)).toEqual([0, RECENTS_PAGE - PAGE_OVERLAP]);
    expect(getContact(h.db, bob)?.deletedAt).not.toBeNull();
  });

  it('a person merged away in Pipedrive is a deleted person: its contact takes the delete setting, the kept person stays linked to its own', async () => {
    const mary = createContact(h.db, h.cardId, { firstName: 'Mary', lastName: 'Somerville', emails: [{ value: 'mary@example.com' }] }, region).id;
    const fairfax = createContact(h.db, h.cardId, { firstName: 'Mary', lastName: 'Fairfax', emails: [{ value: 'm.fairfax@example.com' }], phones: [{ raw: '+14155550100' }] }, region).id;
    const c = await h.engine.connect({ cardId: h.cardId, kind: 'pipedrive', mode: 'manual', config: { baseUrl: h.sandbox.url, auth: 'private-app' }, secrets: { private_app_token: TOKEN } });
    h.engine.setDirection(c.id, 'two-way');
    setFromCrmDeleteMode(h.db, c.id, 'tag', Date.now());
    await h.engine.syncNow(c.id);
    await h.engine.pullNow(c.id);
    companyNow += 60_000;
    const other = personByEmail('m.fairfax@example.com')?.id ?? 0;
    const keep = personByEmail('mary@example.com')?.id ?? 0;
    // Mary Fairfax merged into Mary Somerville: the kept person wins its fields and takes the phone it lacked
    expect(h.sandbox.admin.mergePersons(other, keep)?.phones.map((p) => p.value)).toEqual(['+14155550100']);
    const pulled = await h.engine.pullNow(c.id);
    expect(pulled).toMatchObject({ state: 'succeeded', error: '1 contact was deleted in Pipedrive: see the log.' });
    expect(getContact(h.db, fairfax)).toMatchObject({ deletedAt: null, tags: ['Deleted in Pipedrive'] });
    expect(h.events(fairfax).at(-1)).toBe('Deleted in Pipedrive; kept in Ferry and tagged "Deleted in Pipedrive".');
    // the kept person stays Mary Somerville's, and the phone the merge gave it reaches her like any change
    expect(getContact(h.db, mary)).toMatchObject({ deletedAt: null, tags: [], phones: [expect.objectContaining({ raw: '+14155550100' })] });
    expect(h.db.prepare('SELECT contact_id AS c, external_id AS e FROM sync_links WHERE connection_id = ?').all(c.id)).toEqual([{ c: mary, e: String(keep) }]);
    expect(countContacts(h.db, h.cardId)).toBe(2);
  });

  it('a merge made in Ferry merges the persons in Pipedrive; the person it deleted there, read back by the next pull, leaves the merged contact alone', async () => {
    const { id, ada, bob } = await adaDeletedInPipedrive('delete');
    await h.engine.pullNow(id);
    // Bob's twin, sent to Pipedrive, then merged into Bob in Ferry and in Pipedrive
    const twin = createContact(h.db, h.cardId, { firstName: 'Bob', lastName: 'Babbage', emails: [{ value: 'bob.b@home.example' }] }, region).id;
    await h.engine.syncNow(id);
    const twinPerson = personByEmail('bob.b@home.example')?.id ?? 0;
    companyNow += 60_000;
    const merged = await mergeContacts({ db: h.db, recordActions: (c) => recordActionsFor(h.registry, c), now: () => Date.now() }, bob, twin);
    expect(merged.crms).toEqual([expect.objectContaining({ outcome: 'merged' })]);
    expect(h.sandbox.admin.persons().map((p) => p.id)).not.toContain(twinPerson);
    const pulled = await h.engine.pullNow(id);
    expect(pulled).toMatchObject({ state: 'succeeded', error: null });
    expect(getContact(h.db, bob)).toMatchObject({ deletedAt: null, tags: [] });
    expect(h.events(twin).some((m) => m.startsWith('Deleted in Pipedrive'))).toBe(false);
    expect(getContact(h.db, ada)?.deletedAt).not.toBeNull();
  });

  it('a read whose position was not kept (a crash after the deletes, before the position) reads them again and changes nothing', async () => {
    const { id, ada } = await adaDeletedInPipedrive('delete');
    const before = positionOf(id);
    await h.engine.pullNow(id);
    expect(getContact(h.db, ada)?.deletedAt).not.toBeNull();
    writeSettingValue(h.db, `pull.deletes-position.${id}`, before);
    const again = await h.engine.pullNow(id);
    expect(again).toMatchObject({ state: 'succeeded', error: null });
    expect(h.events(ada).filter((m) => m.startsWith('Deleted in Pipedrive'))).toHaveLength(1);
  });
});

describe('a Pipedrive that does not move on', () => {
  it('answers the same page of recents for every start: the read stops with a sentence instead of looping, and keeps no position', async () => {
    let asked = 0;
    // persons 1-500, more_items_in_collection true, whatever `start` says
    const company = createServer((_req, res) => {
      asked++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({
        success: true,
        data: Array.from({ length: RECENTS_PAGE }, (_, i) => ({ item: 'person', id: i + 1, data: { id: i + 1, active_flag: i % 2 === 0, update_time: '2026-11-02 09:00:00' } })),
        additional_data: { pagination: { start: 0, limit: RECENTS_PAGE, more_items_in_collection: true } },
      }));
    });
    await new Promise<void>((resolve) => company.listen(0, '127.0.0.1', resolve));
    try {
      const connection = await h.engine.connect({ cardId: h.cardId, kind: 'pipedrive', mode: 'manual', config: { baseUrl: h.sandbox.url, auth: 'private-app' }, secrets: { private_app_token: TOKEN } });
      const connector = createPipedriveConnector({ credential: async () => TOKEN, auth: 'api-token', baseUrl: `http://127.0.0.1:${(company.address() as AddressInfo).port}` });
      const paced: PushContext = { connection, beforeRequest: async () => {}, afterResponse: () => {}, signal: new AbortController().signal };
      const ctx: PullContext = { ...paced, search: paced };
      const read = connector.deletedRecords!(ctx, { since: '2026-11-02 09:00:00' });
      await expect(read).rejects.toBeInstanceOf(SyncError);
      await expect(read).rejects.toThrow('Pipedrive sent the same page of recent changes again, so Ferry could not read which persons were deleted. Ferry will try again.');
      expect(asked).toBe(2);
    } finally {
      await new Promise<void>((resolve) => company.close(() => resolve()));
    }
  });
});

describe('a pull killed at its recents request applies each Pipedrive delete once after the restart', () => {
  let sandbox: PipedriveSandbox;
  let proxy: KillSwitchProxy;
  beforeAll(async () => {
    // frozen: every person, and every delete, shares one update_time with the position the first pull keeps
    const frozen = start();
    sandbox = await startPipedriveSandbox({ port: 0, token: TOKEN, clock: () => frozen, limits: { burst: 100_000, searchBurst: 100_000, dailyBudget: 1_000_000_000 } });
    proxy = await startKillSwitchProxy(sandbox.url);
  });
  afterAll(async () => {
    await proxy.close();
    await sandbox.close();
  });

  for (const phase of KILL_PHASES) {
    it(`killed ${phase}: the three deleted persons' contacts are deleted once each, the others stay`, { timeout: 120_000 }, async () => {
      sandbox.admin.reset();
      for (let i = 0; i < 20; i++) sandbox.admin.seedPerson({ name: `F${i} L${i}`, emails: [`p${i}@example.com`] });
      const env = { FERRY_PIPEDRIVE_TOKEN: TOKEN };
      const dataDir = tempDir();
      const db = openDatabase(dataDir);
      const cardId = createCard(db, 'Crash').id;
      const c = createConnection(db, { cardId, direction: 'pull', kind: 'pipedrive', label: 'Pipedrive', config: { baseUrl: proxy.url, tokenEnv: 'FERRY_PIPEDRIVE_TOKEN', auth: 'private-app' } });
      setFromCrmDeleteMode(db, c.id, 'delete', Date.now());
      db.close();
      const first = await spawnFerry(['--data-dir', dataDir, 'pull'], env).done;
      expect(first.code, first.stderr).toBe(0);
      const gone = [3, 9, 15].map((i) => sandbox.admin.persons().find((p) => p.emails[0]?.value === `p${i}@example.com`)?.id ?? 0);
      for (const p of gone) sandbox.admin.deletePerson(p);

      const run = spawnFerry(['--data-dir', dataDir, 'pull'], env);
      let killed = false;
      proxy.armOn((method, path) => method === 'GET' && path.startsWith('/api/v1/recents'), phase, () => { killed = true; run.child.kill('SIGKILL'); });
      await run.done;
      proxy.disarm();
      expect(killed).toBe(true);
      const final = await spawnFerry(['--data-dir', dataDir, 'pull'], env).done;
      expect(final.code, final.stderr).toBe(0);

      const after = openDatabase(dataDir);
      const contacts = listContacts(after, cardId);
      expect(contacts).toHaveLength(17);
      expect(contacts.map((x) => x.emails[0]?.value)).not.toEqual(expect.arrayContaining(['p3@example.com']));
      const deletedEvents = after.prepare("SELECT COUNT(*) FROM sync_events WHERE message LIKE 'Deleted in Pipedrive%'").pluck().get() as number;
      expect(deletedEvents).toBe(3);
      expect(after.prepare('SELECT COUNT(*) FROM sync_links WHERE connection_id = ?').pluck().get(c.id)).toBe(17);
      after.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
  }
});
