// Starts Ferry's web mode in a data folder given as argv[2] and prints one JSON
// line {"url": ...} when it is ready. Same runtime and server as `ferry web`,
// with two test choices: the real sync engine is plugged in here (the runtime's
// default factory may still be the "not available yet" stand-in) and secrets
// live in memory (no OS keychain on a CI box). FERRY_SEED=N adds N demo
// contacts before the server starts (the scroll benchmark uses 100,000).
import { register } from 'tsx/esm/api';

register();
const { startRuntime } = await import('../../main/runtime.ts');
const { startWebServer } = await import('../../main/web/server.ts');
const { ensureRendererBuilt } = await import('../../main/cli/web-command.ts');
const { createSyncEngine } = await import('../../main/sync/engine.ts');
const { ConnectorRegistry } = await import('../../main/crm/registry.ts');
const { defaultCard } = await import('../../main/store/cards.ts');
const { seedDemoContacts } = await import('../../main/store/demo-seed.ts');

const out = { info: () => undefined, warn: (line) => process.stderr.write(`${line}\n`) };
const staticDir = ensureRendererBuilt(out);
const runtime = await startRuntime({
  dataDir: process.argv[2],
  host: 'web',
  vault: 'memory',
  createSync: ({ db, vault, clock }) => createSyncEngine({ db, connectors: new ConnectorRegistry({ vault }), clock }),
});
const seed = Number(process.env.FERRY_SEED ?? 0);
if (seed > 0) seedDemoContacts(runtime.db, defaultCard(runtime.db).id, seed, 'US');
const web = await startWebServer({ services: runtime.services, port: 0, staticDir });
process.stdout.write(`${JSON.stringify({ url: web.url, port: web.port, dataDir: process.argv[2] })}\n`);

const stop = async () => {
  await web.close();
  await runtime.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
