import type { Command } from 'commander';
import type { CliContext } from './context';
import { printSummary } from './run-summary';

export function registerAgentCommand(program: Command, context: () => CliContext): void {
  program.command('agent').description('run automatic and scheduled syncs headless until stopped (Ctrl-C)')
    .action(async () => {
      const ctx = context();
      // the app's runtime, scheduler on, sandboxes attached: a tray-less Ferry
      const rt = await ctx.runtime({ scheduler: true });
      await rt.attachSandboxes();
      const labels = new Map((await rt.services.connections.list(undefined)).map((c) => [c.id, { label: c.label, kind: c.kind }]));
      rt.sync.on('runFinished', (s) => {
        const c = labels.get(s.connectionId);
        printSummary(ctx, c?.label ?? `connection ${s.connectionId}`, s, c?.kind ?? null);
      });
      rt.sync.on('status', (s) => { if (s.message) ctx.out.warn(`${labels.get(s.connectionId)?.label ?? `connection ${s.connectionId}`}: ${s.message}`); });
      ctx.out.info('Ferry agent running: automatic and scheduled syncs are on. Press Ctrl-C to stop.');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      ctx.out.info('Stopping: the batch in flight finishes first.');
    });
}
