import type { Command } from 'commander';
import { destination, type DestinationId } from '../../destinations/index';
import type { SyncMode } from '../../preload/schemas/connection';
import type { SyncDirection } from '../../preload/schemas/pull';
import type { Runtime } from '../runtime/index';
import type { SignInOptions } from '../oauth/sign-in';
import type { Connection } from '../store/connections';
import { resolveConnections, parseKind } from './connection-arg';
import { UsageError, type CliContext } from './context';
import { openBrowser } from './open-browser';
import { nextStep } from './pull-commands';

/** How long a browser sign-in waits by default (the sign-in's own default). */
const DEFAULT_TIMEOUT_SECONDS = 300;

/** The CLI's own check, so a wrong kind is a usage error (exit 2) before anything starts. */
function requireOAuth(kind: DestinationId): void {
  if (!destination(kind).oauth) throw new UsageError(`${destination(kind).sentenceName} does not sign in with OAuth. Use 'ferry connect ${kind}' without --oauth.`);
}

/** One line for `ferry status`: when the token expires, or that a new sign-in is needed. */
export async function tokenStatusLine(rt: Runtime, connection: Connection): Promise<{ line: string; expiresAt: number | null; needsReauth: boolean } | null> {
  const { usesVaultOAuth } = await import('../oauth/sign-in');
  if (!usesVaultOAuth(connection) || !rt.sync.signInStatus) return null;
  let status: Awaited<ReturnType<NonNullable<Runtime['sync']['signInStatus']>>>;
  try {
    status = await rt.sync.signInStatus(connection);
  } catch (error) {
    const { VaultError } = await import('../secrets/index');
    // The keychain could not be read: say so with its sentence instead of failing the whole status.
    if (!(error instanceof VaultError)) throw error;
    return { line: `sign-in: unknown — ${error.message}`, expiresAt: null, needsReauth: false };
  }
  const again = `run 'ferry reconnect ${connection.kind} --oauth' to sign in again`;
  if (status.needsReauth) return { line: `sign-in: needs reauthorization — ${again}`, expiresAt: status.expiresAt, needsReauth: true };
  const expiry = status.expiresAt === null ? 'no stated expiry (renewed when the CRM asks)' : `access token expires ${new Date(status.expiresAt).toLocaleString()} (renewed automatically)`;
  return { line: `sign-in: ${expiry}`, expiresAt: status.expiresAt, needsReauth: false };
}

export interface OAuthCommandOptions {
  authBaseUrl?: string;
  apiBaseUrl?: string;
  redirectPort?: string;
  timeout?: string;
  open: boolean;
}

function positiveInt(text: string, flag: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`${flag} expects a whole number from ${min} to ${max}, got '${text}'.`);
  return value;
}

/**
 * The CLI side of a sign-in: prints the address (and opens a browser when there
 * is a display), waits with a timeout, and cancels on Ctrl-C. `run` gets the
 * sign-in options; the SIGINT listener is removed on every exit path.
 */
