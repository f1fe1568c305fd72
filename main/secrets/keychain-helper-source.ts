/**
 * Source of the helper process that talks to the OS keychain for KeychainVault.
 *
 * Why a separate process: @napi-rs/keyring connects to D-Bus synchronously, even in
 * its AsyncEntry constructor, and a silent bus or an unlock prompt nobody sees
 * blocks forever. Inside the app's own process that would freeze the event loop
 * (no timer could fire); in a worker thread it could never be stopped. A child
 * process can always be killed, so every keychain call has a real timeout.
 *
 * Protocol: one JSON request ({ id, op, account, value? }) in, one JSON reply
 * ({ id, ok, value? } or { id, ok: false, message }) out — as lines on
 * stdin/stdout under Node (`node -e`, keychain-helper-process.ts), or as
 * messages on `process.parentPort` in Electron's utilityProcess (the packaged
 * app, main/app/keychain-helper.ts, from dist-electron/keychain-helper.cjs,
 * which bin/build-electron.js writes from this same source).
 * Secrets travel only over these channels, never in argv or the environment.
 * Plain JavaScript, because it runs as it is.
 */
export const KEYCHAIN_HELPER_SOURCE = String.raw`
'use strict';
const { Entry } = require(process.env.FERRY_KEYRING_MODULE);
const service = process.env.FERRY_KEYRING_SERVICE;
const store = process.env.FERRY_KEYRING_LINUX_STORE;
const options = store ? { linux: { store } } : undefined;
function run(req) {
  const entry = new Entry(service, req.account, options);
  if (req.op === 'get') return entry.getPassword();
  if (req.op === 'set') { entry.setPassword(req.value); return null; }
  if (req.op === 'delete') { entry.deleteCredential(); return null; }
  throw new Error('unknown op ' + req.op);
}
function answer(line) {
  if (!line) return null;
  let req;
  try { req = JSON.parse(line); } catch { return null; }
  try { return JSON.stringify({ id: req.id, ok: true, value: run(req) }); }
  catch (err) {
    const parts = [];
    for (let e = err; e && parts.length < 5; e = e.cause) parts.push(String(e.message || e));
    return JSON.stringify({ id: req.id, ok: false, message: parts.join(' <- ') });
  }
}
if (process.parentPort) {
  process.parentPort.on('message', (event) => {
    const reply = answer(String(event.data));
    if (reply) process.parentPort.postMessage(reply);
  });
} else {
  let buffer = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => {
    buffer += chunk;
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const reply = answer(line);
      if (reply) process.stdout.write(reply + '\n');
    }
  });
  process.stdin.on('end', () => process.exit(0));
}
`;
