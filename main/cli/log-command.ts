import type { Command } from 'commander';
import { outcomeVerb } from '../../preload/status/run-sentences';
import { resolveConnections } from './connection-arg';
import type { CliContext } from './context';
import { parsedInput } from './parsed-input';

export function registerLogCommand(program: Command, context: () => CliContext): void {
  program.command('log').description('recent record outcomes (created, updated, deleted or archived, failed, set aside), with what the CRM said')
    .option('--errors', 'only problems', false)
    .option('--connection <crm|id>', 'only this connection')
    .option('--limit <n>', 'at most this many', '50')
    .action(async (o: { errors: boolean; connection?: string; limit: string }) => {
      const ctx = context();
      const rt = await ctx.runtime();
      const only = o.connection ? (await resolveConnections(rt, o.connection))[0] : undefined;
      const { items } = rt.services.syncLog.events(parsedInput('listEvents', {
        ...(only ? { connectionId: only.id } : {}),
        ...(o.errors ? { outcomes: ['failed', 'quarantined', 'held', 'conflict'] } : {}),
        limit: Number(o.limit),
        offset: 0,
      }));
      ctx.out.result(items);
      const kinds = new Map((await rt.services.connections.list(undefined)).map((c) => [c.id, c.kind]));
      if (items.length === 0) ctx.out.info(o.errors ? 'No problems recorded.' : 'Nothing synced yet.');
      for (const e of items) {
        ctx.out.info(`${new Date(e.at).toLocaleString()}  ${outcomeVerb(e.outcome, kinds.get(e.connectionId) ?? null).padEnd(11)} ${e.contactName ?? ''}${e.message ? ` — ${e.message}` : ''}`);
        if (e.crmError) ctx.out.info(`    CRM said: ${e.crmError}`);
        for (const ch of e.changes) ctx.out.info(`    ${ch.field}: ${ch.old ?? '∅'} → ${ch.new ?? '∅'}`);
      }
    });
}
