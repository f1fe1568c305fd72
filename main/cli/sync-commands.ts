import type { Command } from 'commander';
import { defaultTokenEnvName } from '../secrets/index';
import { CRM_NAMES } from '../crm/registry';
import { endpointProblem } from '../crm/connection-endpoint';
import { isLoopbackUrl } from '../secrets/endpoint-policy';
import { isLocalReceiver } from '../services/connection-view';
import { SYNC_MODES, type ConnectionKind, type SyncMode } from '../store/connections';
import { countOutbox } from '../store/outbox';
import { listEvents } from '../store/sync-log';
import type { RunSummary } from '../sync/service-api';
import { parseKind, resolveConnections } from './connection-arg';
import type { CliContext } from './context';
import { UsageError } from './context';
import { progressPrinter } from './progress-bar';
import { connectOAuthCommand, registerReconnectCommand, tokenStatusLine, type OAuthCommandOptions } from './connect-oauth';
import { checkConnect, checkDisconnect, connectionLocks } from '../policy/index';
import { statusPolicyLines } from './status-lines';

interface ConnectOptions extends OAuthCommandOptions {
  oauth: boolean;
  tokenEnv?: string;
  baseUrl?: string;
  mode: string;
  every?: string;
  object?: string;
  instanceUrl?: string;
  hookUrlEnv?: string;
  url?: string;
  secretEnv?: string;
  batchSize?: string;
}

function parseMode(o: ConnectOptions): { mode: SyncMode; intervalMinutes?: number } {
  if (!(SYNC_MODES as readonly string[]).includes(o.mode)) throw new UsageError(`--mode must be one of ${SYNC_MODES.join(', ')}.`);
  const mode = o.mode as SyncMode;
  if (mode !== 'scheduled') return { mode };
  const every = Number(o.every);
  if (!Number.isSafeInteger(every) || every < 1) throw new UsageError('--mode scheduled needs --every N (minutes, at least 1).');
  return { mode, intervalMinutes: every };
}

/** Non-secret settings for `ferry connect KIND`; the secrets themselves stay in the environment. */
function connectConfig(kind: ConnectionKind, o: ConnectOptions, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  const tokenEnv = kind === 'zapier' ? o.hookUrlEnv : kind === 'webhook' ? o.secretEnv : o.tokenEnv ?? defaultTokenEnvName(kind);
  if (!tokenEnv) throw new UsageError(kind === 'zapier' ? 'Name the variable that holds the Catch Hook URL: --hook-url-env NAME.' : 'Name the variable that holds the webhook secret: --secret-env NAME.');
  if (!env[tokenEnv]) {
    throw new UsageError(`The environment variable ${tokenEnv} is not set. Put the ${CRM_NAMES[kind]} credentials in it (it is read at each sync and never stored), or name another with --token-env.`);
  }
  config.tokenEnv = tokenEnv;
  config.auth = kind === 'zapier' ? 'hook-url' : kind === 'webhook' ? 'signed' : 'private-app';
  if (o.baseUrl) config.baseUrl = o.baseUrl;
  if (kind === 'salesforce') {
    if (!o.instanceUrl && !o.baseUrl) throw new UsageError('Salesforce needs --instance-url https://yourorg.my.salesforce.com.');
    config.baseUrl = o.instanceUrl ?? o.baseUrl;
    config.object = o.object === 'Lead' ? 'Lead' : 'Contact';
  }
  if (kind === 'webhook') {
    if (!o.url) throw new UsageError('A webhook connection needs --url https://…');
    config.baseUrl = o.url;
    if (o.batchSize) config.batchSize = Number(o.batchSize);
  }
  // The one endpoint policy, before anything is stored (the registry checks it again at every sync).
  const problem = endpointProblem(kind, typeof config.baseUrl === 'string' ? config.baseUrl : undefined);
  if (problem) throw new UsageError(problem);
  // A hook URL is a secret and stays in the environment; only "it is on this computer" is kept, for the card.
  if (kind === 'zapier' && isLoopbackUrl(env[tokenEnv])) config.localReceiver = true;
  return config;
}

/**
 * One line per run. For delivery-only targets (Zapier) a 2xx proves receipt,
 * not that a Zap ran, so the line says "delivered" and never "created".
 */
export function printSummary(ctx: CliContext, label: string, s: RunSummary, deliveryOnly = false): void {
  if (s.state === 'nothing_to_send') {
    ctx.out.info(`${label}: nothing was waiting to be sent — no API call made.`);
    return;
  }
  const seconds = ((s.finishedAt - s.startedAt) / 1000).toFixed(1);
  const sent = deliveryOnly ? `${s.created + s.updated} delivered` : `${s.created} created, ${s.updated} updated`;
  ctx.out.info(
    `${label}: ${sent}, ${s.unchanged} unchanged, ${s.quarantined} rejected, ${s.failed} not sent — ${s.apiCalls} API call${s.apiCalls === 1 ? '' : 's'} in ${seconds} s.`,
  );
  if (s.error) ctx.out.warn(`${label}: ${s.error}`);
}

