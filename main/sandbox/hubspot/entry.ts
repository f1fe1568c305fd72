import { randomToken } from '../shared/ids';
import type { SandboxEntry } from '../shared/entry';
import type { HubSpotSandboxOptions } from './index';

interface HubSpotState {
  contacts?: unknown[];
  notes?: unknown[];
}

/** The HubSpot sandbox as the app, the agent, `ferry demo` and `ferry sandbox hubspot` start it. */
export const hubspotSandbox: SandboxEntry = {
  description: 'a HubSpot-compatible CRM on loopback (contacts, search, properties, notes, OAuth)',
  options: [
    { flag: '--token', value: 'text', description: 'the access token to accept (default: a random one, printed)' },
    { flag: '--rate-limit', value: 'whole', min: 1, max: 1_000_000, description: 'requests per rolling 10 seconds' },
    { flag: '--search-lag-ms', value: 'whole', min: 0, max: 600_000, description: 'how long writes take to show up in search' },
  ],
  async startHosted(o) {
    const { startHubSpotSandbox } = await import('./index');
    const s = await startHubSpotSandbox({ port: o.port, token: o.token, onChange: o.onChange, ...(o.state ? { state: o.state as NonNullable<HubSpotSandboxOptions['state']> } : {}) });
    return { port: s.port, baseUrl: s.url, exportState: () => s.admin.exportState(), close: () => s.close() };
  },
  async startStandalone(port, options) {
    const token = typeof options.token === 'string' ? options.token : randomToken('pat-sandbox-');
    const { startHubSpotSandbox } = await import('./index');
    const s = await startHubSpotSandbox({
      port,
      token,
      ...(typeof options.rateLimit === 'number' ? { rateLimit: options.rateLimit } : {}),
      ...(typeof options.searchLagMs === 'number' ? { searchLagMs: options.searchLagMs } : {}),
    });
    return {
      url: s.url,
      details: [{ label: 'token', value: token, key: 'token' }, { label: 'admin', value: `${s.url}/__sandbox/state`, key: 'admin' }],
      connectWith: `export FERRY_HUBSPOT_TOKEN='${token}' && ferry connect hubspot --base-url ${s.url}`,
      close: () => s.close(),
    };
  },
  demo: {
    holds: (state) => {
      const s = state as HubSpotState;
      return `${s.contacts?.length ?? 0} contacts and ${s.notes?.length ?? 0} notes`;
    },
  },
};
