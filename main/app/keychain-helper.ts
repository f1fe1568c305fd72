import { utilityProcess } from 'electron';
import type { HelperLauncher } from '../secrets/keychain-helper-process';

/**
 * The keychain helper in the packaged app: an Electron utility process running
 * dist-electron/keychain-helper.cjs (written by bin/build-electron.js from
 * main/secrets/keychain-helper-source.ts), talking over its parent port.
 * Electron's own binary cannot act as Node any more (the RunAsNode fuse is off,
 * build/after-pack.cjs), and a utility process needs no such switch.
 * Docs: https://www.electronjs.org/docs/latest/api/utility-process
 */
export function utilityProcessLauncher(modulePath: string): HelperLauncher {
  return (env) => {
    const child = utilityProcess.fork(modulePath, [], {
      env: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)),
      stdio: ['ignore', 'ignore', 'pipe'],
      serviceName: 'Ferry keychain helper',
    });
    return {
      send: (message) => child.postMessage(message),
      onMessage: (listener) => { child.on('message', (message: unknown) => listener(String(message))); },
      onStderr: (listener) => { child.stderr?.on('data', (chunk: Buffer | string) => listener(String(chunk))); },
      onExit: (listener) => { child.on('exit', (code) => listener(`keychain helper exited (${code})`)); },
      kill: () => { child.kill(); },
      // A utility process never keeps the app alive: quitting ends it.
      setIdle: () => undefined,
    };
  };
}
