import { startHubSpotSandbox, type HubSpotSandbox } from './sandbox/hubspot/index';
import { exportContactsCsvString, importContactsBuffer, importContactsText, type ImportReport } from './import/index';
import type { ImportReportView } from '../preload/schemas/contacts-api';
import type { Clock, ContactFiles, SandboxProvider, SecretPresence } from './services/ports';
import { secretKey, type ConnectionSecretName, type Vault } from './secrets/index';
import type { ConnectionKind } from './store/connections';

/** Adapters from the modules other people own to the service layer's ports. */

export function toImportReportView(fileName: string, r: ImportReport): ImportReportView {
  return {
    fileName,
    format: r.format,
    added: r.added,
    updated: r.updated,
    unchanged: r.unchanged,
    rejected: r.rejected.map((x) => ({ line: x.line, reason: x.reason })),
    written: !r.aborted,
    message: r.message,
  };
}

export const importContactFiles: ContactFiles = {
  importFile(db, req) {
    const opts = { skipInvalid: req.skipInvalid, region: req.region, fileName: req.fileName };
    const report = req.content.kind === 'bytes'
      ? importContactsBuffer(db, req.cardId, req.content.data, opts)
      : importContactsText(db, req.cardId, req.content.data, opts);
    return toImportReportView(req.fileName, report);
  },
  exportCsv: (db, cardId) => exportContactsCsvString(db, cardId),
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

/**
 * The token Ferry's sandbox connections use; it must equal SANDBOX_TOKEN in
 * main/crm/registry.ts (not imported here so the web mode does not depend on
 * every connector being built). It opens nothing but a loopback test server.
 */
export const SANDBOX_TOKEN = 'ferry-sandbox-token';

/**
 * Ferry's built-in CRMs, started in-process on first use and kept for the
 * life of the runtime (their data lives in memory, like a fresh demo account).
 */
export function inProcessSandboxes(): SandboxProvider {
  let hubspot: Promise<HubSpotSandbox> | undefined;
  const starters: Partial<Record<ConnectionKind, () => Promise<{ url: string }>>> = {
    hubspot: () => (hubspot ??= startHubSpotSandbox({ token: SANDBOX_TOKEN })),
  };
  return {
    kinds: () => Object.keys(starters) as ConnectionKind[],
    async start(kind) {
      const start = starters[kind];
      if (!start) throw new Error(`There is no ${kind} sandbox in this build of Ferry.`);
      const server = await start();
      return { baseUrl: server.url, secrets: {} };
    },
    async close() {
      if (hubspot) await (await hubspot).close();
    },
  };
}
