import type { Command } from 'commander';
import { seedDemoContacts } from '../store/demo-seed';
import { countContacts } from '../store/contacts';
import { findActiveConnection, type ConnectionKind } from '../store/connections';
import { startHubSpotSandbox } from '../sandbox/hubspot/index';
import { startSalesforceSandbox } from '../sandbox/salesforce/index';
import { startZapierSandbox } from '../sandbox/zapier/index';
import type { RunSummary } from '../sync/service-api';
import type { CliContext } from './context';
import { UsageError } from './context';
import { printSummary } from './sync-commands';
import { progressPrinter } from './progress-bar';

export const DEFAULT_DEMO_COUNT = 50;

function parseCount(text: string): number {
  const count = Number(text);
  if (!Number.isSafeInteger(count) || count < 1 || count > 1_000_000) throw new UsageError('--count must be a number from 1 to 1000000.');
  return count;
}

interface DemoSandbox {
  kind: ConnectionKind;
  label: string;
  /** starts the sandbox and says how to connect to it */
  start(token: string): Promise<{ config: Record<string, unknown>; arrived(): string; close(): Promise<void> }>;
}

/** The sandbox CRMs the demo connects; each speaks its CRM's wire format on loopback. */
const DEMO_SANDBOXES: DemoSandbox[] = [
  {
    kind: 'hubspot',
    label: 'HubSpot (sandbox)',
    start: async (token) => {
      const s = await startHubSpotSandbox({ port: 0, token });
      return { config: { baseUrl: s.url }, arrived: () => `${s.admin.contacts().length} contacts and ${s.admin.notes().length} notes`, close: () => s.close() };
    },
  },
  {
    kind: 'salesforce',
    label: 'Salesforce (sandbox)',
    start: async (token) => {
      const s = await startSalesforceSandbox({ port: 0, token });
      return { config: { baseUrl: s.url, object: 'Contact' }, arrived: () => `${s.admin.records('Contact').length} Contacts`, close: () => s.close() };
    },
  },
  {
    kind: 'zapier',
    label: 'Zapier (sandbox)',
    start: async () => {
      const s = await startZapierSandbox({ port: 0 });
      return { config: { baseUrl: s.hookUrl }, arrived: () => `${s.admin.accepted().length} deliveries (delivered to the hook; a Zap's own run is not proven by that)`, close: () => s.close() };
    },
  },
];

/**
 * The one-command tour: demo contacts, the sandbox CRMs started in this
 * process, a Sandbox connection to each, a sync, and what arrived. The
 * sandboxes live only as long as the command, so an earlier demo's sandbox
 * connections are replaced rather than pointed at servers that are gone.
 */
async function runDemo(ctx: CliContext, count: number): Promise<void> {
  const card = ctx.card();
  const added = countContacts(ctx.db, card.id) === 0 ? seedDemoContacts(ctx.db, card.id, count, ctx.region()) : 0;
  if (added > 0) ctx.out.info(`Added ${added} demo contacts.`);
  const started: Awaited<ReturnType<DemoSandbox['start']>>[] = [];
  const results: { crm: string; summary: RunSummary; arrived: string }[] = [];
  let failed = false;
  try {
    for (const demo of DEMO_SANDBOXES) {
      const existing = findActiveConnection(ctx.db, card.id, demo.kind);
      if (existing && !existing.config.sandbox) {
        ctx.out.warn(`${demo.label}: skipped, this card is connected to a real ${existing.label} account.`);
        continue;
      }
      if (existing) await ctx.engine.disconnect(existing.id);
      // the registry's per-process token: the sandbox accepts exactly what this process's connectors send
      const sandbox = await demo.start(ctx.registry.sandboxToken);
      started.push(sandbox);
      const connection = await ctx.engine.connect({ cardId: card.id, kind: demo.kind, label: demo.label, config: { ...sandbox.config, sandbox: true } });
      const bar = progressPrinter(connection.label, !ctx.globals.json && Boolean(process.stderr.isTTY));
      const off = ctx.engine.on('progress', (p) => { if (p.connectionId === connection.id) bar.update(p); });
      const summary = await ctx.engine.syncNow(connection.id, 'manual').finally(() => { off(); bar.done(); });
      printSummary(ctx, connection.label, summary, demo.kind === 'zapier');
      const arrived = sandbox.arrived();
      ctx.out.info(`  ${demo.label} now holds ${arrived}.`);
      results.push({ crm: demo.kind, summary, arrived });
      if (summary.state === 'failed') failed = true;
    }
    ctx.out.info("Next: 'ferry status', 'ferry log', or 'npm start' to see it in the app.");
    ctx.out.result(results);
    if (failed) throw new Error('A demo sync failed; see the lines above.');
  } finally {
    await ctx.engine.stop();
    await Promise.all(started.map((s) => s.close()));
  }
}

export function registerDemoCommands(program: Command, context: () => CliContext): void {
  const demo = program.command('demo').description('try Ferry without a CRM account: demo contacts synced to the local sandbox CRMs')
    .action(async () => runDemo(context(), DEFAULT_DEMO_COUNT));
  demo.command('seed').description('add deterministic, realistic demo contacts (the same ones the app adds on first run)')
    .option('--count <n>', 'how many', String(DEFAULT_DEMO_COUNT))
    .action((o: { count: string }) => {
      const count = parseCount(o.count);
      const ctx = context();
      const added = seedDemoContacts(ctx.db, ctx.card().id, count, ctx.region());
      ctx.out.result({ added, requested: count });
      ctx.out.info(`Added ${added} demo contacts${added < count ? ` (${count - added} were already there)` : ''}.`);
    });
}
