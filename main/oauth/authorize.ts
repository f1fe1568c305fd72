import { redactError } from '../secrets/redact';
import { failurePage, successPage } from './callback-pages';
import { OAuthError } from './errors';
import { startLoopbackServer, type CallbackHit } from './loopback-server';
import { createPkcePair, createState } from './pkce';
import { oauthProvider, resolveEndpoints, withTokenServer, type BaseOverrides, type OAuthProvider, type OAuthProviderId } from './providers';
import { exchangeCode, type HttpOptions, type OAuthClient } from './token-client';
import type { TokenSet } from './token-response';

/** Which client to use: a resolved one (from client-config.ts), or its parts. */
export type ClientSpec =
  | { client: OAuthClient }
  | {
      provider: OAuthProviderId | OAuthProvider;
      clientId: string;
      clientSecret?: string;
      /** Defaults to the provider's scopes. */
      scopes?: readonly string[];
      /** Sandbox org, My Domain or local sandbox CRM. */
      baseUrls?: BaseOverrides;
    };

export type AuthorizationRequest = ClientSpec & {
  /** Fixed, because the redirect URI must match the registered one exactly. 0 picks a free port (tests only). */
  redirectPort: number;
  /** Shows the authorize page: shell.openExternal in the app; the CLI prints the URL. */
  openUrl: (url: string) => Promise<void>;
  /** How long to wait for the user to finish in the browser. */
  timeoutMs?: number;
  signal?: AbortSignal;
  http?: Omit<HttpOptions, 'signal'>;
};

export type AuthorizationResult = TokenSet;

export const DEFAULT_AUTHORIZATION_TIMEOUT_MS = 5 * 60_000;

export interface Authorizer {
  /** Runs one sign-in; refuses to start while another is in progress. */
  startAuthorization(request: AuthorizationRequest): Promise<AuthorizationResult>;
  readonly busy: boolean;
}

export function buildAuthorizeUrl(
  client: OAuthClient,
  params: { redirectUri: string; state: string; codeChallenge: string },
): string {
  const url = new URL(client.endpoints.authorizeUrl);
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: params.redirectUri,
    // a provider without scopes in the request (Pipedrive, Mailchimp) gets none
    ...(client.scopes.length > 0 ? { scope: client.scopes.join(' ') } : {}),
    state: params.state,
    code_challenge: params.codeChallenge,
    code_challenge_method: 'S256',
    ...client.provider.extraAuthorizeParams,
  });
  url.search = query.toString();
  return url.toString();
}

export function clientFor(request: ClientSpec): OAuthClient {
  if ('client' in request) return request.client;
  const provider = typeof request.provider === 'string' ? oauthProvider(request.provider) : request.provider;
  if (!request.clientId) {
    throw new OAuthError('configuration', `Ferry has no ${provider.displayName} client id. Add it to Ferry's OAuth configuration (see the README, "Connect ${provider.displayName}").`);
  }
  if (provider.requiresClientSecret && !request.clientSecret) {
    throw new OAuthError('configuration', `Ferry has no ${provider.displayName} client secret. Set it in the keychain or an environment variable (see the README, "Connect ${provider.displayName}").`);
  }
  return {
    provider,
    endpoints: resolveEndpoints(provider, request.baseUrls),
    clientId: request.clientId,
    ...(request.clientSecret ? { clientSecret: request.clientSecret } : {}),
    scopes: request.scopes ?? provider.defaultScopes,
  };
}

/**
 * Authorization code + PKCE (S256) + state over a loopback redirect.
 *
 * Invariants: one sign-in at a time per authorizer (the app holds one); the
 * loopback server is closed on every exit path; a callback with the wrong state
 * is answered with a failure page and ignored (it cannot end or hijack the flow);
 * only the first valid callback is exchanged.
 */
export function createAuthorizer(): Authorizer {
  let active = false;
  return {
    get busy() {
      return active;
    },
    async startAuthorization(request) {
      if (active) {
        throw new OAuthError('busy', 'Ferry is already waiting for a sign-in in your browser. Finish or cancel that one first.');
      }
      active = true;
      try {
        return await runFlow(request);
      } finally {
        active = false;
      }
    },
  };
}

