import { connectorFactories } from '../crm/drivers';
import { loadOAuthConfig, TokenManager } from '../oauth/index';
import type { Clock, ContactFiles, OAuthSignInPort, SecretPresence } from '../services/ports';
import type { SyncService } from '../sync/service-api';
import { isAllowedSignInUrl } from '../policy/window-policy';
import { secretKey, type ConnectionSecretName, type Vault } from '../secrets/index';

/** Adapters from the modules other people own to the service layer's ports. */

/**
 * Contact files for the services: main/import (its CSV and vCard readers and
 * their encodings tables) loads the first time a file is read or written, so a
 * command that never imports never pays for it.
 */
export const importContactFiles: ContactFiles = {
  previewFile: async (db, req) => (await import('./import-files')).contactFiles.previewFile(db, req),
  importFile: async (db, req) => (await import('./import-files')).contactFiles.importFile(db, req),
  exportCsv: async (db, cardId) => (await import('./import-files')).contactFiles.exportCsv(db, cardId),
};

/** Entries whose presence means "this connection has credentials". */
const CREDENTIAL_NAMES: readonly ConnectionSecretName[] = ['private_app_token', 'access_token', 'refresh_token', 'hook_url', 'webhook_secret'];
const PRESENCE_TTL_MS = 15_000;

/**
 * Whether a connection has a secret, without ever returning it. Answers are
 * cached briefly because every keychain read is a round trip to a helper
 * process and the Integrations screen lists often.
 */
export function vaultPresence(vault: Vault, clock: Clock): SecretPresence {
  const cache = new Map<number, { at: number; value: Promise<boolean> }>();
  return {
    hasSecret(connectionId) {
      const hit = cache.get(connectionId);
      if (hit && clock.now() - hit.at < PRESENCE_TTL_MS) return hit.value;
      const value = Promise.all(CREDENTIAL_NAMES.map((n) => vault.get(secretKey(String(connectionId), n))))
        .then((values) => values.some((v) => v !== null && v !== ''));
      cache.set(connectionId, { at: clock.now(), value });
      // A failed read is not cached: the next list asks the keychain again.
      value.catch(() => cache.delete(connectionId));
      return value;
    },
  };
}

/** The authorize address passes the same allow-list as every external link before the host opens it. */
export function guardSignInOpener(open: (url: string) => Promise<void>): (url: string) => Promise<void> {
  return async (url) => {
    if (!isAllowedSignInUrl(url)) {
      throw new Error('Ferry will not open this sign-in address: it is not an https page of HubSpot or Salesforce (or one of Ferry\'s sandboxes on this computer). Check the addresses in oauth-clients.json.');
    }
    await open(url);
  };
}

/**
 * The browser sign-in's wiring: the runtime's engine and vault, the OAuth
 * settings of the data folder (read on each use, so a client id added while
 * Ferry runs is picked up), and how the host shows the authorize page.
 */
export function oauthSignIn(o: {
  sync: Pick<SyncService, 'connect' | 'reconnect'>;
  vault: Vault;
  clock: Clock;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  openExternal: ((url: string) => Promise<void>) | null;
  timeoutMs?: number;
}): OAuthSignInPort {
  const now = (): number => o.clock.now();
  // Storing a sign-in's tokens needs no refresh state, so this manager is the vault's plain writer.
  const tokens = new TokenManager({ vault: o.vault, now });
  return {
    deps: () => ({
      engine: o.sync,
      registry: { supports: (kind) => connectorFactories[kind] !== undefined },
      vault: o.vault,
      tokens,
      config: loadOAuthConfig({ dataDir: o.dataDir, env: o.env }),
      env: o.env,
      now,
    }),
    openExternal: o.openExternal ? guardSignInOpener(o.openExternal) : null,
    ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
  };
}
