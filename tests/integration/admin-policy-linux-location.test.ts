/**
 * Linux's policy location, /etc/ferry/policy.json, read by the code path a
 * rep's Ferry takes (no FERRY_POLICY_FILE): under a folder standing in for
 * `/`, so the test needs no root and leaves no policy in /etc that other
 * Ferry processes on this machine would obey.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LINUX_POLICY_FILE, PolicyStore } from '../../main/admin-policy/index';
import { makeTestServices, type TestServices } from '../support/test-services';

const opened: TestServices[] = [];
afterEach(() => { for (const t of opened.splice(0)) t.close(); });

/** Services whose policy is whatever `text` is, at /etc/ferry/policy.json under a fresh root. */
function withLinuxPolicy(text: string): { t: TestServices; location: string } {
  let location = '';
  const t = makeTestServices({
    policy: (db, dir) => {
      const root = path.join(dir, 'root');
      location = path.join(root, LINUX_POLICY_FILE);
      fs.mkdirSync(path.dirname(location), { recursive: true });
      fs.writeFileSync(location, text);
      // no FERRY_POLICY_FILE: the Linux location is the one read
      return new PolicyStore(db, {}, 'linux', Date.now, root);
    },
  });
  opened.push(t);
  return { t, location };
}

describe('the admin policy at /etc/ferry/policy.json (Linux)', () => {
  it('is read and locks what it names, and nothing else', async () => {
    const { t, location } = withLinuxPolicy(JSON.stringify({ format: 'ferry-policy', version: 1, connections: { hubspot: { mode: 'manual' } }, allocationStopPercent: 80 }));
    expect(location.endsWith('/etc/ferry/policy.json')).toBe(true);
    expect(t.services.policy.view()).toMatchObject({ source: 'file', location, problem: null });
    await expect(t.services.connections.connect({ kind: 'hubspot', sandbox: true, mode: 'automatic' })).rejects.toThrow('The sync mode of HubSpot is set by your admin.');
    const hubspot = await t.services.connections.connect({ kind: 'hubspot', label: 'HubSpot', config: { baseUrl: 'https://api.hubapi.com' } });
    expect(hubspot).toMatchObject({ mode: 'manual', locks: { mode: true, disconnect: false } });
    expect(() => t.services.settings.update({ allocationStopPercent: 95 })).toThrow('How much of the CRM\'s daily API allocation Ferry leaves free is set by your admin.');
    // what the policy does not name stays the rep's
    expect(t.services.settings.update({ notifications: false }).notifications).toBe(false);
    await t.services.connections.disconnect({ connectionId: hubspot.id });
  });

  it('a malformed one is named with the reason, and locks every setting a policy can lock', async () => {
    const { t, location } = withLinuxPolicy('{ "format": "ferry-policy", "version": 1, ');
    expect(t.services.policy.view()).toMatchObject({
      source: 'file', location,
      problem: `Ferry cannot use your admin's policy (${location}): it is not valid JSON. Settings your admin manages stay locked until it is fixed.`,
    });
    await expect(t.services.connections.connect({ kind: 'hubspot', sandbox: true })).rejects.toThrow('Which CRMs Ferry may connect to is set by your admin.');
    expect(() => t.services.settings.update({ allocationStopPercent: 95 })).toThrow('How much of the CRM\'s daily API allocation Ferry leaves free is set by your admin.');
    expect(t.services.settings.get()).toMatchObject({ allocationLocked: true });
  });
});
