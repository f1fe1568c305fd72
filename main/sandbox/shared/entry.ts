/**
 * How Ferry's processes start one destination's sandbox, declared once in its
 * folder (main/sandbox/<id>/entry.ts) and listed in main/sandbox/catalog.ts:
 * - hosted, for a data folder (the app, the agent, `ferry demo`): from its saved
 *   state, on the address it had, with the data folder's sandbox token;
 * - standalone, `ferry sandbox <id>`: on a port of the user's choosing, printing
 *   a "Connect it with: …" line that works when pasted into a shell.
 * An entry module imports its server only when it starts one.
 */

export interface HostedStart {
  port: number;
  /** the token (or signing secret) it accepts */
  token: string;
  /** what its own exportState() wrote last time, or undefined */
  state: unknown;
  /** called after each change, so the host saves the state */
  onChange(): void;
}

export interface HostedSandbox {
  port: number;
  /** what a connection uses: the API base URL, or (Zapier) the hook URL */
  baseUrl: string;
  exportState(): unknown;
  close(): Promise<void>;
}

/** A `ferry sandbox <id>` option beyond --port, parsed by the CLI before the entry sees it. */
export type StandaloneOption = {
  /** e.g. '--rate-limit'; its value arrives under the camel-cased name (rateLimit) */
  flag: string;
  description: string;
} & (
  | { value: 'whole'; min: number; max: number }
  | { value: 'text'; minLength?: number }
  /** on by default; the flag (`--no-…`) turns it off */
  | { value: 'on-unless-negated' }
  | { value: 'switch' }
);

export type StandaloneOptions = Readonly<Record<string, string | number | boolean | undefined>>;

/** A fact printed under "listening on" (`  label: value`) and, under `key`, in the --json result. */
export interface SandboxDetail {
  label: string;
  value: string;
  /** its name in the --json result; absent: printed only */
  key?: string;
}

export interface StandaloneSandbox {
  url: string;
  /** the token to use, the admin address, … */
  details: readonly SandboxDetail[];
  /** a `ferry connect …` command that works when pasted into a shell */
  connectWith: string;
  close(): Promise<void>;
}

export interface SandboxEntry {
  /** `ferry sandbox --help`: what it is */
  description: string;
  options: readonly StandaloneOption[];
  startHosted(o: HostedStart): Promise<HostedSandbox>;
  startStandalone(port: number, options: StandaloneOptions): Promise<StandaloneSandbox>;
  /** `ferry demo` connects it and says what it holds, from its admin state (GET /__sandbox/state); absent: the demo skips it */
  demo?: { holds(state: unknown): string };
}
