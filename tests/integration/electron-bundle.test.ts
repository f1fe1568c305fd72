import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

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
});
