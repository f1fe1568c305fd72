import type { Command } from 'commander';
import type { CommandRegistrar } from '../cli';
import { UsageError, type Output } from './context';
import { randomToken } from '../sandbox/shared/ids';
import { registerZapierWebhookSandboxCommands } from './sandbox-zapier-webhook';
import { registerSalesforceSandboxCommand } from './sandbox-salesforce';
import { parseWholeNumber, serveSandbox, untilStopped } from './sandbox-serve';

/** What every sandbox command accepts. */
interface SandboxCommandOptions {
  port: string;
  token?: string;
  rateLimit?: string;
  searchLagMs?: string;
}

/** A started sandbox as the CLI reports it. */
interface RunningSandbox {
  url: string;
  /** facts to print, e.g. the token to use */
  details: Record<string, string>;
  /** a `ferry connect …` command that works when pasted into a shell */
  connectWith: string;
  close(): Promise<void>;
}

/**
 * The sandboxes `ferry sandbox <kind>` can start. Adding Salesforce, Zapier or a
 * webhook receiver is one more entry here; the command wiring is shared.
 */
const sandboxes: Record<string, { description: string; start(options: SandboxCommandOptions): Promise<RunningSandbox> }> = {
  hubspot: {
    description: 'a HubSpot-compatible CRM on loopback (contacts, search, properties, notes, OAuth)',
    start: async (options) => {
      const token = options.token ?? randomToken('pat-sandbox-');
      const sandbox = await (await import('../sandbox/hubspot')).startHubSpotSandbox({
        port: parseWholeNumber(options.port, '--port', 0, 65_535),
        token,
        rateLimit: options.rateLimit === undefined ? undefined : parseWholeNumber(options.rateLimit, '--rate-limit', 1, 1_000_000),
        searchLagMs: options.searchLagMs === undefined ? undefined : parseWholeNumber(options.searchLagMs, '--search-lag-ms', 0, 600_000),
      });
      return {
        url: sandbox.url,
        details: { token, admin: `${sandbox.url}/__sandbox/state` },
        connectWith: `export FERRY_HUBSPOT_TOKEN='${token}' && ferry connect hubspot --base-url ${sandbox.url}`,
        close: () => sandbox.close(),
      };
    },
  },
};

/** Starts one sandbox, prints how to use it, and serves until `stopped` resolves. */
export async function runSandbox(kind: string, options: SandboxCommandOptions, out: Output, stopped: Promise<unknown> = untilStopped()): Promise<void> {
  const entry = sandboxes[kind];
  if (!entry) throw new UsageError(`'${kind}' is not a sandbox Ferry has. Use one of: ${Object.keys(sandboxes).join(', ')}.`);
  const running = await entry.start(options);
  await serveSandbox(kind, {
    lines: [`${kind} sandbox listening on ${running.url}`, ...Object.entries(running.details).map(([name, value]) => `  ${name}: ${value}`), `Connect it with: ${running.connectWith}`],
    result: { url: running.url, ...running.details, connectWith: running.connectWith },
    close: () => running.close(),
  }, out, stopped);
}

export const registerSandboxCommands: CommandRegistrar = (program: Command, context) => {
  const group = program.command('sandbox').description('run a local CRM that speaks a real CRM\'s wire format, for demos and tests');
  for (const [kind, entry] of Object.entries(sandboxes)) {
    group.command(kind)
      .description(entry.description)
      .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', '0')
      .option('--token <token>', 'the access token to accept (default: a random one, printed)')
      .option('--rate-limit <n>', 'requests per rolling 10 seconds')
      .option('--search-lag-ms <ms>', 'how long writes take to show up in search')
      .action(async (options: SandboxCommandOptions) => {
        await runSandbox(kind, options, context().out);
      });
  }
  registerZapierWebhookSandboxCommands(group);
  registerSalesforceSandboxCommand(group);
};
