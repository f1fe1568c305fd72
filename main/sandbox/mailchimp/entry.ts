import { randomBytes } from 'node:crypto';
import type { SandboxEntry } from '../shared/entry';
import type { MailchimpStoreData } from './state';

/** what GET /__sandbox/state answers (admin.snapshot()) */
interface MailchimpState {
  members?: { status?: string }[];
}

/** The Mailchimp sandbox as the app, the agent, `ferry demo` and `ferry sandbox mailchimp` start it. */
export const mailchimpSandbox: SandboxEntry = {
  description: 'a Mailchimp Marketing API look-alike on loopback (one audience: members, merge fields, tags, 10 simultaneous connections)',
  options: [
    { flag: '--key', value: 'text', description: 'the API key to accept (default: a random one ending in -us1, printed)' },
    { flag: '--connections', value: 'whole', min: 1, max: 1000, description: 'simultaneous connections allowed (Mailchimp: 10)' },
    { flag: '--service-ms', value: 'whole', min: 0, max: 120_000, description: 'how long each request takes to serve' },
  ],
  async startHosted(o) {
    const { startMailchimpSandbox } = await import('./index');
    const s = await startMailchimpSandbox({ port: o.port, apiKey: o.token, onChange: o.onChange, ...(o.state ? { state: o.state as MailchimpStoreData } : {}) });
    return { port: s.port, baseUrl: s.apiRoot, exportState: () => s.admin.exportState(), close: () => s.close() };
  },
  async startStandalone(port, options) {
    // a Mailchimp-shaped key: 32 hex characters and the data centre
    const key = typeof options.key === 'string' ? options.key : `${randomBytes(16).toString('hex')}-us1`;
    const { startMailchimpSandbox, SANDBOX_AUDIENCE_ID } = await import('./index');
    const s = await startMailchimpSandbox({
      port,
      apiKey: key,
      ...(typeof options.connections === 'number' ? { connections: options.connections } : {}),
      ...(typeof options.serviceMs === 'number' ? { serviceMs: options.serviceMs } : {}),
    });
    return {
      url: s.url,
      details: [
        { label: 'API key', value: key, key: 'apiKey' },
        { label: 'audience', value: SANDBOX_AUDIENCE_ID, key: 'audience' },
        { label: 'members', value: `${s.url}/__sandbox/members` },
        { label: 'admin', value: `${s.url}/__sandbox/state`, key: 'admin' },
      ],
      connectWith: `export FERRY_MAILCHIMP_KEY='${key}' && ferry connect mailchimp --audience ${SANDBOX_AUDIENCE_ID} --base-url ${s.apiRoot}`,
      close: () => s.close(),
    };
  },
  demo: {
    holds: (state) => {
      const members = (state as MailchimpState).members ?? [];
      const subscribed = members.filter((m) => m.status === 'subscribed').length;
      return `${members.length} audience members (${subscribed} subscribed, ${members.length - subscribed} not subscribed)`;
    },
  },
};
