/**
 * Runs one KeychainVault call in its own process and prints the outcome as JSON,
 * so keychain-vault.test.ts can observe the vault in environments it cannot enter
 * itself (no session bus, no Secret Service provider, a locked keyring).
 *
 *   node --import tsx tests/integration/keychain-probe.ts get <key>
 *   node --import tsx tests/integration/keychain-probe.ts set <key>   (value on stdin)
 */
import { KeychainVault } from '../../main/secrets/keychain-vault';
import { VaultError } from '../../main/secrets/vault-error';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  const [op, key] = process.argv.slice(2);
  if (!key || (op !== 'get' && op !== 'set' && op !== 'delete')) throw new Error('usage: keychain-probe get|set|delete <key>');
  const vault = new KeychainVault({ service: process.env.FERRY_PROBE_SERVICE ?? 'Ferry', timeoutMs: Number(process.env.FERRY_PROBE_TIMEOUT_MS ?? 10_000) });
  try {
    if (op === 'get') process.stdout.write(JSON.stringify({ ok: true, value: await vault.get(key) }));
    else if (op === 'set') {
      await vault.set(key, await readStdin());
      process.stdout.write(JSON.stringify({ ok: true }));
    } else {
      await vault.delete(key);
      process.stdout.write(JSON.stringify({ ok: true }));
    }
  } catch (error) {
    if (!(error instanceof VaultError)) throw error;
    process.stdout.write(JSON.stringify({ ok: false, kind: error.kind, message: error.message, detail: error.detail }));
  } finally {
    vault.close();
  }
}

await main();
