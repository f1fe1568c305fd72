import { afterEach, describe, expect, it } from 'vitest';
import { startDynamicsSandbox, type DynamicsSandbox } from '../../main/sandbox/dynamics/index';
import { runFerry, spawnFerry } from '../support/run-ferry';
import { tempDir } from '../support/temp-dir';

const CLIENT_ID = '5e1f0c2a-8d3b-4f6e-9a10-00000000c111';
const TENANT = 'ferry-cli.onmicrosoft.com';

let sandbox: DynamicsSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('ferry connect dynamics --oauth', () => {
  it('prints the Microsoft sign-in address, finishes when the browser comes back, keeps the tokens in the keychain and syncs', async () => {
    sandbox = await startDynamicsSandbox({ ferryIdPrefix: 'ferry' });
    sandbox.identity.registerApp({ clientId: CLIENT_ID, tenant: TENANT, redirectUris: ['http://localhost/oauth/callback'] });
    const dir = tempDir();
    const env = { FERRY_DYNAMICS_CLIENT_ID: CLIENT_ID, FERRY_DYNAMICS_TENANT: TENANT, FERRY_DYNAMICS_AUTH_BASE_URL: sandbox.url };
    const run = spawnFerry(['--data-dir', dir, 'connect', 'dynamics', '--oauth', '--org-url', sandbox.url, '--no-open'], env);
    // the rep opens the printed address: the sandbox approves and redirects to Ferry's loopback callback
    const address = await new Promise<string>((resolve) => {
      let seen = '';
      run.child.stderr?.on('data', (d: Buffer) => {
        seen += d.toString();
        const match = /(http:\/\/127\.0\.0\.1:\d+\/\S+\/oauth2\/v2\.0\/authorize\?\S+)/.exec(seen);
        if (match?.[1]) resolve(match[1]);
      });
    });
    const page = await fetch(address, { redirect: 'follow' });
    expect(await page.text()).toContain('Ferry is connected to Dynamics 365');
    const connected = await run.done;
    expect(connected.code).toBe(0);
    expect(connected.stdout + connected.stderr).toContain('Connected Dynamics 365 with your Dynamics 365 sign-in');
    // no token is printed or written in the data folder's database
    expect(connected.stdout + connected.stderr).not.toMatch(/eyJ0eXAiOiJKV1Qi\.[0-9a-f]{32}/);

    expect((await runFerry(['--data-dir', dir, 'contacts', 'add', '--first', 'Ada', '--last', 'Lovelace', '--email', 'ada@example.com'], env)).code).toBe(0);
    const sync = await runFerry(['--data-dir', dir, 'sync'], env);
    expect(sync.code).toBe(0);
    expect(sandbox.admin.contacts().map((c) => c.fields.emailaddress1)).toContain('ada@example.com');
  });

  it('asks for the organisation address before anything starts', async () => {
    const run = await runFerry(['--data-dir', tempDir(), 'connect', 'dynamics', '--oauth', '--no-open'], { FERRY_DYNAMICS_CLIENT_ID: CLIENT_ID });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Signing in with Dynamics 365 needs --org-url');
  });
});
