import { describe, expect, it } from 'vitest';
import { DESTINATIONS } from '../../destinations/index';
import { addressChecks, connectorFactories } from '../../main/crm/drivers';
import { recordActionsFor } from '../../main/crm/record-actions';
import type { ConnectorRegistry } from '../../main/crm/registry';
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
      const connection = connectionOf(d);
      const connector = await connectorFactories[d.id]!(connection, SECRETS);
      expect(typeof connector.pull === 'function').toBe(d.reads);
    });
  }

  // a destination offers a delete setting exactly when its driver can carry it out
  for (const d of DESTINATIONS) {
    it(`${d.name}: deletes ${JSON.stringify({ removes: d.deletes.removed !== undefined, marks: d.deletes.marked !== undefined, listed: d.deletes.listed })} match its record actions and connector`, async () => {
      const connection = connectionOf(d);
      const connector = await connectorFactories[d.id]!(connection, SECRETS);
      const actions = await recordActionsFor({ secretsFor: () => SECRETS } as unknown as ConnectorRegistry, connection);
      expect(typeof actions?.remove === 'function', 'remove in its record actions').toBe(d.deletes.removed !== undefined);
      expect(typeof actions?.mark === 'function', 'mark in its record actions').toBe(d.deletes.marked !== undefined);
      expect(typeof connector.deletedRecords === 'function', 'deletedRecords in its connector').toBe(d.deletes.listed);
    });
  }

  it('nothing is registered for a destination without a descriptor', () => {
    const ids = new Set<string>(DESTINATIONS.map((d) => d.id));
    for (const id of [...Object.keys(connectorFactories), ...Object.keys(SANDBOXES), ...Object.keys(addressChecks)]) expect(ids.has(id), id).toBe(true);
  });
});

const SECRETS = { require: async () => 'unused', optional: async () => null, oauthAccessToken: async () => 'unused', oauthRefresh: async () => false };

function connectionOf(d: (typeof DESTINATIONS)[number]): Connection {
  return {
    id: 1, cardId: 1, kind: d.id, label: d.name, status: 'connected', mode: 'manual', intervalMinutes: null, direction: 'push',
    config: { baseUrl: d.defaultApiBase ?? 'https://example.com' }, mapping: EMPTY_MAPPING, lastSuccessAt: null, lastError: null,
    lastErrorDetail: null, createdAt: 0, updatedAt: 0, disconnectedAt: null,
  };
}
