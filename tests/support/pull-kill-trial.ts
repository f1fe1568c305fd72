import fs from 'node:fs';
import { expect } from 'vitest';
import { createCard } from '../../main/store/cards';
import { createConnection } from '../../main/store/connections';
import { countContacts } from '../../main/store/contacts';
import { openDatabase } from '../../main/store/db';
import { readCheckpoint } from '../../main/store/pull-checkpoints';
import type { KillPhase, KillSwitchProxy } from './kill-switch-proxy';
import { spawnFerry } from './run-ferry';
import { tempDir } from './temp-dir';

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
export async function killedPullTrial(o: {
  proxy: KillSwitchProxy;
  connection: Pick<Parameters<typeof createConnection>[1], 'kind' | 'label' | 'config'>;
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
export function expectEachRecordOnce(r: PullKillResult, records: number, where: string, phase: KillPhase): void {
  const why = `killed at ${where}, ${phase} (after ${r.pagesBeforeKill} records were checkpointed)`;
  expect(r.killed, why).toBe(true);
  expect(r.contacts, why).toBe(records);
  expect(r.links, why).toBe(records);
  expect(r.distinctLinks, why).toBe(records);
}
