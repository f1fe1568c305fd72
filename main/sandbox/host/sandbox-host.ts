import type { ConnectionKind } from '../../store/connections';
import type { HubSpotSandboxOptions } from '../hubspot/index';
import type { SalesforceSandboxOptions } from '../salesforce/index';
import type { ZapierSandboxOptions } from '../zapier/index';
import { hostFile, isAlive, readHost, readState, releaseLock, stateFile, takeLock, writePrivateJson, type HostRecord } from './sandbox-files';

/**
 * A data folder's sandbox CRMs. Each kind is served by ONE Ferry process at a
 * time (the app, the agent or a CLI command, whichever needed it first); the
 * others use that one through the host record it writes. The serving process
 * keeps the sandbox's records in the data folder and saves them as they
 * change, so after a restart the sandbox comes back with its records on the
 * same address when it can: links stay valid, nothing is created twice, and a
 * card never talks to an address nobody listens on.
 */
interface SandboxEndpointInfo {
  /** what a connection uses: the API base URL, or the Zapier hook URL */
  baseUrl: string;
  /** what the sandbox accepts (kept in memory and in the 0600 host record, never in the vault) */
  token: string;
  /** this process serves it */
  hostedHere: boolean;
}

export interface SandboxHost {
  kinds(): ConnectionKind[];
  /** the data folder's sandbox of this kind, started here when no live Ferry process serves it */
  endpoint(kind: ConnectionKind): Promise<SandboxEndpointInfo>;
  /** saves what this process serves and stops it; other processes then start their own */
  close(): Promise<void>;
}

interface Started {
  port: number;
  baseUrl: string;
  exportState(): unknown;
  close(): Promise<void>;
}

interface StartOptions {
  port: number;
  token: string;
  state: unknown;
  onChange(): void;
}

/**
 * How each kind's sandbox starts from saved state (the state is what its own
 * admin.exportState() wrote). Each server loads when it is first needed.
 */
const STARTERS: Partial<Record<ConnectionKind, (o: StartOptions) => Promise<Started>>> = {
  hubspot: async (o) => {
    const { startHubSpotSandbox } = await import('../hubspot/index');
    const s = await startHubSpotSandbox({ port: o.port, token: o.token, onChange: o.onChange, ...(o.state ? { state: o.state as NonNullable<HubSpotSandboxOptions['state']> } : {}) });
    return { port: s.port, baseUrl: s.url, exportState: () => s.admin.exportState(), close: () => s.close() };
  },
  salesforce: async (o) => {
    const { startSalesforceSandbox } = await import('../salesforce/index');
    const s = await startSalesforceSandbox({ port: o.port, token: o.token, onChange: o.onChange, ...(o.state ? { state: o.state as NonNullable<SalesforceSandboxOptions['state']> } : {}) });
    return { port: s.port, baseUrl: s.url, exportState: () => s.admin.exportState(), close: () => s.close() };
  },
  // a receiver that checks every signature with the sandbox token (what the registry signs sandbox webhooks with);
  // it keeps only what arrived since it started, so there is no state to save
  webhook: async (o) => {
    const { startWebhookSandbox } = await import('../webhook/index');
    const s = await startWebhookSandbox({ port: o.port, secret: o.token });
    return { port: s.port, baseUrl: s.url, exportState: () => null, close: () => s.close() };
  },
  // a sandbox hook URL opens nothing but this loopback server: it is the connection's address
  zapier: async (o) => {
    const { startZapierSandbox } = await import('../zapier/index');
    const s = await startZapierSandbox({ port: o.port, onChange: o.onChange, ...(o.state ? { state: o.state as NonNullable<ZapierSandboxOptions['state']> } : {}) });
    return { port: s.port, baseUrl: s.hookUrl, exportState: () => s.admin.exportState(), close: () => s.close() };
  },
};

