import type { Command } from 'commander';
import { destination, DESTINATION_IDS, DESTINATIONS, oauthDestinations, type CredentialField, type DestinationId } from '../../destinations/index';
import { SYNC_MODES, type SyncMode } from '../../preload/schemas/connection';
import { parseKind, resolveConnections } from './connection-arg';
import { UsageError, type CliContext } from './context';
import { connectOAuthCommand, reconnectCommand, type OAuthCommandOptions } from './connect-oauth';
import { parsedInput } from './parsed-input';
import { credentialProblems, toConnectParts } from '../../destinations/credential-checks';
import type { PublicConnectionConfig } from '../../preload/schemas/connection';
import { nextStep, parseDirection } from './pull-commands';
import { cannotReadSentence } from '../../preload/status/pull-sentences';

interface ConnectOptions extends OAuthCommandOptions {
  oauth: boolean;
  direction?: string;
  tokenEnv?: string;
  hookUrlEnv?: string;
  secretEnv?: string;
  baseUrl?: string;
  instanceUrl?: string;
  url?: string;
  object?: string;
  batchSize?: string;
  /** absent: the admin's mode when the policy sets one, else manual */
  mode?: string;
  every?: string;
}

export function parseMode(o: { mode: string; every?: string }): { mode: SyncMode; intervalMinutes?: number } {
  if (!(SYNC_MODES as readonly string[]).includes(o.mode)) throw new UsageError(`The mode must be one of ${SYNC_MODES.join(', ')}.`);
  const mode = o.mode as SyncMode;
  if (mode !== 'scheduled') return { mode };
  const every = Number(o.every);
  if (!Number.isSafeInteger(every) || every < 1) throw new UsageError('Scheduled mode needs --every N (minutes, at least 1).');
  return { mode, intervalMinutes: every };
}

