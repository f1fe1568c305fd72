import { secretKey, type ConnectionSecretName, type Vault } from './vault';

function connectionPrefix(key: string): string | null {
  const match = /^(connection:[^:]+):/.exec(key);
  return match?.[1] ?? null;
}

/** Vault key → name of the environment variable that provides it. */
export type EnvSecretMap = Readonly<Record<string, string>>;

/** `FERRY_HUBSPOT_TOKEN` for kind `hubspot`: the default variable for a connection's token. */
export function defaultTokenEnvName(crmKind: string): string {
  return `FERRY_${crmKind.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_TOKEN`;
}

/**
 * The env map for one connection: which of its vault entries come from which
 * variables. `tokenEnv` is the CLI's `--token-env NAME` (or the default name);
 * it provides the access token. A refresh token may come from `refreshTokenEnv`.
 */
export function connectionEnvMap(
  connectionId: string,
  names: Partial<Record<ConnectionSecretName, string>>,
): EnvSecretMap {
  const map: Record<string, string> = {};
  for (const [name, envName] of Object.entries(names) as [ConnectionSecretName, string | undefined][]) {
    if (envName) map[secretKey(connectionId, name)] = envName;
  }
  return map;
}

/**
 * Secrets handed to a headless run in environment variables.
 *
 * Invariant: an env-provided value is never written anywhere. Writes to a key the
 * environment provides (for example a refreshed access token) stay in this
 * object's memory for the life of the process; deletes hide the env value.
 */
export class EnvVault implements Vault {
  private readonly overlay = new Map<string, string | null>();

  constructor(
    private readonly map: EnvSecretMap,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Whether this key is supplied by a variable that is actually set. */
  provides(key: string): boolean {
    const envName = this.map[key];
    return envName !== undefined && (this.env[envName] ?? '') !== '';
  }

  /**
   * Whether this key belongs to a connection that takes any of its secrets from
   * the environment. Such a connection keeps all its entries (expiry, refreshed
   * tokens, reauth mark) here, so a headless run needs no keychain at all and
   * never mixes an env token with stale keychain entries.
   */
  ownsConnectionOf(key: string): boolean {
    const prefix = connectionPrefix(key);
    if (prefix === null) return this.provides(key);
    return Object.keys(this.map).some((mapped) => connectionPrefix(mapped) === prefix && this.provides(mapped));
  }

  async get(key: string): Promise<string | null> {
    if (this.overlay.has(key)) return this.overlay.get(key) ?? null;
    const envName = this.map[key];
    const value = envName === undefined ? undefined : this.env[envName];
    return value === undefined || value === '' ? null : value;
  }

  async set(key: string, value: string): Promise<void> {
    this.overlay.set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.overlay.set(key, null);
  }
}

/**
 * Environment first, keychain second. A connection with any variable set in
 * `envMap` lives entirely in the environment layer (reads from the variables,
 * writes in memory) and never touches the keychain — so a headless run with its
 * token in the environment works with no keychain at all. Every other key goes to
 * the keychain.
 */
export function layeredVault(envMap: EnvSecretMap, keychain: Vault, env: NodeJS.ProcessEnv = process.env): Vault {
  const envVault = new EnvVault(envMap, env);
  const layerFor = (key: string): Vault => (envVault.ownsConnectionOf(key) ? envVault : keychain);
  return {
    get: (key) => layerFor(key).get(key),
    set: (key, value) => layerFor(key).set(key, value),
    delete: (key) => layerFor(key).delete(key),
  };
}
