import type { Runtime } from '../runtime/index';

/** Thrown for a mistake in how a command was called: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface Output {
  /** human text on stdout (suppressed with --json) */
  info(line: string): void;
  /** the machine-readable result of a command (printed only with --json) */
  result(value: unknown): void;
  /** progress and warnings on stderr */
  warn(line: string): void;
}

interface CliGlobals {
  dataDir: string;
  json: boolean;
}

/**
 * What every command gets: where the data lives, how to print, and the
 * runtime over the data folder, started on first use. It is the same
 * composition root as the desktop app and the web mode (main/runtime/):
 * commands call its services and never the store, so every rule a service
 * applies (checks, events, normalisation) applies to the CLI too. The
 * scheduler runs only for `ferry agent`; one-shot commands leave it off.
 */
export class CliContext {
  private started: Promise<Runtime> | undefined;

  constructor(readonly globals: CliGlobals, readonly out: Output, readonly env: NodeJS.ProcessEnv = process.env) {}

  runtime(options: { scheduler?: boolean } = {}): Promise<Runtime> {
    this.started ??= import('../runtime/index').then(({ startRuntime }) => startRuntime({
      dataDir: this.globals.dataDir,
      host: 'cli',
      env: this.env,
      scheduler: options.scheduler ?? false,
      // a command that syncs asks for its sandboxes; the others never start one
      attachSandboxes: false,
      // a data folder made from the command line gets no demo people unless asked ('ferry demo')
      firstRun: false,
      // the keychain's helper process starts only when a command reads a secret
      onError: (error) => this.out.warn(`ferry: ${error instanceof Error ? error.message : String(error)}`),
    }));
    return this.started;
  }

  async close(): Promise<void> {
    const runtime = await this.started?.catch(() => undefined);
    await runtime?.close();
  }
}

/** stdout, or nothing when its reader went away (`ferry log --json | head -1`): never an EPIPE stack trace. */
function write(stream: NodeJS.WriteStream, text: string): void {
  if (stream.destroyed || stream.writableEnded) return;
  stream.write(text);
}

export function consoleOutput(json: boolean): Output {
  return {
    info: (line) => { if (!json) write(process.stdout, `${line}\n`); },
    result: (value) => { if (json) write(process.stdout, `${JSON.stringify(value, null, 2)}\n`); },
    warn: (line) => { write(process.stderr, `${line}\n`); },
  };
}
