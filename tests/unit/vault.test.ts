import { describe, expect, it } from 'vitest';
import { EnvVault, connectionEnvMap, defaultTokenEnvName, layeredVault } from '../../main/secrets/env-vault';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { VaultError, classifyKeychainMessage } from '../../main/secrets/vault-error';
import { connectionSecretKeys, isSensitiveKey, secretKey } from '../../main/secrets/vault';

describe('secret keys', () => {
  it('names a connection entry and refuses ids that would collide', () => {
    expect(secretKey('abc', 'access_token')).toBe('connection:abc:access_token');
    expect(() => secretKey('a:b', 'access_token')).toThrow(/no ':'/);
    expect(() => secretKey('', 'access_token')).toThrow();
    expect(connectionSecretKeys('abc')).toContain('connection:abc:refresh_token');
  });

  it('marks tokens as sensitive and expiry times as not', () => {
    expect(isSensitiveKey(secretKey('c', 'refresh_token'))).toBe(true);
    expect(isSensitiveKey(secretKey('c', 'token_expires_at'))).toBe(false);
    expect(isSensitiveKey('oauth-client:hubspot:client_secret')).toBe(true);
  });
});

describe('layeredVault', () => {
  const key = secretKey('c1', 'access_token');
  const map = connectionEnvMap('c1', { access_token: defaultTokenEnvName('hubspot') });

  it('reads the environment first for mapped keys and never writes them to the keychain', async () => {
    const keychain = new InMemoryVault({ [key]: 'from-keychain' });
    const vault = layeredVault(map, keychain, { FERRY_HUBSPOT_TOKEN: 'from-env' });
    expect(await vault.get(key)).toBe('from-env');
    await vault.set(key, 'refreshed-in-memory');
    expect(await vault.get(key)).toBe('refreshed-in-memory');
    expect(await keychain.get(key)).toBe('from-keychain');
    await vault.delete(key);
    expect(await vault.get(key)).toBeNull();
    expect(await keychain.get(key)).toBe('from-keychain');
  });

  it('uses the keychain for mapped keys whose variable is unset, and for every other key', async () => {
    const keychain = new InMemoryVault();
    const vault = layeredVault(map, keychain, {});
    await vault.set(key, 'stored');
    await vault.set(secretKey('c1', 'refresh_token'), 'rt');
    expect(keychain.keys().sort()).toEqual([key, secretKey('c1', 'refresh_token')].sort());
  });

  it('keeps every entry of an env-token connection out of the keychain (headless runs need none)', async () => {
    const unreachable = {
      get: () => Promise.reject(new VaultError('unavailable')),
      set: () => Promise.reject(new VaultError('unavailable')),
      delete: () => Promise.reject(new VaultError('unavailable')),
    };
    const vault = layeredVault(map, unreachable, { FERRY_HUBSPOT_TOKEN: 'pat-from-env' });
    expect(await vault.get(secretKey('c1', 'refresh_token'))).toBeNull();
    expect(await vault.get(secretKey('c1', 'reauth_required'))).toBeNull();
    await vault.set(secretKey('c1', 'token_expires_at'), '123');
    expect(await vault.get(secretKey('c1', 'token_expires_at'))).toBe('123');
    await expect(vault.get(secretKey('c2', 'access_token'))).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('EnvVault alone treats an empty variable as absent', async () => {
    const vault = new EnvVault(map, { FERRY_HUBSPOT_TOKEN: '' });
    expect(vault.provides(key)).toBe(false);
    expect(await vault.get(key)).toBeNull();
  });

  it('derives the default variable name from the CRM kind', () => {
    expect(defaultTokenEnvName('hubspot')).toBe('FERRY_HUBSPOT_TOKEN');
    expect(defaultTokenEnvName('zoho-crm')).toBe('FERRY_ZOHO_CRM_TOKEN');
  });
});

describe('keychain failure shapes (TOOLCHAIN.md)', () => {
  it.each([
    ['Platform failure: DBus error: Failed to connect to socket /nonexistent: No such file or directory', 'unavailable'],
    ["Couldn't access platform storage: Failed to connect", 'unavailable'],
    ['Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files', 'no-provider'],
    ["Couldn't access platform storage: Secret Service: unlock prompt was dismissed", 'locked'],
    ["Couldn't access platform storage: Secret Service: no result found", 'no-keyring'],
    ['Ambiguous: found 2 credentials', 'failed'],
  ])('%s → %s', (message, kind) => {
    expect(classifyKeychainMessage(message)).toBe(kind);
  });

  it('gives every kind a sentence that says what to do', () => {
    const error = new VaultError('unavailable', 'raw');
    expect(error.message).toMatch(/^Ferry could not reach your system keychain \(Secret Service\)\. Install and unlock GNOME Keyring or KWallet/);
    expect(error.message).toContain('environment variable');
    expect(new VaultError('locked').message).toContain('Unlock your keyring');
    expect(new VaultError('timeout').message).toContain('did not answer in time');
  });
});
