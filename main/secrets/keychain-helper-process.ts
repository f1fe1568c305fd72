import { spawn } from 'node:child_process';
import { KEYCHAIN_HELPER_SOURCE } from './keychain-helper-source';

/**
 * How KeychainVault runs its helper, as a small port, so the packaged app can
 * use Electron's utilityProcess (main/app/keychain-helper.ts) while the CLI,
 * the web mode and the tests use a plain Node child process. Either way the
 * helper speaks the same protocol: one JSON request in, one JSON reply out.
 *
 * Why a port and not `ELECTRON_RUN_AS_NODE`: the packaged app turns the RunAsNode
 * fuse off (build/after-pack.cjs), because with it on any local program can run
 * its own code as Ferry (and on macOS reach Ferry's keychain items).
 */
export interface HelperProcess {
  /** one request (a JSON line without its newline) */
  send(message: string): void;
  onMessage(listener: (message: string) => void): void;
  /** the helper's stderr, for the classification of keychain errors */
  onStderr(listener: (text: string) => void): void;
  /** exited, was killed, or could not start; `detail` says which */
  onExit(listener: (detail: string) => void): void;
  kill(): void;
  /** while idle the helper must not keep the process alive (a no-op where the host manages that) */
  setIdle(idle: boolean): void;
}

export type HelperLauncher = (env: NodeJS.ProcessEnv) => HelperProcess;

/** The helper as `node -e <source>` over stdin/stdout lines: Ferry's CLI, web mode and tests. */
export function nodeHelperLauncher(execPath: string = process.execPath): HelperLauncher {
  return (env) => {
    const child = spawn(execPath, ['-e', KEYCHAIN_HELPER_SOURCE], { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true, env });
    let buffer = '';
    const messages: ((m: string) => void)[] = [];
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        for (const listener of messages) listener(line);
      }
    });
    // A write to a helper that just died raises EPIPE here; onExit reports it.
    child.stdin.on('error', () => undefined);
    child.stderr.setEncoding('utf8');
    return {
      send: (message) => { child.stdin.write(`${message}\n`); },
      onMessage: (listener) => { messages.push(listener); },
      onStderr: (listener) => { child.stderr.on('data', listener); },
      onExit: (listener) => {
        child.on('error', (error) => listener(`keychain helper could not start: ${error.message}`));
        child.on('exit', (code, signal) => listener(`keychain helper exited (${signal ?? code})`));
      },
      kill: () => {
        child.stdin.destroy();
        child.kill('SIGKILL');
      },
      setIdle: (idle) => {
        // Unreferenced pipes let the app exit while the helper idles.
        const handles = [child, child.stdin, child.stdout, child.stderr] as unknown as { ref?: () => void; unref?: () => void }[];
        for (const h of handles) (idle ? h.unref : h.ref)?.call(h);
      },
    };
  };
}
