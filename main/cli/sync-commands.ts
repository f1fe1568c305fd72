import type { Command } from 'commander';
import { parseTestOptions, runTestSync } from './test-sync-command';
import type { RunSummaryView } from '../../preload/schemas/sync-log';
import type { DryRunPlanView } from '../../preload/schemas/connection';
import type { Runtime } from '../runtime/index';
import { resolveConnections } from './connection-arg';
import type { CliContext } from './context';
import { parsedInput } from './parsed-input';
import { progressPrinter } from './progress-bar';
import { printSummary } from './run-summary';

async function connectionsToSync(rt: Runtime, which: string | undefined) {
  const connections = await resolveConnections(rt, which);
  if (connections.length === 0) throw new Error("There is no connection yet. Connect one with 'ferry connect hubspot', or try 'ferry demo'.");
  // sandbox connections: their sandboxes (with their records) before anything is planned or sent
  if (connections.some((c) => c.sandbox)) await rt.attachSandboxes();
  return connections;
}

function printPlan(ctx: CliContext, label: string, plan: DryRunPlanView): void {
  ctx.out.info(`${label}: ${plan.pending} pending — would create ${plan.creates} and update ${plan.updates} contact(s)${plan.unchanged > 0 ? `; ${plan.unchanged} already up to date there` : ''}${plan.held > 0 ? `; would set aside ${plan.held}: another contact has the same e-mail there` : ''}.`);
  for (const item of plan.items) {
    ctx.out.info(`  ${item.action === 'held' ? 'set aside' : item.action} ${item.name} (#${item.contactId})`);
    if (item.reason !== undefined) ctx.out.info(`      ${item.reason}`);
    for (const ch of item.changes) ctx.out.info(`      ${ch.field}: ${ch.old ?? '∅'} → ${ch.new ?? '∅'}`);
  }
}

/** What the next sync would send, field by field; writes nothing (the app's "Preview next sync"). */
async function preview(ctx: CliContext, which: string | undefined, limit: number): Promise<void> {
  const rt = await ctx.runtime();
  const plans = [];
  for (const c of await connectionsToSync(rt, which)) {
    const plan = await rt.services.connections.dryRun(parsedInput('dryRun', { connectionId: c.id, limit }));
    plans.push(plan);
    printPlan(ctx, c.label, plan);
  }
  ctx.out.result(plans);
}

export function registerSyncCommands(program: Command, context: () => CliContext): void {
  program.command('sync').description('push every new or changed contact now')
    .option('--connection <crm|id>', 'only this connection')
    .option('--dry-run', 'list what would be created or updated, field by field, and write nothing', false)
    .option('--test [n]', 'send the first n waiting contacts (default 5) and show, field by field, what the CRM now holds; the rest waits')
    .option('--contacts <ids>', 'with --test: these contacts (comma-separated ids)')
    .action(async (o: { connection?: string; dryRun: boolean; test?: string | boolean; contacts?: string }) => {
      const ctx = context();
      if (o.dryRun) return preview(ctx, o.connection, 1000);
      if (o.test !== undefined || o.contacts !== undefined) return runTestSync(ctx, await ctx.runtime(), o.connection, parseTestOptions(o.test ?? true, o.contacts));
      const rt = await ctx.runtime();
      const summaries: RunSummaryView[] = [];
      let failed = false;
      for (const c of await connectionsToSync(rt, o.connection)) {
        const bar = progressPrinter(c.label, !ctx.globals.json && Boolean(process.stderr.isTTY));
        const off = rt.sync.on('progress', (p) => { if (p.connectionId === c.id) bar.update(p); });
        try {
          const summary = await rt.services.connections.syncNow(parsedInput('syncNow', { connectionId: c.id }));
          bar.done();
          summaries.push(summary);
          printSummary(ctx, c.label, summary, c.kind);
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
      if (failed) throw new Error("Not every change reached its destination; see 'ferry status' and 'ferry log --errors'. Nothing is lost: the next sync sends the rest.");
    });

  program.command('preview <crm>').description('what the next sync to this connection would send, field by field; writes nothing')
    .option('--limit <n>', 'list at most this many contacts', '200')
    .action((crm: string, o: { limit: string }) => preview(context(), crm, Number(o.limit)));

  program.command('retry <crm>').description('put the contacts this connection set aside back in line (after you fixed them)')
    .option('--contact <id...>', 'only these contacts')
    .action(async (crm: string, o: { contact?: string[] }) => {
      const ctx = context();
      const rt = await ctx.runtime();
      const results = [];
      for (const c of await resolveConnections(rt, crm)) {
        const contactIds = o.contact?.map(Number);
        const { released } = rt.services.connections.retryQuarantined(parsedInput('retryQuarantined', { connectionId: c.id, ...(contactIds ? { contactIds } : {}) }));
        results.push({ connectionId: c.id, released });
        ctx.out.info(`${c.label}: ${released} contact${released === 1 ? '' : 's'} back in line${c.mode === 'manual' && released > 0 ? "; 'ferry sync' sends them" : ''}.`);
      }
      ctx.out.result(results);
    });
}
