import { redactError } from '../secrets/redact';
import { connectionSecretKeys, secretKey, type Vault } from '../secrets/vault';
import { revokeRefreshToken, type HttpOptions, type OAuthClient } from './token-client';

export interface DisconnectResult {
  /** 'skipped': no client or no refresh token; 'failed': the CRM could not be told (detail says why). */
  revocation: 'revoked' | 'unsupported' | 'skipped' | 'failed';
  detail?: string;
}

const DEFAULT_REVOKE_TIMEOUT_MS = 5_000;

/**
 * Forgets a connection's secrets, then asks the CRM to revoke the grant.
 *
 * Invariants: the secrets are deleted first, so a slow or failing CRM never keeps
 * a token on the machine; revocation is best effort, bounded by a short timeout,
 * and its failure never fails the disconnect (only a vault error does, because
 * then the secrets may still be there and the user must know).
 */
export async function revokeAndForget(options: {
  connectionId: string;
  vault: Vault;
  client?: OAuthClient;
  http?: Omit<HttpOptions, 'signal'>;
}): Promise<DisconnectResult> {
  const { connectionId, vault, client } = options;
  const refreshToken = await vault.get(secretKey(connectionId, 'refresh_token'));
  for (const key of connectionSecretKeys(connectionId)) await vault.delete(key);
  if (!client || !refreshToken) return { revocation: 'skipped' };
  try {
    const outcome = await revokeRefreshToken(client, refreshToken, { timeoutMs: DEFAULT_REVOKE_TIMEOUT_MS, ...options.http });
    return { revocation: outcome };
  } catch (error) {
    return { revocation: 'failed', detail: redactError(error, [refreshToken]) };
  }
}
