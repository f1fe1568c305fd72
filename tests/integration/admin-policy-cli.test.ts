/**
 * An admin's policy, through the real `ferry` command: every setting it locks is
 * refused with the sentence the app shows beside its lock; the policy's values
 * become the data folder's; a malformed policy says why and locks everything;
 * a signed policy's first import pins its key.
 */
import { getConnectionFilter } from '../../main/store/connection-filter';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockedSentence, LOCKED_SUBJECTS } from '../../preload/schemas/policy';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { listConnections } from '../../main/store/connections';
import { openDatabase } from '../../main/store/db';
import { getSettings, writeSettingValue, readSettingValue } from '../../main/store/settings';
import { runFerry } from '../support/run-ferry';
import { tempDir } from '../support/temp-dir';

const TOKEN = 'pat-na1-policy-test-token';
let sandbox: HubSpotSandbox;
beforeAll(async () => { sandbox = await startHubSpotSandbox({ port: 0, token: TOKEN }); });
afterAll(async () => { await sandbox.close(); });

const POLICY = {
  format: 'ferry-policy',
  version: 1,
  destinations: ['hubspot', 'salesforce'],
  connections: {
    hubspot: { mode: 'scheduled', intervalMinutes: 30, allowDisconnect: false, mapping: { fields: { title: { target: 'jobtitle' } } }, filter: { tags: ['customer'] } },
  },
  allocationStopPercent: 80,
};

function writePolicy(dir: string, policy: unknown): string {
  const file = path.join(dir, 'policy.json');
  fs.writeFileSync(file, typeof policy === 'string' ? policy : JSON.stringify(policy));
  return file;
}

function ferryIn(dataDir: string, env: NodeJS.ProcessEnv) {
  return (...args: string[]) => runFerry(['--data-dir', dataDir, ...args], { FERRY_HUBSPOT_TOKEN: TOKEN, FERRY_SALESFORCE_TOKEN: '00Dpolicy!test.token.0001', ...env });
}

