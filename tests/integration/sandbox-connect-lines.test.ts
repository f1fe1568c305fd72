import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FERRY_BIN } from '../support/run-ferry';

/**
 * Issue 10, item 7: every `ferry sandbox <kind>` prints a "Connect it with: …"
 * line, and that line works when pasted into a shell. Each case starts the real
 * sandbox command, takes the printed line as it is, runs it with `sh` (a
 * `ferry` on PATH that is this repository's bin/ferry.js, as after
 * `npm install -g`) followed by `ferry sync` in the same shell, and reads the
 * sandbox's own record of what arrived.
 */

let bin: string;
const children: ChildProcessWithoutNullStreams[] = [];

beforeAll(() => {
  bin = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-bin-'));
  fs.writeFileSync(path.join(bin, 'ferry'), `#!/bin/sh\nexec "${process.execPath}" "${FERRY_BIN}" "$@"\n`, { mode: 0o755 });
});

afterAll(() => {
  for (const child of children) child.kill('SIGINT');
  fs.rmSync(bin, { recursive: true, force: true });
});

/** Starts `ferry sandbox <kind>` and resolves with its printed lines once the Connect line is there. */
function startSandbox(kind: string): Promise<string[]> {
  const child = spawn(process.execPath, [FERRY_BIN, 'sandbox', kind, '--port', '0'], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (line.startsWith('Connect it with: ')) resolve(lines);
    });
    child.once('exit', (code) => reject(new Error(`ferry sandbox ${kind} exited (${code}) before printing a Connect line: ${lines.join('\n')}`)));
  });
}

function shell(command: string, dataDir: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('sh', ['-c', command], {
    env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, FERRY_DATA_DIR: dataDir, DISPLAY: '' },
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const KINDS: { kind: string; arrived: (base: string) => Promise<number> }[] = [
  { kind: 'hubspot', arrived: async (base) => ((await (await fetch(`${base}/__sandbox/contacts`)).json()) as { results: unknown[] }).results.length },
  { kind: 'salesforce', arrived: async (base) => ((await (await fetch(`${base}/__sandbox/state`)).json()) as { counts: { Contact: number } }).counts.Contact },
  { kind: 'pipedrive', arrived: async (base) => ((await (await fetch(`${base}/__sandbox/persons`)).json()) as { results: unknown[] }).results.length },
  { kind: 'zapier', arrived: async (base) => ((await (await fetch(`${base}/__sandbox/deliveries?accepted=true`)).json()) as { results: unknown[] }).results.length },
  { kind: 'zoho', arrived: async (base) => ((await (await fetch(`${base}/__sandbox/contacts`)).json()) as { results: unknown[] }).results.length },
  { kind: 'dynamics', arrived: async (base) => ((await (await fetch(`${base}/__sandbox/state`)).json()) as { contacts: number }).contacts },
  { kind: 'webhook', arrived: async (base) => ((await (await fetch(`${base}/__sandbox/deliveries?accepted=true`)).json()) as { results: unknown[] }).results.length },
  { kind: 'mailchimp', arrived: async (base) => ((await (await fetch(`${base}/__sandbox/members`)).json()) as { members: unknown[] }).members.length },
];

describe('every ferry sandbox prints a Connect line that works when pasted', () => {
  for (const { kind, arrived } of KINDS) {
    it(`ferry sandbox ${kind}`, async () => {
      const lines = await startSandbox(kind);
      const connect = lines.find((l) => l.startsWith('Connect it with: '))!.slice('Connect it with: '.length);
      const base = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(lines[0] ?? '')?.[1];
      expect(base, lines.join('\n')).toBeDefined();
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ferry-connect-${kind}-`));
      try {
        shell('ferry contacts add --first Ada --last Lovelace --email ada@example.com --company "Analytical Engines"', dataDir);
        // pasted, then `ferry sync` in the same shell (the line exports the variable a headless run reads at each sync)
        const connected = shell(`${connect} && ferry sync`, dataDir);
        expect(connected.status, `${connect}\n${connected.stdout}\n${connected.stderr}`).toBe(0);
        expect(await arrived(base!)).toBeGreaterThanOrEqual(1);
        if (kind === 'zapier' || kind === 'webhook') {
          // a receiver on this computer, not a Ferry sandbox connection: the card says so
          const status = shell('ferry status --json', dataDir);
          expect(status.stdout).toMatch(/"localReceiver": true/);
        }
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });
  }
});
