import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startHubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { eventually } from '../support/hubspot-harness';
import { tempDir } from '../support/temp-dir';
import { FERRY_BIN, runFerry } from '../support/run-ferry';

const TOKEN = 'pat-agent-test-token-77';

describe('ferry agent (headless scheduler)', () => {
  it('pushes a contact added by another `ferry` process within the automatic-mode delay, and stops cleanly', { timeout: 120_000 }, async () => {
    const sandbox = await startHubSpotSandbox({ port: 0 });
    sandbox.admin.registerToken({ token: TOKEN });
    const dir = tempDir();
    const env = { FERRY_HUBSPOT_TOKEN: TOKEN };
    try {
      const connect = await runFerry(['--data-dir', dir, 'connect', 'hubspot', '--base-url', sandbox.url, '--mode', 'automatic'], env);
      expect(connect.code, connect.stderr).toBe(0);

      const agent = spawn(process.execPath, [FERRY_BIN, '--data-dir', dir, 'agent'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let agentOut = '';
      agent.stdout.on('data', (d: Buffer) => { agentOut += d.toString(); });
      agent.stderr.on('data', (d: Buffer) => { agentOut += d.toString(); });
      await eventually(() => agentOut.includes('agent running'), 30_000);

      const add = await runFerry(['--data-dir', dir, 'contacts', 'add', '--first', 'Remote', '--last', 'Rep', '--email', 'remote.rep@example.com'], env);
      expect(add.code, add.stderr).toBe(0);
      const addedAt = Date.now();
      await eventually(() => sandbox.admin.contactByEmail('remote.rep@example.com') !== undefined, 15_000).catch((e: unknown) => { throw new Error(`${String(e)}; agent said: ${agentOut}`); });
      // automatic mode: within about two seconds of the change (plus a poll), not at the next manual sync
      expect(Date.now() - addedAt).toBeLessThan(10_000);

      const exited = new Promise<number | null>((resolve) => agent.on('exit', (code) => resolve(code)));
      agent.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(agentOut).toMatch(/1 created/);
    } finally {
      await sandbox.close();
    }
  });
});
