import { Command, CommanderError } from 'commander';
import { defaultDataDir } from './paths';
import { CliContext, UsageError, consoleOutput } from './cli/context';
import { registerAgentCommand } from './cli/agent-command';
import { registerConnectCommands } from './cli/connect-commands';
import { registerConnectionCommands } from './cli/connection-commands';
import { registerContactCommands } from './cli/contacts-command';
import { registerDemoCommands } from './cli/demo-command';
import { registerLogCommand } from './cli/log-command';
import { registerSandboxCommands } from './cli/sandbox-command';
import { registerSyncCommands } from './cli/sync-commands';
import { registerWebCommands } from './cli/web-command';
import { registerPolicyCommands } from './cli/policy-command';
import { registerAllocationCommand } from './cli/allocation-command';
import { registerFilterCommands } from './cli/filter-command';
import { registerPullCommands } from './cli/pull-commands';
import { registerMappingCommands } from './cli/mapping-command';
import { registerSetupCommands } from './cli/setup-commands';
import { registerDuplicateCommands } from './cli/duplicates-command';
import { registerPotentialDuplicateCommands } from './cli/potential-duplicates-command';

export type CommandRegistrar = (program: Command, context: () => CliContext) => void;

/**
 * Every command group; each lives in its own file under main/cli/. These
 * files only declare commands: what a command does (the runtime, the CRM
 * SDKs, the sandboxes, the import) is loaded when it runs, so `ferry --help`
 * and `ferry status` start at once.
 */
const registrars: CommandRegistrar[] = [
  registerContactCommands, registerConnectCommands, registerSyncCommands, registerConnectionCommands,
  registerLogCommand, registerAgentCommand, registerDemoCommands, registerSandboxCommands, registerWebCommands,
  registerPolicyCommands, registerAllocationCommand, registerSetupCommands, registerMappingCommands, registerFilterCommands,
  registerPullCommands, registerPotentialDuplicateCommands,
  registerDuplicateCommands,
];

/** A reader that went away (`ferry log --json | head -1`) ends the command quietly, as Unix tools do. */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount('error') > 0) continue;
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
}

/**
 * Runs the ferry CLI and returns its exit code: 0 success, 1 failure (one clear
 * sentence on stderr), 2 usage error.
 */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  quietOnClosedPipe();
  const program = new Command('ferry')
    .description('Ferry: your contacts on your laptop, synced to your CRMs exactly once.')
    .option('--data-dir <dir>', 'the data folder (default: the desktop app\'s)', defaultDataDir(env))
    .option('--json', 'machine-readable output', false)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError('(run ferry --help for usage)');

  let context: CliContext | undefined;
  const getContext = (): CliContext => {
    if (!context) {
      const opts = program.opts<{ dataDir: string; json: boolean }>();
      context = new CliContext({ dataDir: opts.dataDir, json: opts.json }, consoleOutput(opts.json), env);
    }
    return context;
  };
  for (const register of registrars) register(program, getContext);
  program.commands.forEach(function exitOverrideAll(cmd: Command): void {
    cmd.exitOverride();
    cmd.commands.forEach(exitOverrideAll);
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) return 0;
      return 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`ferry: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`ferry: ${error instanceof Error ? error.message : String(error)}\n`);
    if (env.FERRY_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return 1;
  } finally {
    await context?.close();
  }
}
