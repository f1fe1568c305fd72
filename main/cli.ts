import { Command, CommanderError } from 'commander';
import { defaultDataDir } from './paths';
import { CliContext, UsageError, consoleOutput } from './cli/context';
import { registerContactCommands } from './cli/contacts-command';
import { registerDemoCommands } from './cli/demo-command';
import { registerSyncCommands } from './cli/sync-commands';
import { registerSandboxCommands } from './cli/sandbox-command';
import { registerWebCommands } from './cli/web-command';
import { registerPolicyCommands } from './cli/policy-command';
import { registerSettingsCommands } from './cli/settings-command';

export type CommandRegistrar = (program: Command, context: () => CliContext) => void;

/** Every command group; each lives in its own file under main/cli/. */
const registrars: CommandRegistrar[] = [registerContactCommands, registerSyncCommands, registerDemoCommands, registerSandboxCommands, registerWebCommands, registerPolicyCommands, registerSettingsCommands];

/**
 * Runs the ferry CLI and returns its exit code: 0 success, 1 failure (one clear
 * sentence on stderr), 2 usage error.
 */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
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
    await context?.closeAsync();
  }
}
