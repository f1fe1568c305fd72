import type { Vault } from './vault';

/**
 * TEST-ONLY vault that keeps values in a Map for the life of the object. It exists
 * so unit tests of the sync engine, connectors and OAuth code need no keychain.
 * Never wire it into the app or the CLI: Ferry's secrets belong in the OS keychain
 * (or, for headless runs, in environment variables via layeredVault).
 */
export class InMemoryVault implements Vault {
  private readonly values = new Map<string, string>();

  constructor(initial: Record<string, string> = {}) {
    for (const [key, value] of Object.entries(initial)) this.values.set(key, value);
  }

  async get(key: string): Promise<string | null> {
    return this.values.get(key) ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }

  /** Snapshot of every key, for assertions. */
  keys(): string[] {
    return [...this.values.keys()];
  }
}
