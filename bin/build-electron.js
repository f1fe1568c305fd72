#!/usr/bin/env node
// Builds what the desktop app loads: the renderer (vite → dist/), Electron's
// main process (main/app/main.ts → dist-electron/main.cjs), the preload
// (preload/preload.ts → dist-electron/preload.cjs) and the keychain helper
// (→ dist-electron/keychain-helper.cjs). Sandboxed preloads must be
// CommonJS and may require nothing but 'electron', so the preload is bundled whole.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const skipRenderer = process.argv.includes('--skip-renderer');

if (!skipRenderer) {
  const vite = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (vite.status !== 0) {
    console.error('build-electron: the renderer build failed (see above).');
    process.exit(1);
  }
}

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external: ['electron'],
};

await build({
  ...common,
  entryPoints: ['main/app/main.ts'],
  outfile: 'dist-electron/main.cjs',
  // Native modules stay in node_modules (electron-builder rebuilds them for Electron's ABI);
  // everything else is bundled, so ESM-only packages need no require() interop at run time.
  external: ['electron', 'better-sqlite3', '@napi-rs/keyring'],
  // ESM code asks import.meta.url for its own location; in CommonJS that is __filename.
  define: { 'import.meta.url': '__ferryImportMetaUrl' },
  banner: { js: "const __ferryImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});

await build({
  ...common,
  entryPoints: ['preload/preload.ts'],
  outfile: 'dist-electron/preload.cjs',
  platform: 'browser',
});

// The keychain helper runs as an Electron utility process (main/app/keychain-helper.ts), which needs a
// script file; it is written from the same source the CLI runs with `node -e`, so the two never differ.
const { tsImport } = await import('tsx/esm/api');
const { KEYCHAIN_HELPER_SOURCE } = await tsImport('../main/secrets/keychain-helper-source.ts', import.meta.url);
fs.writeFileSync(path.join(root, 'dist-electron/keychain-helper.cjs'), KEYCHAIN_HELPER_SOURCE);

console.log('build-electron: wrote dist/, dist-electron/main.cjs, dist-electron/preload.cjs and dist-electron/keychain-helper.cjs');
