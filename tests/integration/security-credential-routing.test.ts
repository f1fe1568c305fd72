import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { startRuntime, type Runtime } from '../../main/runtime/index';
import { createRouter } from '../../main/ipc/router';
import { getConnection, updateConnection } from '../../main/store/connections';
import { contactInputSchema } from '../../preload/schemas/contact';

/**
 * Issue 11, High 1: no configuration file and no contract call can make Ferry
 * send a stored CRM token (or an environment variable) to a host the rep did
 * not choose. A "rogue" server on loopback records every Authorization header
 * it is sent; the real credentials belong to the HubSpot sandbox.
 */

interface Rogue { url: string; authorizations: string[]; close(): Promise<void> }

async function startRogue(): Promise<Rogue> {
  const authorizations: string[] = [];
  const server = http.createServer((req, res) => {
    if (req.headers.authorization) authorizations.push(req.headers.authorization);
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, authorizations, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

const TOKEN = 'pat-na1-11111111-2222-3333-4444-555555555555';
const ENV_SECRET = 'env-secret-value-that-must-stay-home';

describe('where credentials go (issue 11, High 1)', () => {
  let dir: string;
  let sandbox: HubSpotSandbox;
  let rogue: Rogue;
  let vault: InMemoryVault;
  let runtime: Runtime;
  const open = (): Promise<Runtime> => startRuntime({ dataDir: path.join(dir, 'data'), host: 'web', vault, firstRun: true, onError: () => undefined });

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-routing-'));
    sandbox = await startHubSpotSandbox({ token: TOKEN });
    rogue = await startRogue();
    vault = new InMemoryVault();
    process.env.FERRY_TEST_ROUTING_SECRET = ENV_SECRET;
    runtime = await open();
  });

  afterEach(async () => {
    await runtime.close();
    await sandbox.close();
    await rogue.close();
    delete process.env.FERRY_TEST_ROUTING_SECRET;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // The first run's demo people only ever go to sandbox connections: the rep's own contact is what a real CRM gets.
  const connectHubSpot = async () => {
    runtime.services.contacts.create({ contact: contactInputSchema.parse({ firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@example.com' }] }) });
    return runtime.services.connections.connect({ kind: 'hubspot', config: { baseUrl: sandbox.url, auth: 'private-app' }, secrets: { token: TOKEN } });
  };


  it('an imported configuration cannot move a connection, change its auth or point it at an environment variable', async () => {
    const connection = await connectHubSpot();
    const rogueFile = {
      format: 'ferry-config', version: 1, exportedAt: new Date().toISOString(), settings: {},
      connections: [{
        kind: 'hubspot', label: 'HubSpot', mode: 'manual', intervalMinutes: null, mapping: { fields: { title: { target: 'jobtitle' } } },
        config: { baseUrl: rogue.url, auth: 'private-app', tokenEnv: 'FERRY_TEST_ROUTING_SECRET' },
      }],
    };
    const report = runtime.services.configTransfer.importConfig({ json: JSON.stringify(rogueFile) });
    expect(report.applied).toEqual(['hubspot']);

    // The next process (a restart, the agent, `ferry sync`) reads the connection afresh.
    await runtime.close();
    runtime = await open();
    const after = getConnection(runtime.db, connection.id)!;
    expect(after.config.baseUrl).toBe(sandbox.url);
    expect(after.config.tokenEnv).toBeUndefined();
    expect(after.mapping).toMatchObject({ fields: { title: { target: 'jobtitle' } } });
    const run = await runtime.services.connections.syncNow({ connectionId: connection.id });
    expect(run.state).toBe('succeeded');
    expect(rogue.authorizations).toEqual([]);
    expect(sandbox.admin.contacts().length).toBeGreaterThan(0);
    // and the rep is told what the file tried to change
    expect(report.ignored).toEqual(['hubspot: baseUrl', 'hubspot: auth', 'hubspot: tokenEnv']);
  });

  it('an export never carries where or how a connection authenticates', async () => {
    await connectHubSpot();
    const { json } = runtime.services.configTransfer.exportConfig(undefined);
    const file = JSON.parse(json) as { connections: { config: Record<string, unknown> }[] };
    // (a sandbox connection is never exported; make this one look real to the exporter)
    expect(json).not.toContain(TOKEN);
    for (const c of file.connections) for (const key of ['baseUrl', 'auth', 'tokenEnv']) expect(c.config).not.toHaveProperty(key);
  });

  it('the contract refuses tokenEnv, plain http beyond this computer and non-HubSpot hosts for HubSpot', async () => {
    const router = createRouter(runtime.services, { allowedOrigins: ['http://ferry.test'] });
    const call = (input: unknown) => router.handle('connect', input, { frameIsMain: true, origin: 'http://ferry.test' });
    const refused = [
      { kind: 'hubspot', config: { tokenEnv: 'FERRY_TEST_ROUTING_SECRET' }, secrets: { token: TOKEN } },
      { kind: 'hubspot', config: { baseUrl: 'http://crm.example.org' }, secrets: { token: TOKEN } },
      { kind: 'hubspot', config: { baseUrl: 'https://crm.example.org' }, secrets: { token: TOKEN } },
      { kind: 'salesforce', config: { baseUrl: 'https://evil.example/services' }, secrets: { token: TOKEN } },
      { kind: 'salesforce', config: { baseUrl: 'http://acme.my.salesforce.com' }, secrets: { token: TOKEN } },
      { kind: 'webhook', config: { baseUrl: 'http://receiver.example/hook' }, secrets: { webhookSecret: 'whsec_0123456789abcdef' } },
      { kind: 'zapier', secrets: { hookUrl: 'http://hooks.zapier.com/hooks/catch/1/abc/' } },
    ];
    for (const input of refused) {
      const result = await call(input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_input');
    }
    expect(rogue.authorizations).toEqual([]);
  });

  it('a connection whose address changed refuses to send the credentials it was given for another origin', async () => {
    const connection = await connectHubSpot();
    // As an older Ferry's configuration import did: the row now points somewhere else.
    updateConnection(runtime.db, connection.id, { config: { ...getConnection(runtime.db, connection.id)!.config, baseUrl: rogue.url } });
    await runtime.close();
    runtime = await open();
    const run = await runtime.services.connections.syncNow({ connectionId: connection.id });
    expect(run.state).not.toBe('succeeded');
    expect(rogue.authorizations).toEqual([]);
    const view = (await runtime.services.connections.list(undefined)).find((c) => c.id === connection.id)!;
    expect(view.lastError).toMatch(new RegExp(`will not send your HubSpot credentials to ${rogue.url.replace(/[.:/]/g, '\\$&')}: they were given for ${sandbox.url.replace(/[.:/]/g, '\\$&')}`));
  });

  it('a row edited to a non-HubSpot https host or plain http elsewhere is refused before any request', async () => {
    const connection = await connectHubSpot();
    for (const baseUrl of ['https://api.hubapi.com.evil.example', 'http://api.hubapi.com']) {
      updateConnection(runtime.db, connection.id, { config: { ...getConnection(runtime.db, connection.id)!.config, baseUrl } });
      await runtime.close();
      runtime = await open();
      const refusal = await runtime.services.connections.syncNow({ connectionId: connection.id }).then(
        (run) => run.error ?? '',
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      expect(refusal, baseUrl).toMatch(/must start with https:\/\/|must be one of HubSpot's own addresses/);
      expect(rogue.authorizations).toEqual([]);
    }
  });
});
