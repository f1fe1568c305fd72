import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCard } from '../../main/store/cards';
import { createConnection } from '../../main/store/connections';
import { countContacts } from '../../main/store/contacts';
import { openDatabase } from '../../main/store/db';
import { readCheckpoint } from '../../main/store/pull-checkpoints';
import { KILL_PHASES, startKillSwitchProxy, type KillPhase, type KillSwitchProxy } from './kill-switch-proxy';
import { spawnFerry } from './run-ferry';
import { tempDir } from './temp-dir';

/** The pull-only connection a trial makes, pointed at the kill-switch proxy (the token travels in the environment). */
export type PullKillConnection = Pick<Parameters<typeof createConnection>[1], 'kind' | 'label' | 'config'>;

export interface PullKillResult {
  killed: boolean;
  /** records the checkpoint had recorded as pulled when the process died */
  pagesBeforeKill: number;
  contacts: number;
  links: number;
  distinctLinks: number;
  /** CRM record id → the uid of the Ferry contact linked to it, after the clean pull */
  uidByExternalId: Map<string, string>;
}

/**
 * One kill trial of a first `ferry pull` in its own data folder: the real CLI
 * pulls a pull-only connection through the kill-switch proxy, dies at request
 * `at` in `phase` (keyed to the request count, never to time), then a clean
 * `ferry pull` finishes. Returns what the database holds afterwards.
 */
async function killedPullTrial(o: {
  proxy: KillSwitchProxy;
  connection: PullKillConnection;
  env: Record<string, string>;
  at: number;
  phase: KillPhase;
  /** instead of `at`: the request to die at, picked by method and path (the proxy's armOn) */
  on?: (method: string, path: string) => boolean;
}): Promise<PullKillResult> {
  const dataDir = tempDir();
  const db = openDatabase(dataDir);
  const cardId = createCard(db, 'Crash').id;
  const c = createConnection(db, { cardId, direction: 'pull', ...o.connection });
  db.close();
  const run = spawnFerry(['--data-dir', dataDir, 'pull'], o.env);
  let killed = false;
  const kill = (): void => { killed = true; run.child.kill('SIGKILL'); };
  if (o.on) o.proxy.armOn(o.on, o.phase, kill);
  else o.proxy.arm(o.at, o.phase, kill);
  await run.done;
  o.proxy.disarm();
  const check = openDatabase(dataDir);
  const pagesBeforeKill = readCheckpoint(check, c.id).pulled;
  check.close();
  const final = await spawnFerry(['--data-dir', dataDir, 'pull'], o.env).done;
  if (final.code !== 0) throw new Error(`the clean pull failed: ${final.stderr}`);
  const after = openDatabase(dataDir);
  const contacts = countContacts(after, cardId);
  const links = after.prepare('SELECT COUNT(*) FROM sync_links WHERE connection_id = ?').pluck().get(c.id) as number;
  const distinctLinks = after.prepare('SELECT COUNT(DISTINCT external_id) FROM sync_links WHERE connection_id = ?').pluck().get(c.id) as number;
  const rows = after.prepare('SELECT l.external_id AS id, c.uid AS uid FROM sync_links l JOIN contacts c ON c.id = l.contact_id WHERE l.connection_id = ?').all(c.id) as { id: string; uid: string }[];
  after.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { killed, pagesBeforeKill, contacts, links, distinctLinks, uidByExternalId: new Map(rows.map((r) => [r.id, r.uid])) };
}

/**
 * What every kill trial must end with: the process did die where it was armed, and after
 * the clean pull each of the CRM's `records` is exactly one Ferry contact, linked once.
 * `where` names the kill point ("request 7", "a stamp of the first page").
 */
function expectEachRecordOnce(r: PullKillResult, records: number, where: string, phase: KillPhase): void {
  const why = `killed at ${where}, ${phase} (after ${r.pagesBeforeKill} records were checkpointed)`;
  expect(r.killed, why).toBe(true);
  expect(r.contacts, why).toBe(records);
  expect(r.links, why).toBe(records);
  expect(r.distinctLinks, why).toBe(records);
}