describe('an admin policy on the command line', { timeout: 180_000 }, () => {
  it('locks each setting it names, with the one sentence, and makes the admin\'s values this data folder\'s', async () => {
    const dir = tempDir();
    const ferry = ferryIn(path.join(dir, 'data'), { FERRY_POLICY_FILE: writePolicy(dir, POLICY) });

    const zapier = await ferry('connect', 'zapier', '--hook-url-env', 'FERRY_HUBSPOT_TOKEN');
    expect(zapier.code).toBe(1);
    expect(zapier.stderr.trim()).toBe(`ferry: ${lockedSentence(LOCKED_SUBJECTS.destinations)}`);

    const asked = await ferry('connect', 'hubspot', '--base-url', sandbox.url, '--mode', 'automatic');
    expect(asked.code).toBe(1);
    expect(asked.stderr.trim()).toBe('ferry: The sync mode of HubSpot is set by your admin.');

    const connected = await ferry('connect', 'hubspot', '--base-url', sandbox.url);
    expect(connected.code, connected.stderr).toBe(0);
    expect(connected.stdout).toMatch(/scheduled mode/);

    const mode = await ferry('mode', 'hubspot', 'automatic');
    expect(mode.code).toBe(1);
    expect(mode.stderr.trim()).toBe('ferry: The sync mode of HubSpot is set by your admin.');
    // asking for exactly the admin's choice changes nothing and is fine
    expect((await ferry('mode', 'hubspot', 'scheduled', '--every', '30')).code).toBe(0);

    const disconnect = await ferry('disconnect', 'hubspot');
    expect(disconnect.code).toBe(1);
    expect(disconnect.stderr.trim()).toBe('ferry: Whether HubSpot may be disconnected is set by your admin.');

    const headroom = await ferry('allocation', '--stop-at', '95');
    expect(headroom.code).toBe(1);
    expect(headroom.stderr.trim()).toBe(`ferry: ${lockedSentence(LOCKED_SUBJECTS.allocation)}`);

    const status = await ferry('status');
    expect(status.stdout).toContain('Locked: The sync mode of HubSpot is set by your admin.');
    expect(status.stdout).toContain('Locked: The field mapping of HubSpot is set by your admin.');
    expect(status.stdout).toContain('Locked: What Ferry sends to HubSpot is set by your admin.');

    const db = openDatabase(path.join(dir, 'data'));
    const [hubspot] = listConnections(db);
    expect(hubspot).toMatchObject({ kind: 'hubspot', mode: 'scheduled', intervalMinutes: 30, mapping: { fields: { title: { target: 'jobtitle' } } } });
    expect(getConnectionFilter(db, hubspot!.id)).toEqual({ tags: ['customer'] });
    expect(getSettings(db).allocationStopPercent).toBe(80);
    db.close();
  });

  it('a policy that cannot be used says why in one sentence and locks everything, even what it never named', async () => {
    const dir = tempDir();
    const dataDir = path.join(dir, 'data');
    // connected before the admin's (broken) policy arrived, in a mode the rep chose
    const before = await ferryIn(dataDir, { FERRY_POLICY_FILE: path.join(dir, 'none.json') })('connect', 'hubspot', '--base-url', sandbox.url, '--mode', 'automatic');
    expect(before.code, before.stderr).toBe(0);

    const cases: [string, unknown, string][] = [
      ['not JSON', '{ "format": "ferry-policy", ', 'it is not valid JSON'],
      ['an unknown setting', { format: 'ferry-policy', version: 1, connectionz: {} }, 'it is not in the policy format Ferry reads'],
      ['a wrong value', { format: 'ferry-policy', version: 1, connections: { hubspot: { mode: 'sometimes' } } }, 'its setting connections.hubspot.mode is wrong'],
      ['a secret', { format: 'ferry-policy', version: 1, connections: { hubspot: { mapping: { token: 'x' } } } }, 'it has a setting named "token" at connections.hubspot.mapping, and secrets never travel in a policy'],
      ['a token value', { format: 'ferry-policy', version: 1, connections: { zapier: { filter: { url: 'https://hooks.zapier.com/hooks/catch/123/abc/' } } } }, 'it holds what looks like a Zapier hook URL at connections.zapier.filter.url'],
    ];
    for (const [what, policy, reason] of cases) {
      const file = writePolicy(dir, policy);
      const ferry = ferryIn(dataDir, { FERRY_POLICY_FILE: file });
      const shown = await ferry('policy');
      expect(shown.stderr, what).toContain(`Ferry cannot use your admin's policy (${file}): ${reason}`);
      expect(shown.stderr, what).toContain('Settings your admin manages stay locked until it is fixed.');
      expect(shown.code, what).toBe(1);
      expect(shown.stdout, what).not.toContain('Admin policy from');
      expect((await ferry('mode', 'hubspot', 'manual')).stderr.trim(), what).toBe('ferry: The sync mode of HubSpot is set by your admin.');
    }
    const ferry = ferryIn(dataDir, { FERRY_POLICY_FILE: writePolicy(dir, '[]') });
    expect((await ferry('disconnect', 'hubspot')).stderr.trim()).toBe('ferry: Whether HubSpot may be disconnected is set by your admin.');
    expect((await ferry('connect', 'salesforce', '--instance-url', 'https://x.my.salesforce.com')).stderr.trim()).toBe(`ferry: ${lockedSentence(LOCKED_SUBJECTS.destinations)}`);
    expect((await ferry('allocation', '--stop-at', '50')).stderr.trim()).toBe(`ferry: ${lockedSentence(LOCKED_SUBJECTS.allocation)}`);
    // and nothing changed: the rep's own mode stays as it was
    const db = openDatabase(dataDir);
    expect(listConnections(db)[0]).toMatchObject({ mode: 'automatic' });
    db.close();
  });

  it('a signed policy: the first import pins the admin\'s key; another key, a changed file or a changed stored copy is refused', async () => {
    const dir = tempDir();
    const dataDir = path.join(dir, 'data');
    const ferry = ferryIn(dataDir, { FERRY_POLICY_FILE: path.join(dir, 'no-os-policy.json') });
    const policyFile = writePolicy(dir, POLICY);
    for (const who of ['admin', 'intruder']) expect((await ferry('policy', 'keygen', '--out', path.join(dir, `${who}.pem`))).code).toBe(0);
    expect(fs.statSync(path.join(dir, 'admin.pem')).mode & 0o777).toBe(0o600);
    const signed = path.join(dir, 'signed.json');
    expect((await ferry('policy', 'sign', policyFile, '--key', path.join(dir, 'admin.pem'), '--out', signed)).code).toBe(0);
    const forged = path.join(dir, 'forged.json');
    expect((await ferry('policy', 'sign', policyFile, '--key', path.join(dir, 'intruder.pem'), '--out', forged)).code).toBe(0);
    const tampered = path.join(dir, 'tampered.json');
    const envelope = JSON.parse(fs.readFileSync(signed, 'utf8')) as { policy: string };
    fs.writeFileSync(tampered, JSON.stringify({ ...envelope, policy: envelope.policy.replace('"scheduled"', '"manual"').replace(',"intervalMinutes":30', '') }));

    expect((await ferry('policy', 'import', tampered)).stderr).toMatch(/signature does not match its content/);
    const first = await ferry('policy', 'import', signed);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Its key is now the only one Ferry accepts policies from on this computer.');
    const other = await ferry('policy', 'import', forged);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/signed by a different key than the one your admin's first policy was signed with/);
    expect((await ferry('allocation', '--stop-at', '99')).stderr.trim()).toBe(`ferry: ${lockedSentence(LOCKED_SUBJECTS.allocation)}`);

    // an edit to the stored copy (the database is the rep's) makes it unusable, never permissive
    const db = openDatabase(dataDir);
    const stored = readSettingValue(db, 'policy.imported') as { policy: string; signature: string };
    writeSettingValue(db, 'policy.imported', { ...stored, policy: stored.policy.replace('"allocationStopPercent":80', '"allocationStopPercent":99') });
    db.close();
    const shown = await ferry('policy');
    expect(shown.stderr).toContain('its stored copy no longer matches its signature');
    expect((await ferry('connect', 'hubspot', '--base-url', sandbox.url)).stderr.trim()).toBe(`ferry: ${lockedSentence(LOCKED_SUBJECTS.destinations)}`);
  });
});
