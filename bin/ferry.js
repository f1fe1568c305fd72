#!/usr/bin/env node
// Entry point for the `ferry` command. It runs the bundle bin/build-cli.mjs
// writes to dist-cli/ (built by `npm install`), which starts at once; when the
// TypeScript sources are newer than the bundle (a developer edited them) it
// builds it again first, so the command never runs stale code.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist-cli', 'ferry.js');
const SOURCES = ['main', 'preload', 'destinations'];

/** The newest modification time of the CLI's sources (a few hundred files: about a millisecond). */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of SOURCES) walk(path.join(root, dir));
  return newest;
}

function bundleTime() {
  try {
    return fs.statSync(bundle).mtimeMs;
  } catch {
    return -1;
  }
}

/**
 * Rebuilds a stale bundle, one process at a time: a second `ferry` started
 * meanwhile waits for the first one's build instead of writing the same files.
 */
async function rebuild() {
  const lock = path.join(root, 'dist-cli.lock');
  let mine = false;
  try {
    fs.closeSync(fs.openSync(lock, 'wx'));
    mine = true;
  } catch {
    // another ferry is building it: wait for its lock to go (a lock older than a minute is left over from a crash)
    for (let waited = 0; fs.existsSync(lock) && waited < 60_000; waited += 100) {
      if (Date.now() - fs.statSync(lock).mtimeMs > 60_000) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    if (bundleTime() >= newestSource()) return;
  }
  try {
    // only where the sources and the bundler are (a clone); an installed package ships its bundle
    const { buildCli } = await import('./build-cli.mjs');
    await buildCli();
  } finally {
    if (mine) fs.rmSync(lock, { force: true });
  }
}

if (bundleTime() < newestSource()) await rebuild();
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