/**
 * And each of the CRM's `records` carries, as its Ferry ID, the uid of the one contact
 * linked to it: no record unstamped, none with another contact's uid, no uid twice.
 */
function expectEachRecordStamped(r: PullKillResult, stamps: CrmStamp[], records: number, where: string, phase: KillPhase): void {
  const why = `killed at ${where}, ${phase}`;
  expect(stamps.length, why).toBe(records);
  for (const s of stamps) expect(s.ferryId, `${why}: ${s.id} carries its contact's uid`).toBe(r.uidByExternalId.get(s.id));
  expect(new Set(stamps.map((s) => s.ferryId)).size, why).toBe(records);
}

/** A CRM record after the clean pull: its id there and the Ferry ID stamped on it. */
export interface CrmStamp { id: string; ferryId: unknown }

/**
 * Where a trial's pull dies: the n-th API request of the first pull (as the proxy
 * counts them, setup requests included), or the request a picker picks by method and
 * path; `picks` makes a fresh picker for each trial, since a picker may count.
 */
export type PullKillPoint = number | { where: string; picks: () => (method: string, path: string) => boolean };

/** A picker of the `n`-th request that `matches` picks, counted from the picker's making. */
export function nthRequest(n: number, matches: (method: string, path: string) => boolean): (method: string, path: string) => boolean {
  let seen = 0;
  return (method, path) => matches(method, path) && ++seen === n;
}

/** A sandbox CRM on loopback that a kill trial can empty between trials. */
interface KillTrialSandbox { url: string; close(): Promise<void>; admin: { reset(): void } }

/**
 * The kill tests of one CRM's first pull: its sandbox behind a kill-switch proxy, one
 * test per kill point, each killing `ferry pull` there in every phase (before the
 * request reaches the CRM, after it answered but before Ferry heard, after Ferry
 * heard) on a freshly seeded sandbox, then a clean `ferry pull`. Every one of the
 * CRM's `records` must end as exactly one Ferry contact, linked once, its record
 * stamped with that contact's uid. What the CRM's file says is what is its own.
 */
export function describePullKills<S extends KillTrialSandbox>(o: {
  title: string;
  /** what the CRM calls a record, for the tests' names: record, member, person */
  noun: string;
  records: number;
  start: () => Promise<S>;
  /** adds `records` records to the emptied sandbox */
  seed: (sandbox: S, records: number) => void;
  connection: (proxyUrl: string) => PullKillConnection;
  env: Record<string, string>;
  killPoints: readonly PullKillPoint[];
  /** every record the sandbox holds, with the Ferry ID on it */
  stamps: (sandbox: S) => CrmStamp[];
}): void {
  describe(o.title, () => {
    let sandbox: S;
    let proxy: KillSwitchProxy;

    beforeAll(async () => {
      sandbox = await o.start();
      proxy = await startKillSwitchProxy(sandbox.url);
    });
    afterAll(async () => {
      await proxy.close();
      await sandbox.close();
    });

    for (const point of o.killPoints) {
      const where = typeof point === 'number' ? `request ${point}` : point.where;
      it(`killed at ${where} (before, answered, delivered): no duplicate contact and no lost ${o.noun}`, { timeout: 10 * 60_000 }, async () => {
        for (const phase of KILL_PHASES) {
          sandbox.admin.reset();
          o.seed(sandbox, o.records);
          const r = await killedPullTrial({
            proxy, phase, env: o.env, connection: o.connection(proxy.url),
            ...(typeof point === 'number' ? { at: point } : { at: 0, on: point.picks() }),
          });
          expectEachRecordOnce(r, o.records, where, phase);
          expectEachRecordStamped(r, o.stamps(sandbox), o.records, where, phase);
        }
      });
    }
  });
}
