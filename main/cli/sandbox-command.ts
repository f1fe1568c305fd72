import type { Command } from 'commander';
import type { CommandRegistrar } from '../cli';
import { SANDBOXES } from '../sandbox/catalog';
import type { StandaloneOption, StandaloneOptions } from '../sandbox/shared/entry';
import { UsageError, type Output } from './context';
import { parseWholeNumber, serveSandbox, untilStopped } from './sandbox-serve';

/** `--rate-limit` → rateLimit, `--no-ferry-id` → ferryId: the name commander gives an option's value. */
function attributeName(flag: string): string {
  return flag.replace(/^--(no-)?/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** An entry's option values, checked as it declares them: whole numbers in range, texts long enough. */
function parseOptions(declared: readonly StandaloneOption[], given: Record<string, unknown>): StandaloneOptions {
  const parsed: Record<string, string | number | boolean | undefined> = {};
  for (const option of declared) {
    const name = attributeName(option.flag);
    const value = given[name];
    if (value === undefined) continue;
    if (option.value === 'whole') parsed[name] = parseWholeNumber(String(value), option.flag, option.min, option.max);
    else if (option.value === 'text') {
      if (option.minLength !== undefined && String(value).length < option.minLength) throw new UsageError(`${option.flag} must be at least ${option.minLength} characters long.`);
      parsed[name] = String(value);
    } else parsed[name] = value === true;
  }
  return parsed;
}

/** Starts one sandbox, prints how to use it, and serves until `stopped` resolves. */
export async function runSandbox(kind: string, options: Record<string, unknown> & { port: string }, out: Output, stopped: Promise<unknown> = untilStopped()): Promise<void> {
  const entry = (SANDBOXES as Record<string, (typeof SANDBOXES)[keyof typeof SANDBOXES]>)[kind];
  if (!entry) throw new UsageError(`'${kind}' is not a sandbox Ferry has. Use one of: ${Object.keys(SANDBOXES).join(', ')}.`);
  const port = parseWholeNumber(options.port, '--port', 0, 65_535);
  const running = await entry.startStandalone(port, parseOptions(entry.options, options));
  const keyed = Object.fromEntries(running.details.flatMap((d) => (d.key ? [[d.key, d.value]] : [])));
  await serveSandbox(kind, {
    lines: [`${kind} sandbox listening on ${running.url}`, ...running.details.map((d) => `  ${d.label}: ${d.value}`), `Connect it with: ${running.connectWith}`],
    result: { url: running.url, ...keyed, connectWith: running.connectWith },
    close: () => running.close(),
  }, out, stopped);
}

/** `ferry sandbox <id>` for every sandbox in the catalog, with the options its entry declares. */
export const registerSandboxCommands: CommandRegistrar = (program: Command, context) => {
  const group = program.command('sandbox').description('run a local CRM that speaks a real CRM\'s wire format, for demos and tests');
  for (const [kind, entry] of Object.entries(SANDBOXES)) {
    const command = group.command(kind).description(entry.description).option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', '0');
    for (const option of entry.options) {
      const flags = option.value === 'whole' ? `${option.flag} <n>` : option.value === 'text' ? `${option.flag} <value>` : option.flag;
      command.option(flags, option.description);
    }
    command.action(async (options: Record<string, unknown> & { port: string }) => {
      await runSandbox(kind, options, context().out);
    });
  }
};
