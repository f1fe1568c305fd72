/**
 * The servers under fuzz, in a process of their own (started with
 * `node --import tsx`): the web mode over a real runtime and SQLite file, and
 * the OAuth sign-in listener. Prints one JSON line with their ports and the
 * launch token, then serves until its stdin closes. If any request, header or
 * frame could throw out of a handler, this process would die and the test sees it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLoopbackServer } from '../../main/oauth/loopback-server';
import { startRuntime } from '../../main/runtime/index';
import { startWebServer } from '../../main/web/server';
import { FakeSyncService } from './fake-sync-service';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-fuzz-'));
const staticDir = path.join(dir, 'dist');
fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Ferry</title>');
fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');

let reported = 0;
const runtime = await startRuntime({
  dataDir: path.join(dir, 'data'), host: 'web', vault: 'memory',
  createSync: ({ db }) => new FakeSyncService(db),
  onError: () => { reported++; },
});
const web = await startWebServer({ services: runtime.services, staticDir, onError: () => { reported++; } });
let callbacks = 0;
const oauth = await startLoopbackServer(0, (hit) => {
  callbacks++;
  hit.respond(400, '<!doctype html><p>Not the sign-in Ferry started.</p>');
}, 'HubSpot');

process.stdout.write(`${JSON.stringify({ webPort: web.port, token: web.token, origin: web.origin, oauthPort: oauth.port })}\n`);

process.stdin.resume();
process.stdin.on('data', (chunk: Buffer) => {
  // "stats" asks for what the servers saw, so the test can print it
  if (chunk.toString().includes('stats')) process.stdout.write(`${JSON.stringify({ reported, callbacks, alive: true })}\n`);
});
process.stdin.on('end', () => {
  void (async () => {
    await web.close();
    await oauth.close();
    await runtime.close();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  })();
});
