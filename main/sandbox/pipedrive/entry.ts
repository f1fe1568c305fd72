import { randomToken } from '../shared/ids';
import type { SandboxEntry } from '../shared/entry';
import type { PipedriveSandboxOptions } from './index';

/** The Pipedrive sandbox as the app, the agent, `ferry demo` and `ferry sandbox pipedrive` start it. */
export const pipedriveSandbox: SandboxEntry = {
  description: 'a Pipedrive-compatible company on loopback (persons, person fields, token budget and burst limits)',
  options: [
    { flag: '--token', value: 'text', description: 'the API token to accept (default: a random one, printed)' },
    { flag: '--burst', value: 'whole', min: 1, max: 1_000_000, description: 'requests per rolling 2 seconds per token (default: the Lite plan\'s 20)' },
    { flag: '--daily-budget', value: 'whole', min: 1, max: 1_000_000_000, description: 'API tokens per day (default: 30,000, Lite with one seat)' },
  ],
  async startHosted(o) {
    const { startPipedriveSandbox } = await import('./index');
    // the demo and the app's sandbox hold demo data: a Growth company with five seats (300,000 tokens a day)
    const s = await startPipedriveSandbox({
      port: o.port, token: o.token, onChange: o.onChange, limits: { plan: 'growth', seats: 5 },
      ...(o.state ? { state: o.state as NonNullable<PipedriveSandboxOptions['state']> } : {}),
    });
    return { port: s.port, baseUrl: s.url, exportState: () => s.admin.exportState(), close: () => s.close() };
  },
  async startStandalone(port, options) {
    const token = typeof options.token === 'string' ? options.token : randomToken('pd-sandbox-');
    const { startPipedriveSandbox } = await import('./index');
    const s = await startPipedriveSandbox({
      port,
      token,
      limits: {
        ...(typeof options.burst === 'number' ? { burst: options.burst } : {}),
        ...(typeof options.dailyBudget === 'number' ? { dailyBudget: options.dailyBudget } : {}),
      },
    });
    return {
      url: s.url,
      details: [{ label: 'token', value: token, key: 'token' }, { label: 'admin', value: `${s.url}/__sandbox/state`, key: 'admin' }],
      connectWith: `export FERRY_PIPEDRIVE_TOKEN='${token}' && ferry connect pipedrive --base-url ${s.url}`,
      close: () => s.close(),
    };
  },
  demo: {
    holds: (state) => `${(state as { counts?: { persons?: number } }).counts?.persons ?? 0} persons`,
  },
};
