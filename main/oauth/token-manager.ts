import type { Vault } from '../secrets/vault';
import { revokeAndForget, type DisconnectResult } from './disconnect';
import { ReauthorizationRequiredError } from './errors';
import { refreshTokens, type HttpOptions, type OAuthClient } from './token-client';
import type { TokenSet } from './token-response';
import { markReauthRequired, readTokens, saveTokenSet, type StoredTokens } from './token-store';

export interface TokenManagerOptions {
  vault: Vault;
  /** Injected clock, epoch ms. */
  now?: () => number;
  /** Refresh this long before the stored expiry (HubSpot tokens live ~30 minutes). */
  skewMs?: number;
  http?: Omit<HttpOptions, 'now' | 'signal'>;
}

export interface TokenStatus {
  /** Epoch ms; null when unknown or the token does not expire. */
  expiresAt: number | null;
  needsReauth: boolean;
  connected: boolean;
}

export const DEFAULT_REFRESH_SKEW_MS = 2 * 60_000;

/**
 * Hands out valid access tokens per connection.
 *
 * Invariants:
 * - A token is refreshed before `expiresAt - skew`; a token with no known expiry
 *   is used until the CRM answers 401, then `refreshAfterUnauthorized` replaces it.
 * - One refresh per connection at a time: concurrent callers share it.
 * - A rotated refresh token is in the vault before the new access token is returned.
 * - A grant the CRM no longer accepts marks the connection `reauth_required` and
 *   throws ReauthorizationRequiredError until the user signs in again.
 */
export class TokenManager {
  private readonly vault: Vault;
  private readonly now: () => number;
  private readonly skewMs: number;
  private readonly http: Omit<HttpOptions, 'now' | 'signal'>;
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(options: TokenManagerOptions) {
    this.vault = options.vault;
    this.now = options.now ?? Date.now;
    this.skewMs = options.skewMs ?? DEFAULT_REFRESH_SKEW_MS;
    this.http = options.http ?? {};
  }

  /** A valid access token for the connection, refreshed first when it is about to expire. */
  async accessToken(connectionId: string, client: OAuthClient): Promise<string> {
    const pending = this.inFlight.get(connectionId);
    if (pending) return pending;
    const stored = await readTokens(this.vault, connectionId);
    this.assertUsable(stored, client);
    if (stored.accessToken && !this.isExpiring(stored)) return stored.accessToken;
    return this.refreshOnce(connectionId, client);
  }

  /**
   * Call after the CRM rejected `rejectedToken` with 401. Refreshes unless another
   * caller already replaced that token, so a burst of 401s causes one refresh.
   */
  async refreshAfterUnauthorized(connectionId: string, client: OAuthClient, rejectedToken: string): Promise<string> {
    const pending = this.inFlight.get(connectionId);
    if (pending) return pending;
    const stored = await readTokens(this.vault, connectionId);
    this.assertUsable(stored, client);
    if (stored.accessToken && stored.accessToken !== rejectedToken && !this.isExpiring(stored)) return stored.accessToken;
    return this.refreshOnce(connectionId, client);
  }

  /** Saves the tokens of a completed sign-in and clears any reauthorization mark. */
  storeTokens(connectionId: string, tokens: TokenSet): Promise<void> {
    return saveTokenSet(this.vault, connectionId, tokens);
  }

  /** For `ferry status` and the Integrations page; reads no secret out of the vault layer's caller. */
  async tokenStatus(connectionId: string): Promise<TokenStatus> {
    const stored = await readTokens(this.vault, connectionId);
    return {
      expiresAt: stored.expiresAt,
      needsReauth: stored.needsReauth || (stored.accessToken === null && stored.refreshToken === null),
      connected: stored.accessToken !== null || stored.refreshToken !== null,
    };
  }

  /** Disconnect: deletes every secret of the connection, then revokes best effort. */
  revokeAndForget(connectionId: string, client?: OAuthClient): Promise<DisconnectResult> {
    return revokeAndForget({ connectionId, vault: this.vault, ...(client ? { client } : {}), http: { ...this.http, now: this.now } });
  }

  private isExpiring(stored: StoredTokens): boolean {
    return stored.expiresAt !== null && stored.expiresAt - this.skewMs <= this.now();
  }

  private assertUsable(stored: StoredTokens, client: OAuthClient): void {
    const name = client.provider.displayName;
    if (stored.needsReauth) throw new ReauthorizationRequiredError(name, 'marked as needing reauthorization');
    if (!stored.accessToken && !stored.refreshToken) throw new ReauthorizationRequiredError(name, 'no tokens stored for this connection');
  }

  private refreshOnce(connectionId: string, client: OAuthClient): Promise<string> {
    const existing = this.inFlight.get(connectionId);
    if (existing) return existing;
    const run = this.refresh(connectionId, client).finally(() => this.inFlight.delete(connectionId));
    this.inFlight.set(connectionId, run);
    return run;
  }

  private async refresh(connectionId: string, client: OAuthClient, retried = false): Promise<string> {
    const stored = await readTokens(this.vault, connectionId);
    if (!stored.refreshToken) {
      return this.giveUp(connectionId, new ReauthorizationRequiredError(client.provider.displayName, 'the access token expired and there is no refresh token'));
    }
    let tokens: TokenSet;
    try {
      tokens = await refreshTokens(client, stored.refreshToken, { ...this.http, now: this.now });
    } catch (error) {
      if (!(error instanceof ReauthorizationRequiredError)) throw error;
      // Another Ferry process (app, agent, CLI) may have rotated the refresh token
      // between our read and the CRM's answer: use what it stored instead.
      const latest = await readTokens(this.vault, connectionId);
      if (!retried && latest.refreshToken && latest.refreshToken !== stored.refreshToken) {
        if (latest.accessToken && !this.isExpiring(latest) && latest.accessToken !== stored.accessToken) return latest.accessToken;
        return this.refresh(connectionId, client, true);
      }
      return this.giveUp(connectionId, error);
    }
    // Keep the previous refresh token when the CRM did not rotate it.
    await saveTokenSet(this.vault, connectionId, { ...tokens, refreshToken: tokens.refreshToken ?? stored.refreshToken });
    return tokens.accessToken;
  }

  private async giveUp(connectionId: string, error: ReauthorizationRequiredError): Promise<never> {
    await markReauthRequired(this.vault, connectionId, error.detail);
    throw error;
  }
}