async function withCliSignIn<T>(ctx: CliContext, crm: string, o: OAuthCommandOptions, run: (signIn: SignInOptions) => Promise<T>): Promise<T> {
  const cancel = new AbortController();
  const onInterrupt = (): void => cancel.abort();
  process.once('SIGINT', onInterrupt);
  const timeoutMs = (o.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : positiveInt(o.timeout, '--timeout', 10, 3600)) * 1000;
  try {
    return await run({
      openUrl: async (url) => {
        ctx.out.warn(`To connect ${crm}, sign in with this address in your browser (waiting up to ${Math.round(timeoutMs / 1000)} s; Ctrl-C cancels):\n  ${url}`);
        if (o.open) openBrowser(url, ctx.out, ctx.env);
      },
      timeoutMs,
      signal: cancel.signal,
      ...(o.redirectPort ? { redirectPort: positiveInt(o.redirectPort, '--redirect-port', 1024, 65535) } : {}),
      ...(o.authBaseUrl ? { authBaseUrl: o.authBaseUrl } : {}),
      ...(o.apiBaseUrl ? { apiBaseUrl: o.apiBaseUrl } : {}),
    });
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

/**
 * The settings a destination asks with its sign-in (oauth.askWithSignIn), from
 * their CLI options: `--org-url` for Dynamics 365, `--audience` for Mailchimp.
 */
function signInSettingsFrom(kind: DestinationId, o: object): Record<string, string> {
  const d = destination(kind);
  const given = o as Record<string, unknown>;
  const settings: Record<string, string> = {};
  for (const key of d.oauth?.askWithSignIn ?? []) {
    const field = d.credentials.find((f) => f.key === key);
    if (!field?.cliOption) continue;
    const name = field.cliOption.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const value = given[name] ?? (field.configField === 'baseUrl' ? given.baseUrl : undefined);
    if (typeof value !== 'string' || value.trim() === '') {
      throw new UsageError(`Signing in with ${d.sentenceName} needs ${field.cliOption} (${field.label.toLowerCase()}${field.placeholder ? `, e.g. ${field.placeholder}` : ''}).`);
    }
    settings[key] = value;
  }
  return settings;
}

/** `ferry connect <crm> --oauth`, called by the connect command when --oauth is given. */
export async function connectOAuthCommand(
  ctx: CliContext,
  kind: DestinationId,
  o: OAuthCommandOptions & { baseUrl?: string; object?: string; mode?: SyncMode; intervalMinutes?: number; direction?: SyncDirection | undefined },
): Promise<void> {
  if (o.object !== undefined && o.object !== 'Contact' && o.object !== 'Lead') throw new UsageError('--object must be Contact or Lead.');
  const crm = destination(kind).sentenceName;
  requireOAuth(kind);
  const settings = signInSettingsFrom(kind, o);
  const rt = await ctx.runtime();
  // the admin's policy before the browser opens: which CRMs, and its mode when it sets one
  const mode = rt.services.policy.checkConnect(kind, { mode: o.mode, intervalMinutes: o.intervalMinutes });
  const { connectWithOAuth } = await import('../oauth/sign-in');
  const cardId = rt.services.connections.cardOf(undefined);
  const made = await withCliSignIn(ctx, crm, o, (signIn) =>
    connectWithOAuth(rt.oauthDeps(), {
      cardId,
      kind,
      ...mode,
      ...(o.object === 'Lead' || o.object === 'Contact' ? { object: o.object } : {}),
      ...(o.baseUrl ? { baseUrl: o.baseUrl } : {}),
      ...(Object.keys(settings).length > 0 ? { settings } : {}),
      signIn,
    }),
  );
  if (o.direction !== undefined && o.direction !== 'push') await rt.services.pull.setDirection(made.id, o.direction);
  const connection = await rt.services.connections.view(made);
  ctx.out.result(o.direction === undefined ? connection : { ...connection, direction: o.direction });
  ctx.out.info(`Connected ${connection.label} with your ${crm} sign-in (connection ${connection.id}, ${connection.mode} mode). The tokens are in your system keychain. ${nextStep(o.direction)}`);
}

/** `ferry reconnect <crm> [--oauth]`: fixes a connection that needs reauthorization; its outbox resumes. */
export function reconnectCommand(program: Command, context: () => CliContext): void {
  program.command('reconnect <crm>').description('sign in again (or re-check the credentials) for a connection that needs it; pending changes resume')
    .option('--oauth', 'sign in through the browser (the default for connections made with --oauth)', false)
    .option('--auth-base-url <url>', 'OAuth: where the browser signs in (sandbox org, My Domain, Ferry sandbox)')
    .option('--api-base-url <url>', 'OAuth: where token calls go')
    .option('--redirect-port <port>', 'OAuth: loopback port registered with the CRM app')
    .option('--timeout <seconds>', 'OAuth: how long to wait for the browser sign-in', String(DEFAULT_TIMEOUT_SECONDS))
    .option('--no-open', 'do not try to open a browser')
    .action(async (crm: string, o: OAuthCommandOptions & { oauth: boolean }) => {
      const ctx = context();
      parseKind(crm);
      const rt = await ctx.runtime();
      const { reconnectWithOAuth, usesVaultOAuth } = await import('../oauth/sign-in');
      const { requireConnection } = await import('../store/connections');
      const reconnected = [];
      for (const view of await resolveConnections(rt, crm)) {
        const connection = requireConnection(rt.db, view.id);
        const browser = o.oauth || usesVaultOAuth(connection);
        if (browser && (connection.config.sandbox || connection.config.tokenEnv)) {
          throw new UsageError(`${connection.label} takes its token from ${connection.config.sandbox ? 'the sandbox' : `the environment variable ${connection.config.tokenEnv ?? ''}`}; run 'ferry reconnect ${crm}' without --oauth.`);
        }
        if (browser) requireOAuth(connection.kind);
        const updated = browser
          ? await rt.services.connections.view(await withCliSignIn(ctx, connection.label, o, (signIn) => reconnectWithOAuth(rt.oauthDeps(), connection, signIn)))
          : await rt.services.connections.reconnect({ connectionId: connection.id });
        reconnected.push(updated);
        ctx.out.info(`Reconnected ${updated.label} (connection ${updated.id}). Pending changes will be sent${updated.mode === 'manual' ? " with 'ferry sync'" : ' now'}.`);
      }
      ctx.out.result(reconnected);
    });
}
