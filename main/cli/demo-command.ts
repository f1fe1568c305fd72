import type { Command } from 'commander';
import { seedDemoContacts } from '../store/demo-seed';
import type { CliContext } from './context';
import { UsageError } from './context';

export const DEFAULT_DEMO_COUNT = 50;

export function registerDemoCommands(program: Command, context: () => CliContext): void {
  const demo = program.command('demo').description('try Ferry without a CRM account');
  demo.command('seed').description('add deterministic, realistic demo contacts (the same ones the app adds on first run)')
    .option('--count <n>', 'how many', String(DEFAULT_DEMO_COUNT))
    .action((o: { count: string }) => {
      const count = Number(o.count);
      if (!Number.isSafeInteger(count) || count < 1 || count > 1_000_000) throw new UsageError('--count must be a number from 1 to 1000000.');
      const ctx = context();
      const added = seedDemoContacts(ctx.db, ctx.card().id, count, ctx.region());
      ctx.out.result({ added, requested: count });
      ctx.out.info(`Added ${added} demo contacts${added < count ? ` (${count - added} were already there)` : ''}.`);
    });
}
