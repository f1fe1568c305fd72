import type { Command } from 'commander';
import { seedDemoContacts } from '../store/demo-seed';
import { countContacts } from '../store/contacts';
import { findActiveConnection } from '../store/connections';
import { startHubSpotSandbox } from '../sandbox/hubspot/index';
import { SANDBOX_TOKEN } from '../crm/registry';
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

/**
 * The one-command tour: demo contacts, the HubSpot sandbox started in this
 * process, a Sandbox connection, a sync, and what arrived. The sandbox lives
 * only as long as the command, so an earlier demo's sandbox connection is
 * replaced rather than pointed at a server that is gone.
 */
async function runDemo(ctx: CliContext, count: number): Promise<void> {
  const card = ctx.card();
  const added = countContacts(ctx.db, card.id) === 0 ? seedDemoContacts(ctx.db, card.id, count, ctx.region()) : 0;
  if (added > 0) ctx.out.info(`Added ${added} demo contacts.`);
  const existing = findActiveConnection(ctx.db, card.id, 'hubspot');
  if (existing && !existing.config.sandbox) {
    throw new Error('This card is already connected to a real HubSpot account; run the demo with another --data-dir.');
  }
  if (existing) await ctx.engine.disconnect(existing.id);

  const sandbox = await startHubSpotSandbox({ port: 0, token: SANDBOX_TOKEN });
  try {
    ctx.out.info(`HubSpot sandbox running at ${sandbox.url}`);
    const connection = await ctx.engine.connect({ cardId: card.id, kind: 'hubspot', label: 'HubSpot (sandbox)', config: { sandbox: true, baseUrl: sandbox.url } });
    const bar = progressPrinter(connection.label, !ctx.globals.json && Boolean(process.stderr.isTTY));
    const off = ctx.engine.on('progress', (p) => bar.update(p));
    const summary = await ctx.engine.syncNow(connection.id, 'manual').finally(() => { off(); bar.done(); });
    printSummary(ctx, connection.label, summary);
    const inSandbox = sandbox.admin.contacts().length;
    ctx.out.info(`The HubSpot sandbox now holds ${inSandbox} contacts and ${sandbox.admin.notes().length} notes, for example:`);
    for (const c of sandbox.admin.contacts().slice(0, 3)) {
      ctx.out.info(`  HubSpot #${c.id}: ${c.properties.firstname ?? ''} ${c.properties.lastname ?? ''} <${c.properties.email ?? ''}>, ${c.properties.company ?? ''}`);
    }
    ctx.out.info("Next: 'ferry status', 'ferry log', or 'npm start' to see it in the app.");
    ctx.out.result({ summary, sandboxContacts: inSandbox });
    if (summary.state === 'failed') throw new Error(summary.error ?? 'The demo sync failed.');
  } finally {
    await ctx.engine.stop();
    await sandbox.close();
  }
}

export function registerDemoCommands(program: Command, context: () => CliContext): void {
  const demo = program.command('demo').description('try Ferry without a CRM account: demo contacts synced to a local HubSpot sandbox')
    .option('--count <n>', 'how many demo contacts on a new card', String(DEFAULT_DEMO_COUNT))
    .action(async (o: { count: string }) => runDemo(context(), parseCount(o.count)));
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
