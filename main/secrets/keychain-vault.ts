import { createRequire } from 'node:module';
import { z } from 'zod';
import { nodeHelperLauncher, type HelperLauncher, type HelperProcess } from './keychain-helper-process';
import { redact } from './redact';
import { classifyKeychainMessage, VaultError } from './vault-error';
import type { Vault } from './vault';

export interface KeychainVaultOptions {
  /** Keychain service name; entries are (service, key). */
  service?: string;
  /** Per-call limit; a keychain that does not answer in time gives VaultError('timeout'). */
  timeoutMs?: number;
  /**
   * Linux store to pin (TOOLCHAIN.md: the kernel-keyring fallback is erratic, so
   * Ferry asks for the Secret Service explicitly). Ignored on macOS and Windows.
   */
  linuxStore?: 'secret-service' | 'keyutils';
  /** Environment of the helper process (tests point D-Bus elsewhere). */
  env?: NodeJS.ProcessEnv;
  /** Node binary for the default launcher (a child process running the helper with `node -e`). */
  execPath?: string;
  /**
   * How the helper runs. Default: a Node child process. The packaged app passes
   * Electron's utilityProcess (main/app/keychain-helper.ts): with the RunAsNode
   * fuse off, Electron's own binary can no longer act as Node.
   */
  launcher?: HelperLauncher;
  /** Resolved path of @napi-rs/keyring; bundlers that move it must pass this. */
  keyringModulePath?: string;
}

const replySchema = z.union([
  z.object({ id: z.number(), ok: z.literal(true), value: z.string().nullable() }),
  z.object({ id: z.number(), ok: z.literal(false), message: z.string() }),
]);

type Op = { op: 'get'; account: string } | { op: 'set'; account: string; value: string } | { op: 'delete'; account: string };

interface Pending {
  resolve: (value: string | null) => void;
  reject: (error: VaultError) => void;
  timer: NodeJS.Timeout;
  /** Secrets this call carries, scrubbed from any error text. */
  secrets: string[];
}

export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 30_000;

function defaultKeyringModulePath(): string {
  return createRequire(import.meta.url).resolve('@napi-rs/keyring');
}

/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, Linux Secret Service)
 * through @napi-rs/keyring, run in a helper process (see keychain-helper-source.ts).
 *
 * Invariants:
 * - Every call settles within `timeoutMs`: on timeout the helper is killed and every
 *   call waiting on it fails with VaultError('timeout'); the next call starts a new one.
 * - Failures are VaultErrors with a sentence for the user; nothing is ever stored
 *   anywhere else as a fallback.
 * - The helper never keeps the app alive: it is unreferenced while no call is pending.
 */
export class KeychainVault implements Vault {
  private readonly service: string;
  private readonly timeoutMs: number;
  private readonly options: KeychainVaultOptions;
  private child: HelperProcess | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stderrTail = '';

  constructor(options: KeychainVaultOptions = {}) {
    this.options = options;
    this.service = options.service ?? 'Ferry';
    this.timeoutMs = options.timeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS;
  }

  get(key: string): Promise<string | null> {
    return this.call({ op: 'get', account: key }, []);
  }

  async set(key: string, value: string): Promise<void> {
    await this.call({ op: 'set', account: key, value }, [value]);
  }

  async delete(key: string): Promise<void> {
    await this.call({ op: 'delete', account: key }, []);
  }

  /** Stops the helper process; pending calls fail. Safe to call more than once. */
  close(): void {
    this.stop(new VaultError('failed', 'keychain vault closed'));
  }

  private call(op: Op, secrets: string[]): Promise<string | null> {
    return new Promise((resolve, reject) => {
      let child: HelperProcess;
      try {
        child = this.ensureChild();
      } catch (error) {
        reject(new VaultError('failed', redact(String(error), secrets)));
        return;
      }
      const id = this.nextId++;
      const timer = setTimeout(() => {
        this.stop(new VaultError('timeout', `no answer from the keychain within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer, secrets });
      child.setIdle(false);
      child.send(JSON.stringify({ id, ...op }));
    });
  }

  private ensureChild(): HelperProcess {
    if (this.child) return this.child;
    const linuxStore = this.options.linuxStore ?? 'secret-service';
    const launch = this.options.launcher ?? nodeHelperLauncher(this.options.execPath);
    const child = launch({
      ...(this.options.env ?? process.env),
      FERRY_KEYRING_MODULE: this.options.keyringModulePath ?? defaultKeyringModulePath(),
      FERRY_KEYRING_SERVICE: this.service,
      FERRY_KEYRING_LINUX_STORE: process.platform === 'linux' ? linuxStore : '',
    });
    this.child = child;
    this.stderrTail = '';
    child.onMessage((line) => this.onReply(line));
    child.onStderr((chunk) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-2000);
    });
    child.onExit((detail) => {
      if (this.child !== child) return;
      this.stop(new VaultError(classifyKeychainMessage(this.stderrTail), `${detail}: ${this.stderrTail.trim().slice(-500)}`));
    });
    this.unrefIfIdle();
    return child;
  }

  private onReply(line: string): void {
    if (line.trim() === '') return;
    let parsed: z.infer<typeof replySchema>;
    try {
      parsed = replySchema.parse(JSON.parse(line));
    } catch {
      return; // not a reply (stray output); the call's timeout still bounds it
    }
    const pending = this.pending.get(parsed.id);
    if (!pending) return;
    this.pending.delete(parsed.id);
    clearTimeout(pending.timer);
    if (parsed.ok) pending.resolve(parsed.value);
    else {
      const detail = redact(parsed.message, pending.secrets);
      pending.reject(new VaultError(classifyKeychainMessage(parsed.message), detail));
    }
    this.unrefIfIdle();
  }

  private unrefIfIdle(): void {
    if (this.pending.size > 0 || !this.child) return;
    this.child.setIdle(true);
  }

  /** Kills the helper and fails every waiting call with `error`. */
  private stop(error: VaultError): void {
    const child = this.child;
    this.child = null;
    child?.kill();
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.pending.clear();
  }
}
