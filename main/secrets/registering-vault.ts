import type { SecretRegistry } from './redact';
import { isSensitiveKey, type Vault } from './vault';

/**
 * Wraps a vault so every secret value read or written (not expiry times or URLs) is remembered by the registry,
 * which log and error paths use to scrub. Wrap the process's single vault with it.
 */
export function registeringVault(inner: Vault, registry: SecretRegistry): Vault {
  return {
    async get(key) {
      const value = await inner.get(key);
      if (isSensitiveKey(key)) registry.remember(value);
      return value;
    },
    async set(key, value) {
      if (isSensitiveKey(key)) registry.remember(value);
      await inner.set(key, value);
    },
    delete: (key) => inner.delete(key),
  };
}
