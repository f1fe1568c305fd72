import type { Command } from 'commander';
import type { ConnectionView } from '../../preload/schemas/connection';
import { companiesOffSentence, overallSentence, statusLine as statusSentence } from '../../preload/status/connection-sentences';
import type { Runtime } from '../runtime/index';
import { resolveConnections } from './connection-arg';
import { parseMode } from './connect-commands';
import { tokenStatusLine } from './connect-oauth';
import type { CliContext } from './context';
import { parsedInput } from './parsed-input';
import { teamLines } from './team-lines';

/** One line per connection: the card's own status sentence (preload/status), then the facts behind it. */
function statusLine(c: ConnectionView): string {
  const last = c.lastSuccessAt ? new Date(c.lastSuccessAt).toLocaleString() : 'never';
  const schedule = c.intervalMinutes ? ` every ${c.intervalMinutes} min` : '';
  const next = c.nextSyncAt !== null && c.pending > 0 ? `, next scheduled sync ${new Date(c.nextSyncAt).toLocaleString()}` : '';
  return `${c.label} (#${c.id})${c.localReceiver ? ' [local test receiver]' : ''}: ${statusSentence(c)} — ${c.mode}${schedule}, ` +
    `last successful sync ${last}, ${c.pending} pending, ${c.quarantined} set aside${next}`;
}

/** Each connection as the app's Integrations screen sees it (the same service, the same numbers), plus its sign-in. */
async function statusRows(rt: Runtime, which: string | undefined) {
  const { requireConnection } = await import('../store/connections');
  const rows = [];
  for (const view of await resolveConnections(rt, which)) {
    rows.push({ ...view, signIn: await tokenStatusLine(rt, requireConnection(rt.db, view.id)) });
  }
  return rows;
}

/** Runs a change on each named connection and prints the result the app would show. */
function onEach(context: () => CliContext, change: (rt: Runtime, c: ConnectionView) => Promise<ConnectionView>, said: (c: ConnectionView) => string) {
  return async (crm: string): Promise<void> => {
    const ctx = context();
    const rt = await ctx.runtime();
    const updated = [];
    for (const c of await resolveConnections(rt, crm)) {
      const view = await change(rt, c);
      updated.push(view);
      ctx.out.info(said(view));
    }
    ctx.out.result(updated);
  };
}

export function registerConnectionCommands(program: Command, context: () => CliContext): void {
  program.command('status').description('each connection: status, mode, last sync, pending changes, problems')
    .option('--connection <crm|id>', 'only this connection')
    .action(async (o: { connection?: string }) => {
      const ctx = context();
      const rows = await statusRows(await ctx.runtime(), o.connection);
      ctx.out.result(rows);
      const rt = await ctx.runtime();
      const policyProblem = rt.services.policy.view().problem;
      if (policyProblem) ctx.out.warn(policyProblem);
      if (rows.length === 0) ctx.out.info("No connections. Connect one with 'ferry connect hubspot', or try 'ferry demo'.");
      for (const c of rows) {
        ctx.out.info(statusLine(c));
        if (c.signIn) ctx.out.info(`    ${c.signIn.line}`);
        if (c.lastError) ctx.out.info(`    ${c.lastError}`);
        const companiesOff = companiesOffSentence(c);
        if (companiesOff) ctx.out.info(`    ${companiesOff}`);
        for (const line of teamLines(c)) ctx.out.info(`    ${line}`);
      }
      if (rows.length > 0) ctx.out.info(overallSentence(rows).text);
    });

  program.command('mode <crm> <mode>').description('how a connection syncs: manual, automatic (within seconds) or scheduled (--every N minutes)')
    .option('--every <minutes>', 'scheduled mode: minutes between syncs')
    .action(async (crm: string, mode: string, o: { every?: string }) => {
      const parsed = parseMode({ mode, ...(o.every ? { every: o.every } : {}) });
      await onEach(context,
        (rt, c) => rt.services.connections.setMode(parsedInput('setMode', { connectionId: c.id, ...parsed })),
        (c) => `${c.label}: ${c.mode}${c.intervalMinutes ? ` every ${c.intervalMinutes} min` : ''}.`)(crm);
    });

  program.command('pause <crm>').description('stop syncing a connection; changes are kept and sent when you resume')
    .action(onEach(context, (rt, c) => rt.services.connections.pause(parsedInput('pauseConnection', { connectionId: c.id })), (c) => `${c.label}: paused. Changes are kept.`));

  program.command('resume <crm>').description('sync a paused connection again; what waited is sent')
    .action(onEach(context, (rt, c) => rt.services.connections.resume(parsedInput('resumeConnection', { connectionId: c.id })), (c) => `${c.label}: resumed (${c.pending} pending).`));
}