export function registerSyncCommands(program: Command, context: () => CliContext): void {
  program.command('connect <crm>').description('connect a CRM to this card (hubspot, salesforce, zapier, webhook)')
    .option('--token-env <name>', 'environment variable holding the token (default FERRY_<CRM>_TOKEN)')
    .option('--base-url <url>', 'API base URL (a sandbox, or a regional endpoint)')
    .option('--instance-url <url>', 'Salesforce instance URL')
    .option('--object <Contact|Lead>', 'Salesforce: write Contacts or Leads', 'Contact')
    .option('--hook-url-env <name>', 'Zapier: environment variable holding the Catch Hook URL')
    .option('--url <url>', 'webhook URL')
    .option('--secret-env <name>', 'webhook: environment variable holding the signing secret')
    .option('--batch-size <n>', 'webhook: contacts per request')
    .option('--mode <mode>', 'manual, automatic or scheduled', 'manual')
    .option('--every <minutes>', 'scheduled mode: minutes between syncs')
    .option('--oauth', 'HubSpot, Salesforce: sign in through the browser; tokens go to the system keychain', false)
    .option('--auth-base-url <url>', 'OAuth: where the browser signs in (sandbox org, My Domain, Ferry sandbox)')
    .option('--api-base-url <url>', 'OAuth: where token calls go')
    .option('--redirect-port <port>', 'OAuth: loopback port registered with the CRM app')
    .option('--timeout <seconds>', 'OAuth: how long to wait for the browser sign-in')
    .option('--no-open', 'OAuth: do not try to open a browser')
    .action(async (crm: string, o: ConnectOptions, command: Command) => {
      const ctx = context();
      const kind = parseKind(crm);
      // the admin's policy: which CRMs, and its mode when it sets one (a --mode that differs is refused)
      const asked = command.getOptionValueSource('mode') === 'cli' ? parseMode(o) : {};
      const mode = { mode: 'manual' as SyncMode, ...checkConnect(ctx.policy.current(), kind, CRM_NAMES[kind], asked) };
      if (o.oauth) {
        await connectOAuthCommand(ctx, kind, { ...o, ...mode, ...(o.instanceUrl && !o.baseUrl ? { baseUrl: o.instanceUrl } : {}) });
        return;
      }
      const connection = await ctx.engine.connect({ cardId: ctx.card().id, kind, config: connectConfig(kind, o, ctx.env), ...mode });
      ctx.out.result(connection);
      ctx.out.info(`Connected ${connection.label} (connection ${connection.id}, ${connection.mode} mode). Run 'ferry sync' to push your contacts.`);
    });

  program.command('disconnect <crm>').description('disconnect a CRM (its secrets are deleted; the CRM records stay)')
    .action(async (crm: string) => {
      const ctx = context();
      for (const c of resolveConnections(ctx.db, ctx.card().id, crm)) {
        checkDisconnect(ctx.policy.current(), c.kind, CRM_NAMES[c.kind]);
        await ctx.engine.disconnect(c.id);
        ctx.out.info(`Disconnected ${c.label}.`);
      }
      ctx.out.result({ disconnected: crm });
    });

  program.command('sync').description('push every new or changed contact now')
    .option('--connection <crm|id>', 'only this connection')
    .option('--dry-run', 'list what would be created or updated, field by field, and write nothing', false)
    .action(async (o: { connection?: string; dryRun: boolean }) => {
      const ctx = context();
      const connections = resolveConnections(ctx.db, ctx.card().id, o.connection);
      if (connections.length === 0) throw new Error("There is no connection yet. Connect a CRM with 'ferry connect hubspot', or try 'ferry demo'.");
      if (o.dryRun) {
        const plans = [];
        for (const c of connections) {
          const plan = await ctx.engine.dryRun(c.id, 1000);
          plans.push(plan);
          ctx.out.info(`${c.label}: ${plan.pending} pending — would create ${plan.creates} and update ${plan.updates} contact(s)${plan.unchanged > 0 ? `; ${plan.unchanged} already up to date there` : ''}.`);
          for (const item of plan.items) {
            ctx.out.info(`  ${item.action} ${item.name} (#${item.contactId})`);
            for (const ch of item.changes) ctx.out.info(`      ${ch.field}: ${ch.old ?? '∅'} → ${ch.new ?? '∅'}`);
          }
        }
        ctx.out.result(plans);
        return;
      }
      const summaries: RunSummary[] = [];
      let failed = false;
      for (const c of connections) {
        const bar = progressPrinter(c.label, !ctx.globals.json && Boolean(process.stderr.isTTY));
        const off = ctx.engine.on('progress', (p) => { if (p.connectionId === c.id) bar.update(p); });
        try {
          const summary = await ctx.engine.syncNow(c.id, 'manual');
          bar.done();
          summaries.push(summary);
          printSummary(ctx, c.label, summary, ctx.registry.create(c).capabilities.deliveryOnly);
          if (summary.state !== 'succeeded' && summary.state !== 'nothing_to_send') failed = true;
        } catch (error) {
          bar.done();
          failed = true;
          ctx.out.warn(`${c.label}: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
          off();
        }
      }
      ctx.out.result(summaries);
      if (failed) throw new Error("Not every change reached its CRM; see 'ferry status' and 'ferry log --errors'. Nothing is lost: the next sync sends the rest.");
    });

  program.command('status').description('show each connection: status, mode, last sync, pending changes, problems')
    .action(async () => {
      const ctx = context();
      const rows = [];
      for (const c of resolveConnections(ctx.db, ctx.card().id, undefined)) {
        // OAuth connections only: the keychain is read when a connection keeps its tokens there.
        rows.push({ ...c, localReceiver: isLocalReceiver(c), outbox: countOutbox(ctx.db, c.id), signIn: await tokenStatusLine(ctx, c), locks: connectionLocks(ctx.policy.current(), c.kind) });
      }
      ctx.out.result(rows);
      const policyProblem = ctx.policy.current().problem;
      if (policyProblem) ctx.out.warn(policyProblem);
      if (rows.length === 0) ctx.out.info("No connections. Connect one with 'ferry connect hubspot', or try 'ferry demo'.");
      for (const c of rows) {
        const last = c.lastSuccessAt ? new Date(c.lastSuccessAt).toLocaleString() : 'never';
        ctx.out.info(`${c.label} (#${c.id})${c.localReceiver ? ' [local test receiver]' : ''}: ${c.status.replaceAll('_', ' ')}, ${c.mode}${c.intervalMinutes ? ` every ${c.intervalMinutes} min` : ''}, last successful sync ${last}, ${c.outbox.pending} pending, ${c.outbox.quarantined} rejected`);
        if (c.signIn) ctx.out.info(`    ${c.signIn.line}`);
        if (c.lastError) ctx.out.info(`    ${c.lastError}`);
        for (const line of statusPolicyLines(ctx, c)) ctx.out.info(`    ${line}`);
      }
    });

  registerReconnectCommand(program, context);

  program.command('log').description('recent record outcomes (created, updated, failed, rejected)')
    .option('--errors', 'only problems', false)
    .option('--connection <crm|id>', 'only this connection')
    .option('--limit <n>', 'at most this many', '50')
    .action((o: { errors: boolean; connection?: string; limit: string }) => {
      const ctx = context();
      const only = o.connection ? resolveConnections(ctx.db, ctx.card().id, o.connection)[0] : undefined;
      const { items } = listEvents(ctx.db, {
        connectionId: only?.id,
        outcomes: o.errors ? ['failed', 'quarantined', 'conflict'] : undefined,
        limit: Number(o.limit),
        offset: 0,
      });
      ctx.out.result(items);
      if (items.length === 0) ctx.out.info(o.errors ? 'No problems recorded.' : 'Nothing synced yet.');
      for (const e of items) {
        ctx.out.info(`${new Date(e.at).toLocaleString()}  ${e.outcome.padEnd(11)} ${e.contactName ?? ''}${e.message ? ` — ${e.message}` : ''}`);
        if (e.crmError) ctx.out.info(`    CRM said: ${e.crmError}`);
        for (const ch of e.changes) ctx.out.info(`    ${ch.field}: ${ch.old ?? '∅'} → ${ch.new ?? '∅'}`);
      }
    });

  program.command('agent').description('run automatic and scheduled syncs headless until stopped (Ctrl-C)')
    .action(async () => {
      const ctx = context();
      const engine = ctx.engine;
      engine.on('runFinished', (s) => {
        const c = resolveConnections(ctx.db, ctx.card().id, String(s.connectionId))[0];
        printSummary(ctx, c?.label ?? `connection ${s.connectionId}`, s);
      });
      engine.on('status', (s) => { if (s.message) ctx.out.warn(`connection ${s.connectionId}: ${s.message}`); });
      engine.start();
      ctx.out.info('Ferry agent running: automatic and scheduled syncs are on. Press Ctrl-C to stop.');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      ctx.out.info('Stopping: the batch in flight finishes first.');
    });
}