/** A value the descriptor asks for, from its CLI option (`--instance-url` → instanceUrl). */
function optionValue(o: ConnectOptions, field: CredentialField): string | undefined {
  if (!field.cliOption) return undefined;
  const key = field.cliOption.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  const value = (o as unknown as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * `ferry connect KIND` without a browser: what the destination's descriptor
 * asks for, from options (addresses, choices) and one environment variable
 * (the secret, read at each sync and never stored).
 */
function headlessConnect(kind: DestinationId, o: ConnectOptions, env: NodeJS.ProcessEnv) {
  const d = destination(kind);
  const secret = d.credentials.find((f) => f.vaultEntry);
  const tokenEnv = o.tokenEnv ?? o.hookUrlEnv ?? o.secretEnv ?? secret?.env;
  if (!secret || !tokenEnv) throw new UsageError(`${d.name} has no token to read from the environment; see the README.`);
  const credential = env[tokenEnv];
  if (!credential) {
    throw new UsageError(`The environment variable ${tokenEnv} is not set. Put the ${d.sentenceName} ${secret.label.toLowerCase()} in it (it is read at each sync and never stored), or name another with --token-env.`);
  }
  // the values the form would have: options for addresses and choices, the environment for the secret
  const values: Record<string, string> = { [secret.key]: credential };
  for (const field of d.credentials.filter((f) => f.configField)) {
    const value = optionValue(o, field) ?? (field.configField === 'baseUrl' ? o.baseUrl : undefined);
    if (value !== undefined) values[field.key] = value;
    else if (!field.choices) throw new UsageError(`${d.name} needs ${field.cliOption} (${field.label.toLowerCase()}${field.placeholder ? `, e.g. ${field.placeholder}` : ''}).`);
  }
  const problem = Object.values(credentialProblems(d, values))[0];
  if (problem) throw new UsageError(problem);
  // parsedInput below checks the shape against the contract
  const config = toConnectParts(d, values).config as PublicConnectionConfig;
  // a sandbox or a regional endpoint for a destination whose address is otherwise known
  if (o.baseUrl && !config.baseUrl) config.baseUrl = o.baseUrl;
  if (o.batchSize) config.batchSize = Number(o.batchSize);
  return { input: parsedInput('connect', { kind, config, ...(o.mode === undefined ? {} : parseMode({ mode: o.mode, ...(o.every ? { every: o.every } : {}) })) }), headless: { tokenEnv, credential } };
}

export function registerConnectCommands(program: Command, context: () => CliContext): void {
  const connect = program.command('connect <crm>').description(`connect a destination: ${DESTINATION_IDS.join(', ')} (see the README for each)`)
    .option('--token-env <name>', 'the environment variable holding the token, hook URL or signing secret (default FERRY_<CRM>_TOKEN, FERRY_ZAPIER_HOOK, FERRY_WEBHOOK_SECRET)')
    .option('--base-url <url>', 'API base URL (a sandbox, or a regional endpoint)')
    .option('--instance-url <url>', 'Salesforce instance URL')
    .option('--object <Contact|Lead>', 'Salesforce: write Contacts or Leads')
    .option('--hook-url-env <name>', 'Zapier: the same as --token-env')
    .option('--url <url>', 'webhook URL')
    .option('--secret-env <name>', 'webhook: the same as --token-env')
    .option('--batch-size <n>', 'webhook: contacts per request')
    .option('--mode <mode>', 'manual (the default), automatic or scheduled; an admin\'s policy may set it')
    .option('--every <minutes>', 'scheduled mode: minutes between syncs')
    .option('--direction <direction>', 'push (the default), pull or two-way (docs/pull.md)')
    .option('--oauth', `${oauthDestinations().map((d) => d.name).join(', ')}: sign in through the browser; tokens go to the system keychain`, false)
    .option('--auth-base-url <url>', 'OAuth: where the browser signs in (sandbox org, My Domain, Ferry sandbox)')
    .option('--api-base-url <url>', 'OAuth: where token calls go')
    .option('--redirect-port <port>', 'OAuth: loopback port registered with the CRM app')
    .option('--timeout <seconds>', 'OAuth: how long to wait for the browser sign-in')
    .option('--no-open', 'OAuth: do not try to open a browser');
  // every other setting a descriptor names a CLI option for (an audience, a region), from the descriptors
  for (const d of DESTINATIONS) {
    for (const field of d.credentials) {
      if (field.cliOption && !connect.options.some((o) => o.long === field.cliOption)) connect.option(`${field.cliOption} <value>`, `${d.name}: ${field.label.toLowerCase()}`);
    }
  }
  connect
    .action(async (crm: string, o: ConnectOptions) => {
      const ctx = context();
      const kind = parseKind(crm);
      const direction = o.direction === undefined ? undefined : parseDirection(o.direction);
      if (direction !== undefined && direction !== 'push' && !destination(kind).reads) throw new UsageError(cannotReadSentence(destination(kind).name));
      if (o.oauth) {
        const { mode: _asked, ...rest } = o;
        await connectOAuthCommand(ctx, kind, { ...rest, direction, ...(o.mode === undefined ? {} : parseMode({ mode: o.mode, ...(o.every ? { every: o.every } : {}) })), ...(o.instanceUrl && !o.baseUrl ? { baseUrl: o.instanceUrl } : {}) });
        return;
      }
      const rt = await ctx.runtime();
      // the admin's word first: a destination or mode the policy bars is refused before any credential is asked for
      rt.services.policy.checkConnect(kind, o.mode === undefined ? {} : parseMode({ mode: o.mode, ...(o.every ? { every: o.every } : {}) }));
      const { input, headless } = headlessConnect(kind, o, ctx.env);
      const connection = await rt.services.connections.connect(input, headless);
      if (direction !== undefined && direction !== 'push') await rt.services.pull.setDirection(connection.id, direction);
      ctx.out.result(direction === undefined ? connection : { ...connection, direction });
      ctx.out.info(`Connected ${connection.label} (connection ${connection.id}, ${connection.mode} mode${connection.localReceiver ? ', local test receiver' : ''}). ${nextStep(direction)}`);
    });

  reconnectCommand(program, context);

  program.command('disconnect <crm>').description('disconnect a destination (its secrets are deleted; the records in it stay)')
    .action(async (crm: string) => {
      const ctx = context();
      const rt = await ctx.runtime();
      for (const c of await resolveConnections(rt, crm)) {
        await rt.services.connections.disconnect(parsedInput('disconnect', { connectionId: c.id }));
        ctx.out.info(`Disconnected ${c.label}.`);
      }
      ctx.out.result({ disconnected: crm });
    });
}
