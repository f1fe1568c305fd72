import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { KEYCHAIN_HELPER_SOURCE } from '../../main/secrets/keychain-helper-source';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * No Electron binary runs here, so this proves what can be proven without
 * one: the desktop bundles build, the sandboxed preload requires nothing but
 * electron, and the main bundle loads and takes the single-instance path
 * against a stand-in for electron's `app`.
 */
describe('electron bundles', () => {
  it('build, and load against a stand-in electron', () => {
    execFileSync(process.execPath, ['bin/build-electron.js', '--skip-renderer'], { cwd: root, stdio: 'pipe' });
    const preload = fs.readFileSync(path.join(root, 'dist-electron/preload.cjs'), 'utf8');
    expect([...new Set(preload.match(/require\("[^"]+"\)/g))]).toEqual(['require("electron")']);
    expect(preload).not.toMatch(/exposeInMainWorld\("ipcRenderer"/);

    const probe = `
      const Module = require('node:module');
      const load = Module._load;
      const calls = [];
      const app = {
        getAppPath: () => ${JSON.stringify(root)},
        requestSingleInstanceLock: () => { calls.push('lock'); return false; },
        quit: () => calls.push('quit'),
        on: () => calls.push('on'),
        whenReady: () => new Promise(() => {}),
      };
      Module._load = function (request, ...rest) {
        return request === 'electron' ? { app } : load.call(this, request, ...rest);
      };
      require(${JSON.stringify(path.join(root, 'dist-electron/main.cjs'))});
      process.stdout.write(JSON.stringify(calls));
    `;
    const out = execFileSync(process.execPath, ['-e', probe], { cwd: root, encoding: 'utf8' });
    // A second Ferry hands over to the first and quits without touching the data folder.
    expect(JSON.parse(out)).toEqual(['lock', 'quit']);
  });

  /**
   * The packaged app runs the keychain helper as an Electron utility process
   * (the RunAsNode fuse is off): a script file that answers over
   * process.parentPort. Here a stand-in parentPort plays Electron's part; the
   * same file still answers over stdin/stdout under plain Node.
   */
  it('writes a keychain helper that answers over a parent port and over stdio, with no ELECTRON_RUN_AS_NODE anywhere', () => {
    execFileSync(process.execPath, ['bin/build-electron.js', '--skip-renderer'], { cwd: root, stdio: 'pipe' });
    const helper = path.join(root, 'dist-electron/keychain-helper.cjs');
    expect(fs.readFileSync(helper, 'utf8')).toBe(KEYCHAIN_HELPER_SOURCE);
    for (const file of ['dist-electron/main.cjs', 'dist-electron/keychain-helper.cjs']) {
      expect(fs.readFileSync(path.join(root, file), 'utf8')).not.toContain('ELECTRON_RUN_AS_NODE');
    }
    const env = {
      ...process.env,
      FERRY_KEYRING_MODULE: createRequire(import.meta.url).resolve('@napi-rs/keyring'),
      FERRY_KEYRING_SERVICE: `Ferry-bundle-test-${process.pid}`,
      FERRY_KEYRING_LINUX_STORE: 'secret-service',
    };
    const viaPort = `
      const { EventEmitter } = require('node:events');
      const port = new EventEmitter();
      port.postMessage = (reply) => { process.stdout.write(String(reply)); process.exit(0); };
      process.parentPort = port;
      require(${JSON.stringify(helper)});
      port.emit('message', { data: JSON.stringify({ id: 7, op: 'get', account: 'ferry:bundle-probe' }) });
    `;
    const portReply = JSON.parse(execFileSync(process.execPath, ['-e', viaPort], { cwd: root, encoding: 'utf8', env })) as { id: number; ok: boolean };
    expect(portReply.id).toBe(7);
    const stdioReply = JSON.parse(execFileSync(process.execPath, [helper], { cwd: root, encoding: 'utf8', env, input: `${JSON.stringify({ id: 8, op: 'get', account: 'ferry:bundle-probe' })}\n` }).trim()) as { id: number };
    expect(stdioReply.id).toBe(8);
  });
});
