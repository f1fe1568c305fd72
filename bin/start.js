#!/usr/bin/env node
// `npm start`: the desktop app when Electron's binary is installed, else the
// same app in the browser (web mode), so a new user always gets a working Ferry.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The Electron binary's path, or null when the package has no binary (its download was skipped). */
function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch (error) {
    // The electron package throws "Electron failed to install correctly" when its binary is missing.
    if (process.env.FERRY_DEBUG) console.error(error);
    return null;
  }
}

/** Runs a child with our terminal, passes Ctrl+C on, and exits with its code. */
function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on('error', (error) => {
    console.error(`ferry: could not start ${command}: ${error.message}`);
    process.exit(1);
  });
}

const binary = electronBinary();
if (binary) {
  const build = spawnSync(process.execPath, [path.join(root, 'bin/build-electron.js')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  run(binary, [root, ...process.argv.slice(2)]);
} else {
  console.log('The Electron binary is not installed here, so Ferry is starting in web mode in your browser.');
  run(process.execPath, [path.join(root, 'bin/ferry.js'), 'web', ...process.argv.slice(2)]);
}
