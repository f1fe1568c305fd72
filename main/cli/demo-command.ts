import type { Command } from 'commander';
import { destination, type DestinationId } from '../../destinations/index';
import type { RunSummaryView } from '../../preload/schemas/sync-log';
import type { CliContext } from './context';
import { UsageError } from './context';
import { parsedInput } from './parsed-input';
import { progressPrinter } from './progress-bar';
import { printSummary } from './run-summary';
import { SANDBOXES } from '../sandbox/catalog';

const DEFAULT_DEMO_COUNT = 50;

function parseCount(text: string): number {
  const count = Number(text);
  if (!Number.isSafeInteger(count) || count < 1 || count > 1_000_000) throw new UsageError('--count must be a number from 1 to 1000000.');
  return count;
}

async function sandboxState(baseUrl: string): Promise<unknown> {
  const response = await fetch(`${new URL(baseUrl).origin}/__sandbox/state`);
  return (await response.json()) as unknown;
}

/** The sandboxes the demo connects: those whose entry says what they hold (main/sandbox/catalog.ts). */
const demoSandboxes = (): { kind: DestinationId; holds: (state: unknown) => string }[] =>
  Object.entries(SANDBOXES).flatMap(([kind, entry]) => (entry.demo ? [{ kind: kind as DestinationId, holds: entry.demo.holds }] : []));

/**
 * The one-command tour, through the same services as the app: demo contacts,
 * a Sandbox connection to each of the data folder's sandbox CRMs (kept with
 * their records; an earlier demo's connection is reused), a sync, and what
 * arrived.
 */
async function runDemo(ctx: CliContext, count: number): Promise<void> {
  const rt = await ctx.runtime();
  const { contacts, connections } = rt.services;
  if (contacts.list(parsedInput('listContacts', { limit: 1, offset: 0 })).total === 0) {
    const { added } = contacts.seedDemo({ count });
    ctx.out.info(`Added ${added} demo contacts (made-up people: Ferry sends them to sandbox connections only).`);
  }
  await rt.attachSandboxes();
  const results: { crm: string; summary: RunSummaryView; arrived: string }[] = [];
  let failed = false;
  for (const demo of demoSandboxes()) {
    const existing = (await connections.list(undefined)).find((c) => c.kind === demo.kind);
    if (existing && !existing.sandbox) {
      ctx.out.warn(`${destination(demo.kind).name} sandbox: skipped, this card is connected to a real ${existing.label} account.`);
      continue;
    }
    const connection = existing ?? await connections.connect(parsedInput('connect', { kind: demo.kind, sandbox: true }));
    const bar = progressPrinter(connection.label, !ctx.globals.json && Boolean(process.stderr.isTTY));
    const off = rt.sync.on('progress', (p) => { if (p.connectionId === connection.id) bar.update(p); });
    const summary = await connections.syncNow(parsedInput('syncNow', { connectionId: connection.id })).finally(() => { off(); bar.done(); });
    printSummary(ctx, connection.label, summary, demo.kind);
    const arrived = demo.holds(await sandboxState(connection.config.baseUrl ?? ''));
    ctx.out.info(`  ${connection.label} now holds ${arrived}.`);
    results.push({ crm: demo.kind, summary, arrived });
    if (summary.state === 'failed') failed = true;
  }
  ctx.out.info("Next: 'ferry status', 'ferry log', or 'npm start' to see it in the app.");
  ctx.out.result(results);
  if (failed) throw new Error('A demo sync failed; see the lines above.');
}

export function registerDemoCommands(program: Command, context: () => CliContext): void {
  const demo = program.command('demo').description('try Ferry without a CRM account: demo contacts synced to the local sandbox CRMs')
    .action(async () => runDemo(context(), DEFAULT_DEMO_COUNT));
  demo.command('seed').description('add deterministic, realistic demo contacts (the same ones the app adds on first run)')
    .option('--count <n>', 'how many', String(DEFAULT_DEMO_COUNT))
    .action(async (o: { count: string }) => {
      const count = parseCount(o.count);
      const ctx = context();
      const { added } = (await ctx.runtime()).services.contacts.seedDemo({ count });
      ctx.out.result({ added, requested: count });
      ctx.out.info(`Added ${added} demo contacts${added < count ? ` (${count - added} were already there)` : ''}.`);
    });
}
