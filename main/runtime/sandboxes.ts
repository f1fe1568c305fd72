import type { SandboxHost } from '../sandbox/host/sandbox-host';
import type { SandboxProvider } from '../services/ports';
import { listConnections, updateConnection } from '../store/connections';
import type { Db } from '../store/db';

/** The data folder's sandbox host as the services' provider: Add integration → Sandbox starts (or joins) it. */
export function hostedSandboxes(host: SandboxHost): SandboxProvider {
  return {
    kinds: () => host.kinds(),
    start: async (kind) => ({ baseUrl: (await host.endpoint(kind)).baseUrl, secrets: {} }),
    close: () => host.close(),
  };
}

/**
 * On start: every sandbox connection gets its sandbox back (with the records it
 * had) before anything syncs, and follows it if it had to move to another
 * port. A sandbox that cannot start puts its connection in error with a
 * sentence, so no card calls an address nobody listens on healthy.
 */
export async function reattachSandboxConnections(db: Db, host: SandboxHost, now: () => number): Promise<void> {
  for (const c of listConnections(db)) {
    if (c.config.sandbox !== true || !host.kinds().includes(c.kind)) continue;
    try {
      const { baseUrl } = await host.endpoint(c.kind);
      if (baseUrl !== c.config.baseUrl) updateConnection(db, c.id, { config: { ...c.config, baseUrl } }, now());
      if (c.status === 'error' && c.lastError?.startsWith('Ferry could not start')) updateConnection(db, c.id, { status: 'connected', lastError: null, lastErrorDetail: null }, now());
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      updateConnection(db, c.id, { status: 'error', lastError: `Ferry could not start the ${c.label} on this computer, so nothing can be sent to it now.`, lastErrorDetail: detail }, now());
    }
  }
}
