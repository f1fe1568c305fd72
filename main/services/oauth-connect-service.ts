import type { ChannelOutput, ParsedInput } from '../../preload/contract';
import type { ConnectionView } from '../../preload/schemas/connection';
import { OAUTH_KINDS, OAUTH_README_SECTION, type OAuthKind, type OAuthProviderView } from '../../preload/schemas/oauth';
import { destination } from '../../destinations/index';
import { createAuthorizer } from '../oauth/index';
import { listConnections, requireConnection, type Connection } from '../store/connections';
import { checkConnect, NO_POLICY, type PolicyPort } from '../admin-policy/index';
import type { Db } from '../store/db';
import { ServiceError } from './errors';
import type { EventHub } from './event-hub';
import { connectWithOAuth, oauthProviderOf, reconnectWithOAuth, usesVaultOAuth, type OAuthConnectDeps, type SignInOptions } from '../oauth/sign-in';
import type { OAuthSignInPort } from './ports';

interface OAuthConnectServiceDeps {
  db: Db;
  events: EventHub;
  /** null: this host offers no browser sign-in (the screens then say so) */
  signIn: OAuthSignInPort | null;
  view: (connection: Connection) => Promise<ConnectionView>;
  cardOf: (cardId: number | undefined) => number;
  /** the admin's policy: which CRMs, and the mode when the admin set it */
  policy?: PolicyPort;
}

/** One sentence for a CRM whose app is not configured, pointing to the README. */
export function notConfiguredSentence(kind: OAuthKind): string {
  const crm = destination(kind).sentenceName;
  return `Signing in with ${crm} needs your company's ${crm} app, which is not set up in Ferry yet: see "${OAUTH_README_SECTION}" in Ferry's README.`;
}

/**
 * "Connect with HubSpot / Salesforce" for the screens: the same sign-in as
 * `ferry connect --oauth` (main/services/oauth-sign-in.ts), with the authorize
 * address shown by the host (shell.openExternal in the app; the oauthUrl event,
 * which the page opens, in the web mode).
 *
 * Invariants: at most one sign-in at a time per process (the loopback port is
 * fixed, and a second flow would race the first for it); cancel ends only the
 * flow in progress; nothing returned or emitted holds a secret.
 */
export function createOAuthConnectService(d: OAuthConnectServiceDeps) {
  const authorizer = createAuthorizer();
  let flow: AbortController | null = null;

  const port = (): OAuthSignInPort => {
    if (!d.signIn) throw new ServiceError('unavailable', 'Signing in through the browser is not available in this Ferry; connect with a token instead.');
    return d.signIn;
  };

  /** Runs one sign-in with its own cancel switch; the switch is cleared on every exit path. */
  async function run<T>(kind: OAuthKind, work: (deps: OAuthConnectDeps, signIn: SignInOptions) => Promise<T>): Promise<T> {
    if (flow) throw new ServiceError('conflict', 'Ferry is already waiting for a sign-in in your browser. Finish or cancel that one first.');
    const controller = new AbortController();
    flow = controller;
    try {
      const host = port();
      const deps: OAuthConnectDeps = { ...host.deps(), authorizer };
      return await work(deps, {
        signal: controller.signal,
        ...(host.timeoutMs !== undefined ? { timeoutMs: host.timeoutMs } : {}),
        openUrl: async (url) => {
          d.events.emit('oauthUrl', { kind, url, opened: host.openExternal !== null });
          if (host.openExternal) await host.openExternal(url);
        },
      });
    } finally {
      if (flow === controller) flow = null;
    }
  }

  return {
    providers(): OAuthProviderView[] {
      return OAUTH_KINDS.map((kind) => {
        try {
          const configured = Boolean(port().deps().config.providers[oauthProviderOf(kind)]?.clientId);
          return { kind, configured, problem: configured ? null : notConfiguredSentence(kind) };
        } catch (error) {
          // A broken oauth-clients.json: its own sentence says what to fix.
          return { kind, configured: false, problem: error instanceof Error ? error.message : notConfiguredSentence(kind) };
        }
      });
    },

    async connect(input: ParsedInput<'startOAuthConnect'>): Promise<ChannelOutput<'startOAuthConnect'>> {
      const cardId = d.cardOf(input.cardId);
      const crm = destination(input.kind).sentenceName;
      // Checked before the browser opens, so no one signs in only to be refused.
      const mode = checkConnect((d.policy ?? NO_POLICY).current(), input.kind, crm, { mode: input.mode, intervalMinutes: input.intervalMinutes });
      if (listConnections(d.db, cardId).some((c) => c.kind === input.kind)) {
        throw new ServiceError('conflict', `This card already has a ${crm} connection; disconnect it first to connect another.`);
      }
      const connection = await run(input.kind, (deps, signIn) => {
        const settings = deps.config.providers[oauthProviderOf(input.kind)] ?? {};
        if (!settings.clientId) throw new ServiceError('unavailable', notConfiguredSentence(input.kind));
        return connectWithOAuth(deps, {
          cardId,
          kind: input.kind,
          ...(input.label ? { label: input.label } : {}),
          ...mode,
          ...(input.object ? { object: input.object } : {}),
          ...(input.settings ? { settings: input.settings } : {}),
          // HubSpot answers OAuth and CRM calls on one host (api.hubapi.com), so a
          // configured API base (a HubSpot sandbox) is the connection's base too.
          ...(destination(input.kind).oauth?.apiBaseIsCrmBase && settings.apiBaseUrl ? { baseUrl: settings.apiBaseUrl } : {}),
          signIn,
        });
      });
      return d.view(connection);
    },

    async reconnect(input: ParsedInput<'startOAuthReconnect'>): Promise<ChannelOutput<'startOAuthReconnect'>> {
      const connection = requireConnection(d.db, input.connectionId);
      if (!usesVaultOAuth(connection)) {
        throw new ServiceError('conflict', `${connection.label} does not use a browser sign-in; reconnect it with new credentials instead.`);
      }
      const kind = oauthProviderOf(connection.kind);
      return d.view(await run(kind, (deps, signIn) => reconnectWithOAuth(deps, connection, signIn)));
    },

    cancel(): null {
      flow?.abort();
      return null;
    },

    /** the host is shutting down: a sign-in still waiting ends as cancelled */
    close(): void {
      flow?.abort();
    },
  };
}

