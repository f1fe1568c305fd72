import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface SandboxProcess {
  url: string;
  /** the ready-to-use token (HubSpot, Salesforce) */
  token: string;
  /** the catch-hook URL (Zapier) */
  hookUrl: string;
  /** the sandbox's process id (for its CPU time) */
  pid: number | undefined;
  /** GET a sandbox admin route */
  admin<T>(route: string): Promise<T>;
  stop(): Promise<void>;
}

const FERRY = path.resolve(import.meta.dirname, '../../bin/ferry.js');

/**
 * Starts `ferry sandbox <kind>` in its own process, so a benchmark's memory and
 * CPU numbers are Ferry's alone, not the fake CRM's.
 */
export async function startSandboxProcess(kind: string, args: string[] = []): Promise<SandboxProcess> {
  const child: ChildProcess = spawn(process.execPath, [FERRY, '--json', 'sandbox', kind, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const info = await new Promise<{ url: string; token: string; hookUrl: string }>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      try {
        resolve(JSON.parse(out) as { url: string; token: string; hookUrl: string });
      } catch {
        // not the whole JSON yet
      }
    });
    child.on('exit', (code) => reject(new Error(`the ${kind} sandbox exited with ${code}`)));
  });
  return {
    ...info,
    pid: child.pid,
    admin: async <T>(route: string) => (await (await fetch(`${info.url}/__sandbox/${route}`)).json()) as T,
    stop: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
