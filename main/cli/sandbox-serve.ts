import type { Command } from 'commander';
import { consoleOutput, UsageError, type Output } from './context';

/** A started sandbox as `ferry sandbox …` reports it. */
interface ServedSandbox {
  /** printed as they are, one a line */
  lines: string[];
  /** the JSON result (`kind` is added) */
  result: Record<string, string>;
  close(): Promise<void>;
}

/** A flag's value as a whole number in [min, max], else a UsageError naming the flag. */
export function parseWholeNumber(text: string, flag: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`${flag} expects a whole number from ${min} to ${max}, got '${text}'.`);
  return value;
}

/** Resolves on the first SIGINT or SIGTERM, then stops listening for both. */
export function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(signal);
    };
    const onInt = (): void => stop('SIGINT');
    const onTerm = (): void => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
}

/** The output a sandbox subcommand writes to, honouring the global --json. */
export const outputOf = (cmd: Command): Output => consoleOutput(cmd.optsWithGlobals<{ json?: boolean }>().json === true);

/** Prints how to use a started sandbox and serves until `stopped` resolves; the sandbox is closed however that ends. */
export async function serveSandbox(kind: string, running: ServedSandbox, out: Output, stopped: Promise<unknown> = untilStopped()): Promise<void> {
  for (const line of running.lines) out.info(line);
  out.info('Press Ctrl+C to stop.');
  out.result({ kind, ...running.result });
  try {
    await stopped;
  } finally {
    await running.close();
  }
}
