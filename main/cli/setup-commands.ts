import type { Command } from 'commander';
import { DESTINATIONS } from '../../destinations/index';
import { resolveConnections } from './connection-arg';
import type { CliContext } from './context';
import { parsedInput } from './parsed-input';

/**
 * `ferry <destination> <action>` for each setup action a descriptor offers
 * (e.g. `ferry salesforce add-ferry-id`): the same call as the button on the
 * destination's card in the app.
 */
export function registerSetupCommands(program: Command, context: () => CliContext): void {
  for (const d of DESTINATIONS) {
    if (!d.setupActions?.length) continue;
    const group = program.command(d.id).description(`set up what Ferry needs in ${d.name}`);
    for (const action of d.setupActions) {
      group.command(action.id).description(action.summary)
        .option('--connection <id>', `the ${d.name} connection, when there are several`)
        .action(async (o: { connection?: string }) => {
          const ctx = context();
          const rt = await ctx.runtime();
          const connections = await resolveConnections(rt, o.connection ?? d.id);
          if (connections.some((c) => c.sandbox)) await rt.attachSandboxes();
          const results = [];
          for (const c of connections) {
            const { message } = await rt.services.connections.runSetupAction(parsedInput('runSetupAction', { connectionId: c.id, action: action.id }));
            ctx.out.info(`${c.label}: ${message}`);
            results.push({ connectionId: c.id, action: action.id, message });
          }
          ctx.out.result(results);
        });
    }
  }
}
