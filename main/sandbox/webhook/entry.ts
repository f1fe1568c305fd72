import { randomToken } from '../shared/ids';
import type { SandboxEntry } from '../shared/entry';

/**
 * The webhook sandbox: a receiver that checks every signature and records each
 * delivery. Hosted, it verifies with the data folder's sandbox token (what the
 * registry signs sandbox webhooks with) and keeps only what arrived since it
 * started, so there is no state to save.
 */
export const webhookSandbox: SandboxEntry = {
  description: 'a receiver of Ferry\'s signed webhooks on loopback: verifies signatures, records deliveries',
  options: [{ flag: '--secret', value: 'text', minLength: 16, description: 'the signing secret to verify with (default: a random one, printed)' }],
  async startHosted(o) {
    const { startWebhookSandbox } = await import('./index');
    const s = await startWebhookSandbox({ port: o.port, secret: o.token });
    return { port: s.port, baseUrl: s.url, exportState: () => null, close: () => s.close() };
  },
  async startStandalone(port, options) {
    const given = typeof options.secret === 'string' ? options.secret : undefined;
    const secret = given ?? randomToken('whsec_');
    const { startWebhookSandbox } = await import('./index');
    const s = await startWebhookSandbox({ port, secret });
    // A secret given with --secret is never echoed: the line then names where to put it.
    const secretValue = given === undefined ? `'${secret}'` : '<the secret you gave with --secret>';
    return {
      url: s.url,
      details: [
        given === undefined ? { label: 'signing secret', value: secret, key: 'secret' } : { label: 'signing secret', value: 'the one given with --secret' },
        { label: 'deliveries', value: `${s.baseUrl}/__sandbox/deliveries` },
        { label: 'admin', value: `${s.baseUrl}/__sandbox/state`, key: 'admin' },
      ],
      connectWith: `export FERRY_WEBHOOK_SECRET=${secretValue} && ferry connect webhook --url ${s.url} --secret-env FERRY_WEBHOOK_SECRET`,
      close: () => s.close(),
    };
  },
};
