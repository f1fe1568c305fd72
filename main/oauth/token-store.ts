import { secretKey, type Vault } from '../secrets/vault';
import type { TokenSet } from './token-response';

/** What the vault holds for one OAuth connection. */
export interface StoredTokens {
  accessToken: string | null;
  refreshToken: string | null;
  /** Epoch ms; null when unknown (Salesforce) or never expiring (private-app tokens). */
  expiresAt: number | null;
  instanceUrl: string | null;
  needsReauth: boolean;
}

export async function readTokens(vault: Vault, connectionId: string): Promise<StoredTokens> {
  const [accessToken, refreshToken, expiresAt, instanceUrl, reauth] = await Promise.all([
    vault.get(secretKey(connectionId, 'access_token')),
    vault.get(secretKey(connectionId, 'refresh_token')),
    vault.get(secretKey(connectionId, 'token_expires_at')),
    vault.get(secretKey(connectionId, 'instance_url')),
    vault.get(secretKey(connectionId, 'reauth_required')),
  ]);
  const expiry = expiresAt === null ? NaN : Number(expiresAt);
  return { accessToken, refreshToken, expiresAt: Number.isFinite(expiry) ? expiry : null, instanceUrl, needsReauth: reauth !== null };
}

/**
 * Saves a token set. Write order is the invariant that keeps rotating refresh
 * tokens safe: the refresh token first (a rotation has already invalidated the
 * old one, so losing the new one would strand the connection), then the
 * metadata, the access token, and its expiry last (a crash in between leaves an
 * older expiry, which only causes an early refresh). Only after every write
 * succeeded may a caller use the new access token.
 */
export async function saveTokenSet(vault: Vault, connectionId: string, tokens: TokenSet): Promise<void> {
  const key = (name: Parameters<typeof secretKey>[1]) => secretKey(connectionId, name);
  if (tokens.refreshToken) await vault.set(key('refresh_token'), tokens.refreshToken);
  if (tokens.instanceUrl) await vault.set(key('instance_url'), tokens.instanceUrl);
  if (tokens.idUrl) await vault.set(key('id_url'), tokens.idUrl);
  if (tokens.scope) await vault.set(key('scope'), tokens.scope);
  await vault.set(key('access_token'), tokens.accessToken);
  if (tokens.expiresAt === null) await vault.delete(key('token_expires_at'));
  else await vault.set(key('token_expires_at'), String(tokens.expiresAt));
  await vault.delete(key('reauth_required'));
}

/** Marks the connection as needing a new sign-in; the reason is secret-free text. */
export async function markReauthRequired(vault: Vault, connectionId: string, reason: string): Promise<void> {
  await vault.set(secretKey(connectionId, 'reauth_required'), reason || 'reauthorization required');
}
