import { ZOHO_EDITIONS, type ZohoEdition } from '../../../destinations/zoho';
import { randomToken } from '../shared/ids';
import type { SandboxEntry } from '../shared/entry';
import type { ZohoStoreData } from './index';

const isEdition = (value: unknown): value is ZohoEdition => typeof value === 'string' && Object.hasOwn(ZOHO_EDITIONS, value);

/** The Zoho CRM sandbox as the app, the agent, `ferry demo` and `ferry sandbox zoho` start it. */
export const zohoSandbox: SandboxEntry = {
  description: 'a Zoho CRM-compatible server on loopback (Contacts upsert, fields, org, API credits, concurrency, OAuth accounts server)',
  options: [
    { flag: '--token', value: 'text', description: 'the access token to accept (default: a random one, printed)' },
    { flag: '--edition', value: 'text', minLength: 4, description: `the org's edition, which sets its credits and concurrency: ${Object.keys(ZOHO_EDITIONS).join(', ')} (default enterprise)` },
    { flag: '--credits', value: 'whole', min: 0, max: 100_000_000, description: 'API credits per rolling 24 hours (default: the edition\'s with 10 licences)' },
    { flag: '--concurrency', value: 'whole', min: 1, max: 1_000, description: 'simultaneous API calls (default: the edition\'s)' },
    { flag: '--service-ms', value: 'whole', min: 0, max: 60_000, description: 'how long each API call takes to answer (a stand-in for Zoho\'s own time; default 0)' },
  ],
  async startHosted(o) {
    const { startZohoSandbox } = await import('./index');
    const s = await startZohoSandbox({ port: o.port, token: o.token, onChange: o.onChange, ...(o.state ? { state: o.state as ZohoStoreData } : {}) });
    return { port: s.port, baseUrl: s.url, exportState: () => s.admin.exportState(), close: () => s.close() };
  },
  async startStandalone(port, options) {
    const token = typeof options.token === 'string' ? options.token : randomToken('1000.sandbox.');
    if (options.edition !== undefined && !isEdition(options.edition)) throw new Error(`--edition must be one of ${Object.keys(ZOHO_EDITIONS).join(', ')}.`);
    const { startZohoSandbox } = await import('./index');
    const s = await startZohoSandbox({
      port,
      token,
      ...(isEdition(options.edition) ? { edition: options.edition } : {}),
      ...(typeof options.credits === 'number' ? { credits: options.credits } : {}),
      ...(typeof options.concurrency === 'number' ? { concurrency: options.concurrency } : {}),
      ...(typeof options.serviceMs === 'number' ? { serviceMs: options.serviceMs } : {}),
    });
    return {
      url: s.url,
      details: [{ label: 'token', value: token, key: 'token' }, { label: 'admin', value: `${s.url}/__sandbox/state`, key: 'admin' }],
      connectWith: `export FERRY_ZOHO_TOKEN='${token}' && ferry connect zoho --base-url ${s.url}`,
      close: () => s.close(),
    };
  },
  demo: {
    holds: (state) => `${(state as { contacts?: unknown[] }).contacts?.length ?? 0} contacts`,
  },
};