async function runFlow(request: AuthorizationRequest): Promise<AuthorizationResult> {
  const client = clientFor(request);
  const name = client.provider.displayName;
  const cancelled = () => new OAuthError('cancelled', `Connecting to ${name} was cancelled.`);
  if (request.signal?.aborted) throw cancelled();

  const pkce = createPkcePair();
  const state = createState();
  const flow = new AbortController();
  const signal = request.signal ? AbortSignal.any([request.signal, flow.signal]) : flow.signal;
  let settled = false;
  let redirectUri = '';

  let finish!: (result: AuthorizationResult) => void;
  let fail!: (error: Error) => void;
  const outcome = new Promise<AuthorizationResult>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  // Handled by the `await outcome` below; this only stops an early failure from
  // being reported as unhandled when start-up throws first.
  outcome.catch(() => undefined);

  const onCallback = (hit: CallbackHit): void => {
    if (settled) {
      hit.respond(409, failurePage(name, 'This sign-in has already finished.'));
      return;
    }
    if (hit.params.get('state') !== state) {
      hit.respond(400, failurePage(name, 'This sign-in response does not belong to the sign-in Ferry started.'));
      return;
    }
    settled = true;
    const error = hit.params.get('error');
    const code = hit.params.get('code');
    if (error || !code) {
      const description = hit.params.get('error_description') ?? error ?? 'no authorization code';
      hit.respond(400, failurePage(name, `${name} did not grant access (${description}).`));
      fail(new OAuthError('denied', `${name} did not grant Ferry access (${description}). Try again and choose Allow or Connect on the ${name} page.`, error ?? undefined));
      return;
    }
    // a provider whose callback names the user's own token server (Zoho's Multi DC accounts-server)
    const param = client.provider.callbackTokenServerParam;
    const tokenServer = param ? hit.params.get(param) ?? undefined : undefined;
    const redeem = async (): Promise<TokenSet> => {
      const at = tokenServer ? withTokenServer(client, tokenServer) : client;
      const tokens = await exchangeCode(at, { code, codeVerifier: pkce.verifier, redirectUri }, { ...request.http, signal });
      return tokenServer ? { ...tokens, tokenServer } : tokens;
    };
    redeem().then(
      (tokens) => {
        hit.respond(200, successPage(name));
        finish(tokens);
      },
      (err: unknown) => {
        const reason = err instanceof Error ? err.message : 'The token exchange failed.';
        hit.respond(502, failurePage(name, reason));
        fail(err instanceof Error ? err : new OAuthError('provider', redactError(err, [code])));
      },
    );
  };

  // Listen before any await, so a cancel during start-up is not missed.
  const onAbort = () => fail(cancelled());
  request.signal?.addEventListener('abort', onAbort, { once: true });
  let server: Awaited<ReturnType<typeof startLoopbackServer>>;
  try {
    // a provider that ignores a loopback redirect's port (Microsoft) gets a free one: no port can be taken
    server = await startLoopbackServer(client.provider.redirectAnyPort ? 0 : request.redirectPort, onCallback, name, client.provider.redirectHost);
  } catch (error) {
    request.signal?.removeEventListener('abort', onAbort);
    throw error;
  }
  if (request.signal?.aborted) fail(cancelled());
  redirectUri = server.redirectUri;
  const timeoutMs = request.timeoutMs ?? DEFAULT_AUTHORIZATION_TIMEOUT_MS;
  const timer = setTimeout(() => {
    fail(new OAuthError('timeout', `The ${name} sign-in was not finished within ${Math.round(timeoutMs / 1000)} seconds. Start connecting again when you are ready.`));
  }, timeoutMs);

  try {
    const url = buildAuthorizeUrl(client, { redirectUri, state, codeChallenge: pkce.challenge });
    request.openUrl(url).catch((err: unknown) => {
      fail(new OAuthError('configuration', `Ferry could not open your browser for the ${name} sign-in. Open this address yourself: ${url}`, redactError(err)));
    });
    return await outcome;
  } finally {
    settled = true;
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onAbort);
    flow.abort();
    await server.close();
  }
}
