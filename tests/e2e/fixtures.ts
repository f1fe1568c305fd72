import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, test as base, type Page } from '@playwright/test';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ARTIFACTS = path.join(ROOT, 'tests/artifacts');

export interface FerryServer {
  url: string;
  dataDir: string;
  /** with FERRY_E2E_OAUTH=1: the HubSpot sandbox Ferry's OAuth client is registered with */
  oauthSandbox?: string;
  /** the per-launch token this Ferry's in-app sandboxes accept (serve-web.mjs chose it) */
  sandboxToken: string;
}

/** Starts the web mode (tests/e2e/serve-web.mjs) on a fresh data folder; the caller stops it. */
export async function startFerry(env: NodeJS.ProcessEnv = {}): Promise<FerryServer & { stop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-ui-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'tests/e2e/serve-web.mjs'), dataDir], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, DISPLAY: '', ...env },
  });
  const ready = await new Promise<{ url: string; sandboxToken: string; oauthSandbox?: string }>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { url?: string; sandboxToken?: string; oauthSandbox?: string };
        if (parsed.url) resolve({ url: parsed.url, sandboxToken: parsed.sandboxToken ?? '', ...(parsed.oauthSandbox ? { oauthSandbox: parsed.oauthSandbox } : {}) });
      } catch {
        // not the ready line
      }
    });
    child.once('exit', (code) => reject(new Error(`the web mode exited early with code ${code}`)));
    setTimeout(() => reject(new Error('the web mode did not start within 60 s')), 60_000).unref();
  });
  return {
    ...ready,
    dataDir,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Each test gets its own Ferry: its own data folder, demo card and sandboxes. */
export const test = base.extend<{ ferry: FerryServer }>({
  // Playwright requires the destructured fixtures argument even when none are used.
  // eslint-disable-next-line no-empty-pattern
  ferry: async ({}, use) => {
    const server = await startFerry();
    await use(server);
    await server.stop();
  },
});
export { expect };

/** Calls a contract channel from the page over its own socket (as the app's bridge does). */
export async function callFerry<T>(page: Page, channel: string, input?: unknown): Promise<T> {
  const result = await page.evaluate(async ([ch, inp]) => {
    const ws = new WebSocket(`ws://${location.host}/ws`);
    await new Promise((resolve) => ws.addEventListener('open', resolve));
    const reply = new Promise<string>((resolve) => ws.addEventListener('message', (e) => {
      if ((JSON.parse(String(e.data)) as { id?: unknown }).id === 1) resolve(String(e.data));
    }));
    ws.send(JSON.stringify({ id: 1, channel: ch, input: inp }));
    const text = await reply;
    ws.close();
    return JSON.parse(text) as { result: { ok: boolean; value?: unknown; error?: { message: string } } };
  }, [channel, input] as const);
  if (!result.result.ok) throw new Error(`${channel} failed: ${result.result.error?.message}`);
  return result.result.value as T;
}

/** The sandbox's base URL, as the connection view exposes it (config.baseUrl). */
export async function sandboxUrl(page: Page, kind = 'hubspot'): Promise<string> {
  const list = await callFerry<{ kind: string; config: { baseUrl?: string } }[]>(page, 'listConnections');
  const url = list.find((c) => c.kind === kind)?.config.baseUrl;
  if (!url) throw new Error(`no ${kind} sandbox connection`);
  return url;
}

export async function sandboxAdmin(base: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', route: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${base.replace(/\/+$/, '')}/__sandbox/${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`sandbox ${method} ${route}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/** Add integration → HubSpot Sandbox → mode → Connect, through the UI. */
export async function connectHubSpotSandbox(page: Page, mode: 'manual' | 'automatic' = 'manual'): Promise<void> {
  await page.getByRole('button', { name: 'Add integration' }).first().click();
  await page.getByRole('dialog').getByRole('button', { name: /HubSpot Sandbox/ }).click();
  await page.getByRole('dialog').getByLabel('Sync mode').selectOption(mode);
  await page.getByRole('dialog').getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('connection-card')).toHaveCount(1);
}

export function shot(name: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, `${name}.png`);
}
