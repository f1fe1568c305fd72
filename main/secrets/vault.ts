import { CREDENTIAL_VAULT_ENTRIES } from '../../destinations/index';

/**
 * The token vault: the only place Ferry keeps secrets (access and refresh tokens,
 * private-app tokens, hook URLs, webhook secrets). Implementations:
 * - KeychainVault: the OS keychain (production).
 * - layeredVault: environment variables first for headless runs, then the keychain.
 * - InMemoryVault: unit tests of other code only.
 *
 * Invariant: no implementation ever writes a secret to a plain file or to SQLite.
 */
export interface Vault {
  /** The stored value, or null when there is none. Throws VaultError when the store cannot be read. */
  get(key: string): Promise<string | null>;
  /** Stores the value; throws VaultError rather than silently dropping it. */
  set(key: string, value: string): Promise<void>;
  /** Removes the value; deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
}

/**
 * Every name a connection may keep in the vault. A closed list, so that
 * disconnecting can delete all of a connection's entries without enumerating the
 * keychain. Some entries are not secret (expiry time, instance URL, reauth marker)
 * but live next to the tokens they describe.
 */
const OAUTH_ENTRIES = ['access_token', 'refresh_token', 'token_expires_at', 'instance_url', 'id_url', 'scope', 'reauth_required'] as const;

export const CONNECTION_SECRET_NAMES = [
  ...OAUTH_ENTRIES,
  // what the rep types: a private-app token, a hook URL, a signing secret (destinations/descriptor.ts)
  ...CREDENTIAL_VAULT_ENTRIES.filter((name) => !(OAUTH_ENTRIES as readonly string[]).includes(name)),
  /** the origin the connection's credentials were given for (endpoint binding, crm/registry.ts) */
  'origin',
] as const;

export type ConnectionSecretName = (typeof OAUTH_ENTRIES)[number] | (typeof CREDENTIAL_VAULT_ENTRIES)[number] | 'origin';

/**
 * The entries that open an account (a token, a hook URL, a signing secret): a
 * connection holding one has credentials, a token variable stands for any of
 * them, and their values are scrubbed from logs and error messages.
 */
export const CREDENTIAL_SECRET_NAMES: readonly ConnectionSecretName[] = [...new Set<ConnectionSecretName>(['access_token', ...CREDENTIAL_VAULT_ENTRIES])];

/** Names whose values must be scrubbed from logs and error messages. */
export const SENSITIVE_SECRET_NAMES: ReadonlySet<ConnectionSecretName> = new Set<ConnectionSecretName>([...CREDENTIAL_SECRET_NAMES, 'refresh_token']);

/**
 * Whether the value under this key must be treated as a secret by log scrubbing.
 * Keys outside the connection namespace (client secrets, ...) always are.
 */
export function isSensitiveKey(key: string): boolean {
  const match = /^connection:[^:]+:(.+)$/.exec(key);
  if (!match) return true;
  return SENSITIVE_SECRET_NAMES.has(match[1] as ConnectionSecretName) || !(CONNECTION_SECRET_NAMES as readonly string[]).includes(match[1] ?? '');
}

/** `connection:<id>:<name>` — the vault key of one of a connection's entries. */
export function secretKey(connectionId: string, name: ConnectionSecretName): string {
  if (connectionId.length === 0 || connectionId.includes(':')) {
    throw new Error(`A connection id used as a vault key must be non-empty and contain no ':' (got ${JSON.stringify(connectionId)}).`);
  }
  return `connection:${connectionId}:${name}`;
}

/** Every key that belongs to one connection (used by disconnect). */
export function connectionSecretKeys(connectionId: string): string[] {
  return CONNECTION_SECRET_NAMES.map((name) => secretKey(connectionId, name));
}
