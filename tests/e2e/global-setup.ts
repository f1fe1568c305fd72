import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the renderer, starts the web mode on a free port with a fresh data
 * folder, and hands its URL (token included) to the tests in FERRY_E2E_URL.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-e2e-'));
  const child = spawn(process.execPath, [path.join(ROOT, 'tests/e2e/serve-web.mjs'), dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, DISPLAY: '' } });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const parsed = JSON.parse(line) as { url?: string };
      if (parsed.url) resolve(parsed.url);
    });
    child.once('exit', (code) => reject(new Error(`the web mode exited early with code ${code}`)));
    setTimeout(() => reject(new Error('the web mode did not start within 30 s')), 30_000).unref();
  });
  process.env.FERRY_E2E_URL = url;

  return async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
