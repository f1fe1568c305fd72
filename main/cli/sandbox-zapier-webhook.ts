import type { Command } from 'commander';
import { randomToken } from '../sandbox/shared/ids';
import { UsageError } from './context';
import { outputOf, parseWholeNumber, serveSandbox } from './sandbox-serve';

/**
 * `ferry sandbox zapier` and `ferry sandbox webhook`: local receivers that record
 * every delivery, for demos and tests. They run until SIGINT or SIGTERM.
 * A secret given with --secret is never printed back; a generated one is
 * printed once, because the user needs it to connect.
 */

export function registerZapierWebhookSandboxCommands(sandbox: Command): void {
  sandbox.command('zapier')
    .description('a Zapier Catch Hook look-alike on loopback: records deliveries, enforces 30 requests/s per hook')
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', '0')
    .action(async (options: { port: string }, cmd: Command) => {
      const s = await (await import('../sandbox/zapier')).startZapierSandbox({ port: parseWholeNumber(options.port, '--port', 0, 65_535) });
      const connectWith = `export FERRY_ZAPIER_HOOK='${s.hookUrl}' && ferry connect zapier --hook-url-env FERRY_ZAPIER_HOOK`;
      await serveSandbox('zapier', {
        lines: [
          `zapier sandbox listening on ${s.url}`,
          `  hook URL: ${s.hookUrl}`,
          `  deliveries: ${s.url}/__sandbox/deliveries`,
          `Connect it with: ${connectWith}`,
        ],
        result: { url: s.url, hookUrl: s.hookUrl, admin: `${s.url}/__sandbox/state`, connectWith },
        close: () => s.close(),
      }, outputOf(cmd));
    });

  sandbox.command('webhook')
    .description('a receiver of Ferry\'s signed webhooks on loopback: verifies signatures, records deliveries')
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', '0')
    .option('--secret <secret>', 'the signing secret to verify with (default: a random one, printed)')
    .action(async (options: { port: string; secret?: string }, cmd: Command) => {
      const generated = options.secret === undefined;
      const secret = options.secret ?? randomToken('whsec_');
      if (secret.length < 16) throw new UsageError('--secret must be at least 16 characters long.');
      const s = await (await import('../sandbox/webhook')).startWebhookSandbox({ port: parseWholeNumber(options.port, '--port', 0, 65_535), secret });
      // A secret given with --secret is never echoed: the line then names where to put it.
      const secretValue = generated ? `'${secret}'` : '<the secret you gave with --secret>';
      const connectWith = `export FERRY_WEBHOOK_SECRET=${secretValue} && ferry connect webhook --url ${s.url} --secret-env FERRY_WEBHOOK_SECRET`;
      await serveSandbox('webhook', {
        lines: [
          `webhook sandbox listening on ${s.url}`,
          generated ? `  signing secret: ${secret}` : '  signing secret: the one given with --secret',
          `  deliveries: ${s.baseUrl}/__sandbox/deliveries`,
          `Connect it with: ${connectWith}`,
        ],
        result: { url: s.url, admin: `${s.baseUrl}/__sandbox/state`, connectWith, ...(generated ? { secret } : {}) },
        close: () => s.close(),
      }, outputOf(cmd));
    });
}
