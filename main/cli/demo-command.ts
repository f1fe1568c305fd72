import type { Command } from 'commander';
import { seedDemoContacts } from '../store/demo-seed';
import { countContacts } from '../store/contacts';
import { findActiveConnection, type ConnectionKind } from '../store/connections';
import { reattachSandboxConnections } from '../runtime-sandboxes';
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
  /** connection settings besides the sandbox's address */
  config: Record<string, unknown>;
  /** what the sandbox holds now, in words, read from its admin state (GET /__sandbox/state) */
  arrived(state: SandboxState): string;
}

interface SandboxState {
  contacts?: unknown[];
  notes?: unknown[];
  counts?: { Contact?: number };
  stats?: { accepted?: number };
}

/** The sandbox CRMs the demo connects; each speaks its CRM's wire format on loopback. */
const DEMO_SANDBOXES: DemoSandbox[] = [
  { kind: 'hubspot', label: 'HubSpot (sandbox)', config: {}, arrived: (s) => `${s.contacts?.length ?? 0} contacts and ${s.notes?.length ?? 0} notes` },
  { kind: 'salesforce', label: 'Salesforce (sandbox)', config: { object: 'Contact' }, arrived: (s) => `${s.counts?.Contact ?? 0} Contacts` },
  { kind: 'zapier', label: 'Zapier (sandbox)', config: {}, arrived: (s) => `${s.stats?.accepted ?? 0} deliveries (delivered to the hook; a Zap's own run is not proven by that)` },
];

async function sandboxState(baseUrl: string): Promise<SandboxState> {
  const response = await fetch(`${new URL(baseUrl).origin}/__sandbox/state`);
  return (await response.json()) as SandboxState;
}

/**
 * The one-command tour: demo contacts, the data folder's sandbox CRMs (kept
 * with their records, served by this command or by a running Ferry), a Sandbox
 * connection to each (an earlier demo's is reused), a sync, and what arrived.
 */
async function runDemo(ctx: CliContext, count: number): Promise<void> {
  const card = ctx.card();
  const added = countContacts(ctx.db, card.id) === 0 ? seedDemoContacts(ctx.db, card.id, count, ctx.region()) : 0;
  if (added > 0) ctx.out.info(`Added ${added} demo contacts.`);
  const results: { crm: string; summary: RunSummary; arrived: string }[] = [];
  let failed = false;
  try {
    await reattachSandboxConnections(ctx.db, ctx.sandboxes, Date.now);
    for (const demo of DEMO_SANDBOXES) {
      const existing = findActiveConnection(ctx.db, card.id, demo.kind);
      if (existing && !existing.config.sandbox) {
        ctx.out.warn(`${demo.label}: skipped, this card is connected to a real ${existing.label} account.`);
        continue;
      }
      const { baseUrl } = await ctx.sandboxes.endpoint(demo.kind);
      const connection = existing ?? await ctx.engine.connect({ cardId: card.id, kind: demo.kind, label: demo.label, config: { ...demo.config, baseUrl, sandbox: true } });
      const bar = progressPrinter(connection.label, !ctx.globals.json && Boolean(process.stderr.isTTY));
      const off = ctx.engine.on('progress', (p) => { if (p.connectionId === connection.id) bar.update(p); });
      const summary = await ctx.engine.syncNow(connection.id, 'manual').finally(() => { off(); bar.done(); });
      printSummary(ctx, connection.label, summary, demo.kind === 'zapier');
      const arrived = demo.arrived(await sandboxState(baseUrl));
      ctx.out.info(`  ${demo.label} now holds ${arrived}.`);
      results.push({ crm: demo.kind, summary, arrived });
      if (summary.state === 'failed') failed = true;
    }
    ctx.out.info("Next: 'ferry status', 'ferry log', or 'npm start' to see it in the app.");
    ctx.out.result(results);
    if (failed) throw new Error('A demo sync failed; see the lines above.');
  } finally {
    await ctx.engine.stop();
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
