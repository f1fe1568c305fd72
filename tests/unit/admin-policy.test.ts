import { describe, expect, it } from 'vitest';
import {
  checkConnect, checkDisconnect, checkSetMode, connectionLocks, generateAdminKey, managedPreferencesJson, parsePolicyText, parseRegQuery,
  policyView, signPolicyText, verifySignedText, type PolicyState,
} from '../../main/admin-policy/index';
import { osPolicySource } from '../../main/admin-policy/os-sources';

const state = (policy: unknown, problem: string | null = null): PolicyState => {
  const parsed = parsePolicyText(JSON.stringify(policy));
  if (!parsed.ok && problem === null) throw new Error(parsed.reason);
  return { source: 'file', location: '/etc/ferry/policy.json', policy: parsed.ok ? parsed.policy : null, problem, adminKey: null };
};
const base = { format: 'ferry-policy', version: 1 };

describe('the policy document', () => {
  it('locks only what it names', () => {
    const s = state({ ...base, connections: { hubspot: { mode: 'automatic' } } });
    expect(connectionLocks(s, 'hubspot')).toEqual({ mode: true, mapping: false, filter: false, disconnect: false });
    expect(connectionLocks(s, 'salesforce')).toEqual({ mode: false, mapping: false, filter: false, disconnect: false });
    expect(policyView(s)).toMatchObject({ allowedKinds: null, allocationLocked: false, problem: null });
  });

  it('refuses a policy with anything secret-looking, saying where and never what', () => {
    const cases: [unknown, string][] = [
      [{ ...base, connections: { hubspot: { mapping: { clientSecret: 'abc' } } } }, 'a setting named "clientSecret" at connections.hubspot.mapping'],
      [{ ...base, connections: { webhook: { filter: { note: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' } } } }, 'a webhook signing secret at connections.webhook.filter.note'],
      [{ ...base, connections: { hubspot: { filter: { x: 'pat-na1-11111111-2222-3333-4444-555555555555' } } } }, 'a HubSpot access token at connections.hubspot.filter.x'],
      [{ ...base, connections: { hubspot: { filter: { x: 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7c' } } } }, 'a key or token at connections.hubspot.filter.x'],
    ];
    for (const [policy, where] of cases) {
      const parsed = parsePolicyText(JSON.stringify(policy));
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.reason).toContain(where);
        expect(parsed.reason).toContain('secrets never travel in a policy');
        expect(parsed.reason).not.toMatch(/whsec_|pat-na1|Ab3dEf/);
      }
    }
  });

  it('a policy with a problem locks everything and allows no new CRM (fail closed)', () => {
    const broken: PolicyState = { source: 'file', location: '/etc/ferry/policy.json', policy: null, problem: 'Ferry cannot use …', adminKey: null };
    expect(connectionLocks(broken, 'zapier')).toEqual({ mode: true, mapping: true, filter: true, disconnect: true });
    expect(() => checkConnect(broken, 'zapier', 'Zapier', {})).toThrow('Which CRMs Ferry may connect to is set by your admin.');
    expect(() => checkSetMode(broken, 'hubspot', 'HubSpot', 'manual', null)).toThrow('The sync mode of HubSpot is set by your admin.');
    expect(() => checkDisconnect(broken, 'hubspot', 'HubSpot')).toThrow('Whether HubSpot may be disconnected is set by your admin.');
  });

  it('connecting takes the admin\'s mode when the rep asks for none, and refuses another', () => {
    const s = state({ ...base, connections: { hubspot: { mode: 'scheduled', intervalMinutes: 30 } } });
    expect(checkConnect(s, 'hubspot', 'HubSpot', {})).toEqual({ mode: 'scheduled', intervalMinutes: 30 });
    expect(checkConnect(s, 'hubspot', 'HubSpot', { mode: 'scheduled', intervalMinutes: 30 })).toEqual({ mode: 'scheduled', intervalMinutes: 30 });
    expect(() => checkConnect(s, 'hubspot', 'HubSpot', { mode: 'scheduled', intervalMinutes: 5 })).toThrow('The sync mode of HubSpot is set by your admin.');
    expect(checkConnect(s, 'salesforce', 'Salesforce', { mode: 'automatic' })).toEqual({ mode: 'automatic' });
  });
});

describe('where operating systems keep it', () => {
  it('Windows: reads the Policy string from reg query\'s output; a missing key or value is no policy', () => {
    const out = '\r\nHKEY_LOCAL_MACHINE\\Software\\Policies\\Ferry\r\n    Policy    REG_SZ    {"format":"ferry-policy","version":1}\r\n\r\n';
    expect(parseRegQuery(out, 0)).toEqual({ found: true, value: '{"format":"ferry-policy","version":1}' });
    expect(parseRegQuery('ERROR: The system was unable to find the specified registry key or value.\r\n', 1)).toEqual({ found: false });
    expect(parseRegQuery('\r\nHKEY_LOCAL_MACHINE\\Software\\Policies\\Ferry\r\n    Policy    REG_DWORD    0x1\r\n', 0)).toMatchObject({ found: true, problem: expect.stringContaining('REG_DWORD') });
    expect(parseRegQuery('\r\nHKEY_LOCAL_MACHINE\\Software\\Policies\\Ferry\r\n    Other    REG_SZ    x\r\n', 0)).toEqual({ found: false });
  });

  it('macOS: a configuration profile\'s keys are the policy, or one Policy string holds it', () => {
    const keys = '{"format":"ferry-policy","version":1,"destinations":["hubspot"]}';
    expect(managedPreferencesJson(keys)).toBe(keys);
    expect(managedPreferencesJson(JSON.stringify({ Policy: keys }))).toBe(keys);
  });

  it('each system\'s location, and FERRY_POLICY_FILE over all of them', () => {
    expect(osPolicySource({}, 'linux').location).toBe('/etc/ferry/policy.json');
    expect(osPolicySource({}, 'darwin').location).toBe('/Library/Managed Preferences/app.ferry.desktop.plist');
    expect(osPolicySource({}, 'win32').location).toBe('HKLM\\Software\\Policies\\Ferry\\Policy');
    expect(osPolicySource({ FERRY_POLICY_FILE: '/tmp/p.json' }, 'win32')).toMatchObject({ kind: 'file', location: '/tmp/p.json' });
    // a test's stand-in for `/` (tests/integration/admin-policy-linux-location.test.ts)
    expect(osPolicySource({}, 'linux', '/tmp/root').location).toBe('/tmp/root/etc/ferry/policy.json');
    expect(osPolicySource({}, 'darwin', '/tmp/root').location).toBe('/tmp/root/Library/Managed Preferences/app.ferry.desktop.plist');
  });
});

describe('signed policies', () => {
  it('verify the exact text with the admin\'s key, and nothing else', () => {
    const { privateKeyPem, publicKey } = generateAdminKey();
    const text = JSON.stringify({ ...base, allocationStopPercent: 80 });
    const signed = signPolicyText(text, privateKeyPem);
    expect(signed.publicKey).toBe(publicKey);
    expect(verifySignedText(signed.policy, signed.signature, publicKey)).toBe(true);
    expect(verifySignedText(`${text} `, signed.signature, publicKey)).toBe(false);
    expect(verifySignedText(text, signed.signature, generateAdminKey().publicKey)).toBe(false);
    expect(verifySignedText(text, 'AAAA', 'not a key')).toBe(false);
  });
});
