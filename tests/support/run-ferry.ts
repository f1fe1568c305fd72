import { spawn } from 'node:child_process';
import path from 'node:path';

export const FERRY_BIN = path.resolve(import.meta.dirname, '../../bin/ferry.js');

export interface FerryRun { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/**
 * Runs the real `ferry` executable, as a user would after `npm install`;
 * with `killAfterMs` it is killed with SIGKILL at that moment unless it finished.
 */
export function runFerry(args: string[], env: NodeJS.ProcessEnv = {}, killAfterMs: number | null = null): Promise<FerryRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [FERRY_BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = killAfterMs === null ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
