import { describe, expect, it } from 'vitest';
import { DESTINATIONS } from '../../destinations/index';
import { addressChecks, connectorFactories } from '../../main/crm/drivers';
import { SANDBOXES } from '../../main/sandbox/catalog';
import type { Connection } from '../../main/store/connections';
import { EMPTY_MAPPING } from '../../preload/schemas/mapping';

/**
 * A destination is its descriptor, its driver and (optionally) its sandbox:
 * the three registrations agree, so adding one cannot leave a screen offering
 * what main cannot do.
 */
describe('each destination\'s parts are all registered', () => {
  for (const d of DESTINATIONS) {
    it(`${d.name}: a driver, a sandbox exactly when the descriptor says so, an address check for a secret address`, () => {
      expect(connectorFactories[d.id], 'driver in main/crm/drivers.ts').toBeTypeOf('function');
      expect(SANDBOXES[d.id] !== undefined, 'sandbox in main/sandbox/catalog.ts').toBe(d.sandbox);
      const secretAddress = d.credentials.some((f) => f.isAddress === true && f.vaultEntry !== undefined);
      expect(addressChecks[d.id] !== undefined, 'address check in main/crm/drivers.ts').toBe(secretAddress);
    });
  }

  // a destination says it can be read (pull, two-way) exactly when its connector can
  for (const d of DESTINATIONS) {
    it(`${d.name}: reads is ${d.reads}, and its connector ${d.reads ? 'has' : 'has no'} pull`, async () => {
      const connection = {
        id: 1, cardId: 1, kind: d.id, label: d.name, status: 'connected', mode: 'manual', intervalMinutes: null, direction: 'push',
        config: { baseUrl: d.defaultApiBase ?? 'https://example.com' }, mapping: EMPTY_MAPPING, lastSuccessAt: null, lastError: null,
        lastErrorDetail: null, createdAt: 0, updatedAt: 0, disconnectedAt: null,
      } satisfies Connection;
      const secrets = { require: async () => 'unused', optional: async () => null, oauthAccessToken: async () => 'unused', oauthRefresh: async () => false };
      const connector = await connectorFactories[d.id]!(connection, secrets);
      expect(typeof connector.pull === 'function').toBe(d.reads);
    });
  }

  it('nothing is registered for a destination without a descriptor', () => {
    const ids = new Set<string>(DESTINATIONS.map((d) => d.id));
    for (const id of [...Object.keys(connectorFactories), ...Object.keys(SANDBOXES), ...Object.keys(addressChecks)]) expect(ids.has(id), id).toBe(true);
  });
});
