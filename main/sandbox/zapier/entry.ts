import type { SandboxEntry } from '../shared/entry';
import type { ZapierSandboxOptions } from './index';

interface ZapierState {
  stats?: { accepted?: number };
}

/**
 * The Zapier sandbox: a Catch Hook look-alike that records deliveries and holds
 * Zapier's 30 requests/second per hook. Its hook URL is the connection's address.
 */
export const zapierSandbox: SandboxEntry = {
  description: 'a Zapier Catch Hook look-alike on loopback: records deliveries, enforces 30 requests/s per hook',
  options: [],
  async startHosted(o) {
    const { startZapierSandbox } = await import('./index');
    const s = await startZapierSandbox({ port: o.port, onChange: o.onChange, ...(o.state ? { state: o.state as NonNullable<ZapierSandboxOptions['state']> } : {}) });
    return { port: s.port, baseUrl: s.hookUrl, exportState: () => s.admin.exportState(), close: () => s.close() };
  },
  async startStandalone(port) {
    const { startZapierSandbox } = await import('./index');
    const s = await startZapierSandbox({ port });
    return {
      url: s.url,
      details: [
        { label: 'hook URL', value: s.hookUrl, key: 'hookUrl' },
        { label: 'deliveries', value: `${s.url}/__sandbox/deliveries` },
        { label: 'admin', value: `${s.url}/__sandbox/state`, key: 'admin' },
      ],
      connectWith: `export FERRY_ZAPIER_HOOK='${s.hookUrl}' && ferry connect zapier --hook-url-env FERRY_ZAPIER_HOOK`,
      close: () => s.close(),
    };
  },
  demo: { holds: (state) => `${(state as ZapierState).stats?.accepted ?? 0} deliveries (delivered to the hook; a Zap's own run is not proven by that)` },
};
