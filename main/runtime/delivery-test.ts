import { ConnectorRegistry } from '../crm/registry';
import { secretKey, type ConnectionSecretName, type Vault } from '../secrets/index';
import type { DeliveryTester } from '../services/ports';
import type { Connection } from '../store/connections';

/**
 * "Send test event" / "Test": builds the connection's connector as a sync
 * would (same factories, same secrets, environment and sandbox rules) and asks
 * it for one test delivery. Candidate secrets (a hook URL pasted in Reconnect)
 * are read before the stored ones and never written: a URL that fails its
 * test is not kept.
 */
/** `sandboxToken`: the runtime's, so a test event to a sandbox is signed as its syncs are. */
export function deliveryTester(vault: Vault, sandboxToken: string, env: NodeJS.ProcessEnv = process.env): DeliveryTester {
  const withCandidates = (connection: Connection, candidates: Record<string, string>): Vault => {
    const byKey = new Map(Object.entries(candidates).map(([name, value]) => [secretKey(String(connection.id), name as ConnectionSecretName), value]));
    return {
      get: async (key) => byKey.get(key) ?? vault.get(key),
      set: () => Promise.reject(new Error('A test delivery never stores a secret.')),
      delete: () => Promise.reject(new Error('A test delivery never deletes a secret.')),
    };
  };
  return {
    async send(connection, candidates = {}) {
      const connector = await new ConnectorRegistry({ vault: withCandidates(connection, candidates), env, sandboxToken }).create(connection);
      if (!connector.sendTestEvent) return false;
      await connector.sendTestEvent({
        connection,
        beforeRequest: async () => undefined,
        afterResponse: () => undefined,
        signal: AbortSignal.timeout(60_000),
      });
      return true;
    },
  };
}
