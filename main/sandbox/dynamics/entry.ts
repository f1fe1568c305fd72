import { randomToken } from '../shared/ids';
import type { SandboxEntry } from '../shared/entry';
import type { DynamicsSandboxOptions } from './index';

interface DynamicsState {
  contacts?: number;
}

/** The Dynamics 365 sandbox: a Dataverse environment on loopback (contacts, metadata, $batch, service protection limits). */
export const dynamicsSandbox: SandboxEntry = {
  description: 'a Dataverse (Dynamics 365) environment on loopback (contacts, $batch, alternate keys, service protection limits)',
  options: [
    { flag: '--token', value: 'text', description: 'the access token to accept (default: a random one, printed)' },
    { flag: '--ferry-id-prefix', value: 'text', minLength: 2, description: 'start with a Ferry ID column and key already there, named <prefix>_ferryid' },
    { flag: '--no-customize', value: 'on-unless-negated', description: 'the user may not create columns or keys (Ferry then says what an admin must add)' },
    { flag: '--change-tracking', value: 'switch', description: '"Track changes" is on for contacts, so deletes can reach Ferry (off unless given, as an admin has not ticked it)' },
  ],
  async startHosted(o) {
    const { startDynamicsSandbox } = await import('./index');
    const s = await startDynamicsSandbox({ port: o.port, token: o.token, onChange: o.onChange, ...(o.state ? { state: o.state as NonNullable<DynamicsSandboxOptions['state']> } : {}) });
    return { port: s.port, baseUrl: s.url, exportState: () => s.admin.exportState(), close: () => s.close() };
  },
  async startStandalone(port, options) {
    const token = typeof options.token === 'string' ? options.token : randomToken('eyJ0eXAiOiJKV1Qi.sandbox-');
    const { startDynamicsSandbox } = await import('./index');
    const s = await startDynamicsSandbox({
      port,
      token,
      canCustomize: options.customize !== false,
      changeTracking: options.changeTracking === true,
      ...(typeof options.ferryIdPrefix === 'string' ? { ferryIdPrefix: options.ferryIdPrefix } : {}),
    });
    return {
      url: s.url,
      details: [
        { label: 'organisation URL', value: s.url, key: 'orgUrl' },
        { label: 'access token', value: token, key: 'token' },
        { label: 'admin', value: `${s.url}/__sandbox/state`, key: 'admin' },
      ],
      connectWith: `export FERRY_DYNAMICS_TOKEN='${token}' && ferry connect dynamics --org-url ${s.url}`,
      close: () => s.close(),
    };
  },
  demo: { holds: (state) => `${(state as DynamicsState).contacts ?? 0} contacts` },
};
