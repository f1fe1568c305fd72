import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { CommandRegistrar } from '../cli';
import { UsageError, type Output } from './context';
import { openBrowser } from './open-browser';
import { packageRoot } from '../package-root';

/** The repository (or installed package) root, from the source or from the CLI bundle alike. */
const ROOT = packageRoot();

interface WebModeOptions {
  dataDir: string;
  /** 0: a free port */
  port: number;
  open: boolean;
  out: Output;
  env?: NodeJS.ProcessEnv;
}

interface WebMode {
  url: string;
  close(): Promise<void>;
}

function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

/** Builds the renderer into dist/ when it is not there yet (a fresh clone). */
export function ensureRendererBuilt(out: Output): string {
  const dist = path.join(ROOT, 'dist');
  if (fs.existsSync(path.join(dist, 'index.html'))) return dist;
  out.warn('Building the Ferry window for the browser (first run only)…');
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0 || !fs.existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`Ferry could not build its window (vite exited with ${result.status ?? result.signal}); run 'npm run build' to see why.`);
  }
  return dist;
}


/** The web mode: the same runtime as the desktop app (scheduler included), served to a browser on loopback. */
async function runWebMode(o: WebModeOptions): Promise<WebMode> {
  const staticDir = ensureRendererBuilt(o.out);
  const runtime = await (await import('../runtime/index')).startRuntime({ dataDir: o.dataDir, host: 'web', version: packageVersion() });
  let web;
  try {
    web = await (await import('../web/server')).startWebServer({ services: runtime.services, port: o.port, staticDir });
  } catch (error) {
    await runtime.close();
    const code = (error as { code?: unknown }).code;
    if (code === 'EADDRINUSE') throw new UsageError(`Port ${o.port} is already in use; pick another with --port, or leave it out to use a free one.`);
    throw error;
  }
  o.out.info(`Ferry is running at ${web.url}`);
  o.out.info('Keep this terminal open; press Ctrl+C to stop Ferry.');
  o.out.result({ url: web.url, port: web.port, dataDir: o.dataDir });
  if (o.open) openBrowser(web.url, o.out, o.env);
  const server = web;
  return {
    url: web.url,
    async close() {
      await server.close();
      await runtime.close();
    },
  };
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const done = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve(signal);
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}

/** `ferry web [--port N] [--no-open]` — register in main/cli.ts's registrars. */
export const registerWebCommands: CommandRegistrar = (program, context) => {
  program.command('web')
    .description('run Ferry in your browser: the app over a loopback address with a one-time token')
    .option('--port <n>', 'port on 127.0.0.1 (default: a free one)', '0')
    .option('--no-open', 'do not open a browser')
    .action(async (opts: { port: string; open: boolean }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a number from 0 to 65535.');
      const ctx = context();
      const web = await runWebMode({ dataDir: ctx.globals.dataDir, port, open: opts.open, out: ctx.out, env: ctx.env });
      await untilSignal();
      ctx.out.info('Stopping Ferry…');
      await web.close();
    });
};
