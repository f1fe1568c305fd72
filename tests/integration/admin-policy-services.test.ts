/**
 * The services the app calls (and the CLI will call) keep an admin's settings
 * as the admin set them: connect, mode, disconnect, resume, the allocation's
 * headroom, an imported configuration, and the policy's values at start.
 */
import { getConnectionFilter } from '../../main/store/connection-filter';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PolicyStore, generateAdminKey, signPolicyText } from '../../main/admin-policy/index';
import { defaultCard } from '../../main/store/cards';
import { createConnection, requireConnection } from '../../main/store/connections';
import { getSettings } from '../../main/store/settings';
import { makeTestServices, type TestServices } from '../support/test-services';

const opened: TestServices[] = [];
afterEach(() => { for (const t of opened.splice(0)) t.close(); });

function withPolicy(policy: unknown): TestServices {
  const t = makeTestServices({
    policy: (db, dir) => {
      const file = path.join(dir, 'policy.json');
      fs.writeFileSync(file, JSON.stringify(policy));
      return new PolicyStore(db, { FERRY_POLICY_FILE: file });
    },
  });
  opened.push(t);
  return t;
}

const base = { format: 'ferry-policy', version: 1 };

describe('the admin policy in the services', () => {
  it('refuses each locked change with the one sentence, and lets the rest through', async () => {
    const t = withPolicy({ ...base, destinations: ['hubspot'], connections: { hubspot: { mode: 'scheduled', intervalMinutes: 60, allowDisconnect: false } }, allocationStopPercent: 85 });
    const s = t.services;
    await expect(s.connections.connect({ kind: 'zapier', sandbox: true })).rejects.toThrow('Which CRMs Ferry may connect to is set by your admin.');
    await expect(s.connections.connect({ kind: 'hubspot', sandbox: true, mode: 'automatic' })).rejects.toThrow('The sync mode of HubSpot is set by your admin.');
    const hubspot = await s.connections.connect({ kind: 'hubspot', label: 'HubSpot', config: { baseUrl: 'https://api.hubapi.com' } });
    expect(hubspot).toMatchObject({ mode: 'scheduled', intervalMinutes: 60, locks: { mode: true, disconnect: true, mapping: false, filter: false } });
    await expect(s.connections.setMode({ connectionId: hubspot.id, mode: 'manual' })).rejects.toThrow('The sync mode of HubSpot is set by your admin.');
    await expect(s.connections.disconnect({ connectionId: hubspot.id })).rejects.toThrow('Whether HubSpot may be disconnected is set by your admin.');
    expect(() => s.settings.update({ allocationStopPercent: 95 })).toThrow('How much of the CRM\'s daily API allocation Ferry leaves free is set by your admin.');
    expect(s.settings.get()).toMatchObject({ allocationLocked: true });
    // what the policy does not name stays the rep's
    expect(s.settings.update({ notifications: false }).notifications).toBe(false);
  });

  it('an imported configuration never changes what the policy locks, and says so', async () => {
    const t = withPolicy({ ...base, connections: { hubspot: { mode: 'manual', mapping: { fields: { title: { target: 'jobtitle' } } } } } });
    const hubspot = await t.services.connections.connect({ kind: 'hubspot', label: 'HubSpot', config: { baseUrl: 'https://api.hubapi.com' } });
    const report = t.services.configTransfer.importConfig({
      json: JSON.stringify({
        format: 'ferry-config', version: 1, exportedAt: 'x', settings: {},
        connections: [{ kind: 'hubspot', label: 'HubSpot', mode: 'automatic', intervalMinutes: null, config: {}, mapping: { fields: { title: { target: 'other' } } } }],
      }),
    });
    expect(report.ignored).toEqual(['HubSpot: mapping (set by your admin)', 'HubSpot: mode (set by your admin)']);
    expect(requireConnection(t.db, hubspot.id)).toMatchObject({ mode: 'manual' });
  });

  it('at start the policy\'s values become the data folder\'s, and a CRM it does not allow is paused with the sentence', async () => {
    const t = withPolicy({ ...base, destinations: ['hubspot'], connections: { hubspot: { mode: 'automatic', mapping: { fields: { title: { target: 'jobtitle' } } }, filter: { tags: ['customer'] } } }, allocationStopPercent: 80 });
    const cardId = defaultCard(t.db).id;
    const hubspot = createConnection(t.db, { cardId, kind: 'hubspot', label: 'HubSpot', mode: 'manual' });
    const zapier = createConnection(t.db, { cardId, kind: 'zapier', label: 'Zapier', mode: 'automatic' });
    const applied = t.services.policy.apply();
    expect(applied).toEqual({ changed: ['HubSpot: mode', 'HubSpot: mapping', 'HubSpot: filter', 'daily allocation headroom'], paused: ['Zapier'] });
    expect(requireConnection(t.db, hubspot.id)).toMatchObject({ mode: 'automatic', mapping: { fields: { title: { target: 'jobtitle' } } } });
    expect(getConnectionFilter(t.db, hubspot.id)).toEqual({ tags: ['customer'] });
    expect(requireConnection(t.db, zapier.id)).toMatchObject({ status: 'paused' });
    expect(requireConnection(t.db, zapier.id).lastError).toMatch(/^Which CRMs Ferry may connect to is set by your admin\. Zapier is not one of them/);
    expect(getSettings(t.db).allocationStopPercent).toBe(80);
    expect(t.services.policy.apply()).toEqual({ changed: [], paused: [] });
    await expect(t.services.connections.resume({ connectionId: zapier.id })).rejects.toThrow('Which CRMs Ferry may connect to is set by your admin.');
  });

  it('the app imports a signed policy over the contract; its first key is pinned', () => {
    const t = makeTestServices();
    opened.push(t);
    const { privateKeyPem } = generateAdminKey();
    const view = t.services.policy.importSigned({ text: JSON.stringify(signPolicyText(JSON.stringify({ ...base, destinations: ['salesforce'] }), privateKeyPem)) });
    expect(view).toMatchObject({ source: 'imported', allowedKinds: ['salesforce'], problem: null });
    expect(() => t.services.policy.importSigned({ text: JSON.stringify(signPolicyText(JSON.stringify(base), generateAdminKey().privateKeyPem)) })).toThrow(/signed by a different key/);
  });
});
