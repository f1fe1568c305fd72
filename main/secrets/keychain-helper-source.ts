/**
 * Source of the helper process that talks to the OS keychain for KeychainVault.
 *
 * Why a separate process: @napi-rs/keyring connects to D-Bus synchronously, even in
 * its AsyncEntry constructor, and a silent bus or an unlock prompt nobody sees
 * blocks forever. Inside the app's own process that would freeze the event loop
 * (no timer could fire); in a worker thread it could never be stopped. A child
 * process can always be killed, so every keychain call has a real timeout.
 *
 * Protocol: one JSON object per line on stdin ({ id, op, account, value? }), one
 * JSON object per line on stdout ({ id, ok, value? } or { id, ok: false, message }).
 * Secrets travel only over these pipes, never in argv or the environment.
 * Plain JavaScript, because it runs with `node -e` (or Electron as Node).
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
let buffer = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  let nl;
  while ((nl = buffer.indexOf('\n')) >= 0) {
    const line = buffer.slice(0, nl);
    buffer = buffer.slice(nl + 1);
    if (!line) continue;
    let req;
    try { req = JSON.parse(line); } catch { continue; }
    let reply;
    try { reply = { id: req.id, ok: true, value: run(req) }; }
    catch (err) {
      const parts = [];
      for (let e = err; e && parts.length < 5; e = e.cause) parts.push(String(e.message || e));
      reply = { id: req.id, ok: false, message: parts.join(' <- ') };
    }
    process.stdout.write(JSON.stringify(reply) + '\n');
  }
});
process.stdin.on('end', () => process.exit(0));
`;
