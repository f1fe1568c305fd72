import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';
import { defaultCard } from '../../main/store/cards';
import { listConnections, updateConnection } from '../../main/store/connections';
import { createContact } from '../../main/store/contacts';
import { iterateRuns } from '../../main/store/sync-log';
import { openDatabase } from '../../main/store/db';

const FERRY = path.resolve(import.meta.dirname, '../../bin/ferry.js');
const run = promisify(execFile);

/** One simulated laptop: its own data folder, and later its own `ferry agent` process. */
export interface Laptop {
  index: number;
  dataDir: string;
  agent?: ChildProcess;
  /** everything the agent printed, for the report when something goes wrong */
  output: string[];
}

export function makeLaptops(count: number): Laptop[] {
  return Array.from({ length: count }, (_, index) => ({
    index,
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), `ferry-fleet-${index}-`)),
    output: [],
  }));
}

/** The environment of one laptop's `ferry` processes: the same for all, or each rep's own. */
export type LaptopEnv = NodeJS.ProcessEnv | ((l: Laptop) => NodeJS.ProcessEnv);
const envOf = (env: LaptopEnv, l: Laptop): NodeJS.ProcessEnv => (typeof env === 'function' ? env(l) : env);

/** Runs `ferry <args>` for every laptop, `width` at a time (the machine has two cores). */
export async function ferryEach(laptops: Laptop[], args: (l: Laptop) => string[], env: LaptopEnv, width = 4): Promise<void> {
  const queue = [...laptops];
  await Promise.all(Array.from({ length: width }, async () => {
    for (let l = queue.shift(); l; l = queue.shift()) {
      await run(process.execPath, [FERRY, '--data-dir', l.dataDir, ...args(l)], { env: { ...process.env, ...envOf(env, l) } });
    }
  }));
}

/** Starts `ferry agent` on every laptop and resolves once each says it is running. */
export async function startAgents(laptops: Laptop[], env: LaptopEnv): Promise<void> {
  await Promise.all(laptops.map((l) => new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [FERRY, '--data-dir', l.dataDir, 'agent'], { env: { ...process.env, ...envOf(env, l) }, stdio: ['ignore', 'pipe', 'pipe'] });
    l.agent = child;
    readline.createInterface({ input: child.stderr! }).on('line', (line) => l.output.push(line));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      l.output.push(line);
      if (line.startsWith('Ferry agent running')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`laptop ${l.index}'s agent exited with ${code}:\n${l.output.join('\n')}`)));
  })));
}

export async function stopAgents(laptops: Laptop[]): Promise<void> {
  await Promise.all(laptops.map((l) => new Promise<void>((resolve) => {
    if (!l.agent || l.agent.exitCode !== null) return resolve();
    l.agent.removeAllListeners('exit');
    l.agent.once('exit', () => resolve());
    l.agent.kill('SIGTERM');
  })));
}

export function removeLaptops(laptops: Laptop[]): void {
  for (const l of laptops) fs.rmSync(l.dataDir, { recursive: true, force: true });
}

/** The e-mail of a laptop's k-th contact: every contact of the fleet is different. */
export const fleetEmail = (laptop: number, k: number): string => `rep${laptop}.contact${k}@fleet.example`;

/**
 * A rep's own contacts, written into the laptop's database the way the app
 * writes them (one transaction, each with its pending sync): the running agent
 * notices them on its next look at the outbox, as it would a rep's edits.
 */
export function addContacts(l: Laptop, count: number): void {
  const db = openDatabase(l.dataDir);
  try {
    const cardId = defaultCard(db).id;
    db.transaction(() => {
      for (let k = 0; k < count; k++) {
        createContact(db, cardId, { firstName: `Rep${l.index}`, lastName: `Contact ${k}`, emails: [{ value: fleetEmail(l.index, k), label: 'work' }], company: `Fleet ${l.index}` }, { region: 'US' });
      }
    })();
  } finally {
    db.close();
  }
}

/** Contacts still pending on a laptop (the outbox), and its connection's last sentence. */
export function laptopState(l: Laptop): { pending: number; lastError: string | null } {
  const db = openDatabase(l.dataDir);
  try {
    const pending = db.prepare("SELECT COUNT(*) FROM outbox WHERE state = 'pending'").pluck().get() as number;
    const lastError = (db.prepare('SELECT last_error FROM connections WHERE disconnected_at IS NULL ORDER BY id LIMIT 1').pluck().get() as string | null | undefined) ?? null;
    return { pending, lastError };
  } finally {
    db.close();
  }
}

/**
 * The rep turns Automatic on (what `ferry mode automatic` or the card's switch
 * writes): the running agent sees it on its next look and pushes everything
 * pending. One small write per laptop, so a fleet's switches land within
 * milliseconds of each other, whereas writing its 1,000 contacts takes a laptop
 * about a second of this process's time.
 */
export function turnAutomaticOn(l: Laptop): void {
  const db = openDatabase(l.dataDir);
  try {
    for (const c of listConnections(db)) updateConnection(db, c.id, { mode: 'automatic' });
  } finally {
    db.close();
  }
}

/** Pending contacts over the whole fleet (one cheap count per laptop). */
export function fleetPending(laptops: Laptop[]): number {
  return laptops.reduce((n, l) => n + laptopState(l).pending, 0);
}

/** CPU time (user + system, seconds) a process has used so far, from /proc; 0 where /proc is missing. */
export function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat; after "pid (comm) " they are the 12th and 13th
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The machine's idle and total CPU ticks so far (/proc/stat), for idle over an interval. */
export function machineTicks(): { idle: number; total: number } {
  try {
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    return { idle: (cpu[3] ?? 0) + (cpu[4] ?? 0), total: cpu.reduce((a, b) => a + b, 0) };
  } catch {
    return { idle: 0, total: 0 };
  }
}

/** A laptop's sync runs that called the CRM: when each began and ended (epoch ms, this machine's clock). */
export function laptopRuns(l: Laptop): { startedAt: number; finishedAt: number | null; apiCalls: number }[] {
  const db = openDatabase(l.dataDir);
  try {
    return [...iterateRuns(db, {})].filter((r) => r.apiCalls > 0).map((r) => ({ startedAt: r.startedAt, finishedAt: r.finishedAt, apiCalls: r.apiCalls }));
  } finally {
    db.close();
  }
}
