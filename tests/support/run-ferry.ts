import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const FERRY_BIN = path.resolve(import.meta.dirname, '../../bin/ferry.js');

export interface FerryRun { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** Starts the real `ferry` executable, as a user would after `npm install`; `done` settles when it exits. */
export function spawnFerry(args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; done: Promise<FerryRun> } {
  const child = spawn(process.execPath, [FERRY_BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const done = new Promise<FerryRun>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Runs the real `ferry` executable to the end. */
export function runFerry(args: string[], env: NodeJS.ProcessEnv = {}): Promise<FerryRun> {
  return spawnFerry(args, env).done;
}
