import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../../store/private-files';

/**
 * Where a data folder's sandboxes live on disk, under `<data>/sandboxes/`:
 * - `<kind>.state.json`: the sandbox's records, so links stay valid across restarts;
 * - `<kind>.host.json`: which Ferry process serves it now (pid, address, token),
 *   so another process (the CLI, the agent) uses that one instead of a copy;
 * - `<kind>.lock`: held while a process starts or serves it.
 * All 0600 (the token opens the sandbox; the state holds copies of contacts).
 */
export interface HostRecord {
  pid: number;
  port: number;
  /** the address connections use: the API base, or the Zapier hook URL */
  baseUrl: string;
  token: string;
}

function sandboxDir(dataDir: string): string {
  return path.join(dataDir, 'sandboxes');
}

const file = (dataDir: string, kind: string, suffix: string): string => path.join(sandboxDir(dataDir), `${kind}.${suffix}`);

/** Writes JSON atomically (temporary file, then rename): a crash leaves the old file or the new one, never half of one. */
export function writePrivateJson(target: string, value: unknown): void {
  ensurePrivateDir(path.dirname(target));
  const temp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(value), { mode: PRIVATE_FILE_MODE });
  fs.renameSync(temp, target);
}

function readJson(target: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(target, 'utf8')) as unknown;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export const stateFile = (dataDir: string, kind: string): string => file(dataDir, kind, 'state.json');
export const hostFile = (dataDir: string, kind: string): string => file(dataDir, kind, 'host.json');
const lockFile = (dataDir: string, kind: string): string => file(dataDir, kind, 'lock');

/**
 * The saved state, or undefined. A file that cannot be read as JSON is moved
 * aside (`.broken`) so the sandbox starts empty instead of not at all.
 */
export function readState(dataDir: string, kind: string): unknown {
  const target = stateFile(dataDir, kind);
  try {
    return readJson(target);
  } catch {
    fs.renameSync(target, `${target}.broken`);
    return undefined;
  }
}

export function readHost(dataDir: string, kind: string): HostRecord | undefined {
  let value: unknown;
  try {
    value = readJson(hostFile(dataDir, kind));
  } catch {
    return undefined;
  }
  const r = value as Partial<HostRecord> | undefined;
  return r && typeof r.pid === 'number' && typeof r.port === 'number' && typeof r.baseUrl === 'string' && typeof r.token === 'string'
    ? { pid: r.pid, port: r.port, baseUrl: r.baseUrl, token: r.token }
    : undefined;
}

export function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the kind's lock for this process: true when it is ours. A lock left by
 * a process that is gone is taken over; one held by a live process is not.
 */
export function takeLock(dataDir: string, kind: string): boolean {
  ensurePrivateDir(sandboxDir(dataDir));
  const target = lockFile(dataDir, kind);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(target, String(process.pid), { flag: 'wx', mode: PRIVATE_FILE_MODE });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(target, 'utf8'));
      if (holder === process.pid) return true;
      if (Number.isSafeInteger(holder) && holder > 0 && isAlive(holder)) return false;
      fs.rmSync(target, { force: true });
    }
  }
  return false;
}

/**
 * Gives up the lock, if this process holds it. The host record stays: its pid
 * is then dead, which tells others to take over, and its port is where the next
 * process serves the sandbox again, so connections keep their address.
 */
export function releaseLock(dataDir: string, kind: string): void {
  const target = lockFile(dataDir, kind);
  try {
    if (Number(fs.readFileSync(target, 'utf8')) === process.pid) fs.rmSync(target, { force: true });
  } catch {
    // no lock: nothing to give up
  }
}
