#!/usr/bin/env node
// Builds the `ferry` command into dist-cli/: main/cli.ts bundled (with the
// contract, the destinations and every pure-JS dependency) into ES modules, and
// everything a command loads only when it runs (the runtime, each CRM's driver,
// the sandboxes, the web server) split into chunks of their own, so `ferry
// --help` or `ferry status` never loads what it does not use. Runs on
// `npm install` (prepare) and whenever bin/ferry.js finds the sources newer.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function buildCli() {
  await build({
    absWorkingDir: root,
    entryPoints: { ferry: 'main/cli.ts' },
    outdir: 'dist-cli',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    // smaller files parse faster: start-up is what the bundle is for (source maps keep stack traces readable)
    minify: true,
    keepNames: true,
    logLevel: 'warning',
    // Native modules load from node_modules; jsforce too (CommonJS that requires its own files at run time).
    external: ['better-sqlite3', '@napi-rs/keyring', 'jsforce', 'electron', 'vite', 'esbuild'],
    // CommonJS dependencies bundled into ES modules may still call require().
    banner: { js: "import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);" },
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildCli();
}
