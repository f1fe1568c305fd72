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
export const CONNECTION_SECRET_NAMES = [
  'access_token',
  'refresh_token',
  'token_expires_at',
  'instance_url',
  'id_url',
  'scope',
  'reauth_required',
  'private_app_token',
  'hook_url',
  'webhook_secret',
  /** the origin the connection's credentials were given for (endpoint binding, crm/registry.ts) */
  'origin',
] as const;

export type ConnectionSecretName = (typeof CONNECTION_SECRET_NAMES)[number];

/** Names whose values must be scrubbed from logs and error messages. */
export const SENSITIVE_SECRET_NAMES: ReadonlySet<ConnectionSecretName> = new Set<ConnectionSecretName>([
  'access_token',
  'refresh_token',
  'private_app_token',
  'hook_url',
  'webhook_secret',
]);

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