/** How long after a change the serving process saves (changes come in bursts: one batch, one save). */
const SAVE_DELAY_MS = 250;
/** Another process is starting the sandbox: how often, and how many times, to look for its host record. */
const WAIT_STEP_MS = 100;
const WAIT_STEPS = 50;

async function answers(host: HostRecord): Promise<boolean> {
  try {
    const origin = new URL(host.baseUrl).origin;
    const response = await fetch(`${origin}/__sandbox/state`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

function listenedElsewhere(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
}

export function createSandboxHost(o: { dataDir: string; token: string; kinds?: ConnectionKind[] }): SandboxHost {
  const offered = (o.kinds ?? (Object.keys(STARTERS) as ConnectionKind[])).filter((k) => STARTERS[k] !== undefined);
  const local = new Map<ConnectionKind, { started: Started; save(): void }>();
  const remote = new Map<ConnectionKind, HostRecord>();
  const pending = new Map<ConnectionKind, Promise<SandboxEndpointInfo>>();

  const serveHere = async (kind: ConnectionKind, preferredPort: number | undefined): Promise<SandboxEndpointInfo> => {
    const start = STARTERS[kind]!;
    const state = readState(o.dataDir, kind);
    const entry: { started: Started | undefined; timer: NodeJS.Timeout | undefined } = { started: undefined, timer: undefined };
    const save = (): void => {
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = undefined;
      if (entry.started) writePrivateJson(stateFile(o.dataDir, kind), entry.started.exportState());
    };
    const onChange = (): void => {
      if (entry.timer) return;
      entry.timer = setTimeout(save, SAVE_DELAY_MS);
      entry.timer.unref();
    };
    let started: Started;
    try {
      // the same address as before, so connections keep working unchanged
      started = await start({ port: preferredPort ?? 0, token: o.token, state, onChange });
    } catch (error) {
      if (preferredPort === undefined || !listenedElsewhere(error)) throw error;
      started = await start({ port: 0, token: o.token, state, onChange });
    }
    entry.started = started;
    local.set(kind, { started, save });
    writePrivateJson(hostFile(o.dataDir, kind), { pid: process.pid, port: started.port, baseUrl: started.baseUrl, token: o.token } satisfies HostRecord);
    return { baseUrl: started.baseUrl, token: o.token, hostedHere: true };
  };

  const acquire = async (kind: ConnectionKind): Promise<SandboxEndpointInfo> => {
    for (let step = 0; step < WAIT_STEPS; step++) {
      const host = readHost(o.dataDir, kind);
      if (host && host.pid !== process.pid && isAlive(host.pid) && (await answers(host))) {
        remote.set(kind, host);
        return { baseUrl: host.baseUrl, token: host.token, hostedHere: false };
      }
      if (takeLock(o.dataDir, kind)) return serveHere(kind, host?.port);
      await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
    }
    throw new Error(`Ferry could not start or reach this data folder's ${kind} sandbox: another Ferry process holds it but does not answer.`);
  };

  return {
    kinds: () => offered,

    async endpoint(kind) {
      if (!offered.includes(kind)) throw new Error(`There is no ${kind} sandbox in this build of Ferry.`);
      const mine = local.get(kind);
      if (mine) return { baseUrl: mine.started.baseUrl, token: o.token, hostedHere: true };
      const theirs = remote.get(kind);
      // the process that served it may have ended: then this one takes over
      if (theirs && isAlive(theirs.pid)) return { baseUrl: theirs.baseUrl, token: theirs.token, hostedHere: false };
      remote.delete(kind);
      let inFlight = pending.get(kind);
      if (!inFlight) {
        inFlight = acquire(kind).finally(() => pending.delete(kind));
        pending.set(kind, inFlight);
      }
      return inFlight;
    },

    async close() {
      await Promise.allSettled([...pending.values()]);
      for (const [kind, entry] of local) {
        entry.save();
        await entry.started.close();
        releaseLock(o.dataDir, kind);
      }
      local.clear();
      remote.clear();
    },
  };
}
