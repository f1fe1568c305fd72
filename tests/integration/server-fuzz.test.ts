import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

/**
 * Issue 11, High 2: one unauthenticated request used to kill the web mode and
 * the OAuth sign-in listener (`new WebSocket('ws://127.0.0.1:PORT//[')` from any
 * page did it). Both servers run in a child process (tests/support/server-fuzz-target.ts);
 * raw TCP clients send them fixed attack cases and then 10,000 generated cases —
 * request lines, headers, bodies and WebSocket frames — and the child must
 * still be alive and serving at the end. Every case ends by half-closing the
 * socket and waiting for the server to close it: nothing here waits on a clock.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const SEED = 20261130;
const COUNTS = { web: 4_000, oauth: 3_000, frames: 3_000 };
const CONCURRENCY = 16;

interface Target { webPort: number; token: string; origin: string; oauthPort: number }

let child: ChildProcessWithoutNullStreams;
let target: Target;
let lines: readline.Interface;
let childStderr = '';

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/support/server-fuzz-target.ts')], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.on('data', (d: Buffer) => { childStderr = (childStderr + d.toString()).slice(-4000); });
  lines = readline.createInterface({ input: child.stdout });
  target = await new Promise<Target>((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line) as Target));
    child.once('exit', (code) => reject(new Error(`the fuzz target exited (${code}): ${childStderr}`)));
  });
});

afterAll(async () => {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.stdin.end();
  await exited;
});

/** Sends raw bytes, half-closes, and resolves with what came back once the server closed the socket. */
function exchange(port: number, bytes: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => { if (chunks.length < 4) chunks.push(d); });
    socket.on('error', () => undefined); // a reset is an answer too
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('connect', () => socket.end(bytes));
  });
}

async function runAll(port: number, cases: Buffer[], statuses: Map<string, number>): Promise<void> {
  for (let i = 0; i < cases.length; i += CONCURRENCY) {
    const answers = await Promise.all(cases.slice(i, i + CONCURRENCY).map((c) => exchange(port, c)));
    for (const answer of answers) {
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? (answer === '' ? 'closed' : 'other');
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  }
}

function expectAlive(): void {
  expect(child.exitCode, childStderr).toBeNull();
  expect(child.signalCode, childStderr).toBeNull();
}

// ---- generators -------------------------------------------------------------

const TARGET_CHARS = [...'/?#%[]@:!$&\'()*+,;=-._~ "<>\\^`{|}abcAZ09', '\u0000', '\t', '\u007f', '\u00e9', '\u2028', '\ud83d\ude00', '..', '//', '%2e', '%2F', '%00', '%zz'];
const targetArb = fc.oneof(
  fc.constantFrom('//[', '//', '/ws', '//ws', '/ws?token=', '/ws?token=x', '*', 'http://evil.example/', 'evil.example:443', '/%', '/%zz', '/..%2f..%2fetc/passwd',
    '/oauth/callback', '/oauth/callback?state=x&code=y', '/oauth/callback?error=access_denied', '/index.html?token=', '/?token=%00', '/assets/app.js', '/\\..\\x', ''),
  fc.tuple(fc.constantFrom('/', '//', '/ws', '/oauth/callback', '', 'http://', '/?token='), fc.string({ unit: fc.constantFrom(...TARGET_CHARS), maxLength: 40 })).map(([a, b]) => a + b),
  fc.string({ unit: 'binary', maxLength: 60 }),
);
const methodArb = fc.oneof(fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'CONNECT', 'TRACE', 'PATCH', 'PRI'), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 }));
const versionArb = fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1x', '', 'HTTP/9');

function headerArb(port: number, token: string): fc.Arbitrary<[string, string][]> {
  const host = fc.constantFrom(`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'evil.example', `evil.example:${port}`, '', '127.0.0.1', `127.0.0.1:${port}\u0000x`);
  const value = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('\r\nX: y', '\u0000', '-1', '99999999999999999999', 'chunked', 'gzip, chunked'));
  const known = fc.oneof(
    host.map((v): [string, string] => ['Host', v]),
    fc.constantFrom(`http://127.0.0.1:${port}`, 'https://evil.example', 'null', '').map((v): [string, string] => ['Origin', v]),
    fc.constant<[string, string]>(['Upgrade', 'websocket']),
    fc.constantFrom('Upgrade', 'keep-alive', 'close', 'Upgrade, keep-alive').map((v): [string, string] => ['Connection', v]),
    fc.constantFrom('dGhlIHNhbXBsZSBub25jZQ==', '', 'x', '====').map((v): [string, string] => ['Sec-WebSocket-Key', v]),
    fc.constantFrom('13', '8', 'x', '').map((v): [string, string] => ['Sec-WebSocket-Version', v]),
    fc.oneof(fc.constant(`token=${token}`), value.map((v) => `ferry-session-${port}=${v}`)).map((v): [string, string] => ['Cookie', v]),
    value.map((v): [string, string] => ['Content-Length', v]),
    value.map((v): [string, string] => ['Transfer-Encoding', v]),
    fc.tuple(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }), value),
  );
  return fc.array(known, { maxLength: 10 });
}

function requestArb(port: number, token: string, paths: string[]): fc.Arbitrary<Buffer> {
  const upgrade = fc.constant<[string, string][]>([['Upgrade', 'websocket'], ['Connection', 'Upgrade'], ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='], ['Sec-WebSocket-Version', '13']]);
  return fc.tuple(
    methodArb,
    fc.oneof(targetArb, fc.constantFrom(...paths)),
    versionArb,
    fc.oneof(headerArb(port, token), fc.tuple(headerArb(port, token), upgrade).map(([a, b]) => [[`Host`, `127.0.0.1:${port}`] as [string, string], ...a, ...b])),
    fc.uint8Array({ maxLength: 64 }),
    fc.boolean(),
  ).map(([method, path, version, headers, body, latin1]) => {
    const head = `${method} ${path} ${version}\r\n${headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
    return Buffer.concat([Buffer.from(head, latin1 ? 'latin1' : 'utf8'), Buffer.from(body)]);
  });
}

/** One WebSocket frame (RFC 6455 §5.2), with everything a peer could get wrong. */
const frameArb = fc.record({
  fin: fc.boolean(),
  rsv: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 7 })),
  opcode: fc.oneof(fc.constantFrom(1, 1, 1, 2, 8, 9, 10, 0), fc.integer({ min: 0, max: 15 })),
  masked: fc.oneof(fc.constant(true), fc.boolean()),
  length: fc.constantFrom('exact', 'exact', 'exact', 'short', 'claims-more', 'huge'),
  payload: fc.oneof(
    fc.record({
      id: fc.oneof(fc.integer(), fc.string({ maxLength: 70 }), fc.constant(null), fc.double()),
      channel: fc.oneof(fc.constantFrom('listContacts', 'searchContacts', 'getContact', 'createContact', 'updateContact', 'getSettings', 'listConnections', 'listEvents', 'nope', '__proto__', 'constructor'), fc.string({ maxLength: 20 })),
      input: fc.oneof(fc.anything({ maxDepth: 3 }), fc.record({ query: fc.string({ unit: 'binary', maxLength: 20 }) }), fc.record({ contact: fc.record({ firstName: fc.string({ unit: 'binary', maxLength: 20 }) }) })),
    }).map((m) => Buffer.from(JSON.stringify(m))),
    fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
    fc.constantFrom(Buffer.from([0xc3, 0x28]), Buffer.from([0xff, 0xfe]), Buffer.from('{"id":1'), Buffer.from([0x03, 0xe8]), Buffer.from([0x00, 0x00])),
  ),
}).map((f) => {
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const payload = f.masked ? Buffer.from(f.payload.map((b, i) => b ^ mask[i % 4]!)) : f.payload;
  const declared = f.length === 'exact' ? payload.length : f.length === 'short' ? Math.max(0, payload.length - 3) : f.length === 'claims-more' ? payload.length + 500 : 2 ** 40;
  const head = [((f.fin ? 1 : 0) << 7) | (f.rsv << 4) | f.opcode];
  const maskBit = f.masked ? 0x80 : 0;
  let len: Buffer;
  if (declared < 126) len = Buffer.from([maskBit | declared]);
  else if (declared < 65536) len = Buffer.from([maskBit | 126, declared >> 8, declared & 0xff]);
  else {
    len = Buffer.alloc(9);
    len[0] = maskBit | 127;
    len.writeBigUInt64BE(BigInt(declared), 1);
  }
  return Buffer.concat([Buffer.from(head), len, f.masked ? mask : Buffer.alloc(0), payload]);
});

// ---- tests ------------------------------------------------------------------

describe('the web mode and the OAuth sign-in listener survive any request (issue 11, High 2)', () => {
  it('the attacks that killed them are answered with 400 and nothing else happens', async () => {
    const { webPort, oauthPort, origin } = target;
    const upgradeTo = (path: string) => Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${webPort}\r\nOrigin: ${origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    expect(await exchange(webPort, upgradeTo('//['))).toMatch(/^HTTP\/1\.1 400 /);
    expect(await exchange(webPort, Buffer.from(`GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${webPort}\r\n\r\n`))).toMatch(/^HTTP\/1\.1 400 /);
    expect(await exchange(webPort, Buffer.from(`GET http://127.0.0.1:${webPort}/ HTTP/1.1\r\nHost: 127.0.0.1:${webPort}\r\n\r\n`))).toMatch(/^HTTP\/1\.1 400 /);
    expect(await exchange(oauthPort, Buffer.from(`GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${oauthPort}\r\n\r\n`))).toMatch(/^HTTP\/1\.1 400 /);
    expect(await exchange(oauthPort, Buffer.from(`GET //[/oauth/callback?state=x HTTP/1.1\r\nHost: 127.0.0.1:${oauthPort}\r\n\r\n`))).toMatch(/^HTTP\/1\.1 400 /);
    // a page rebinding its own name to 127.0.0.1 is refused by the sign-in listener too
    expect(await exchange(oauthPort, Buffer.from(`GET /oauth/callback?state=x&code=y HTTP/1.1\r\nHost: evil.example:${oauthPort}\r\n\r\n`))).toMatch(/^HTTP\/1\.1 403 /);
    expectAlive();
  });

  it(`fuzzes ${COUNTS.web + COUNTS.oauth + COUNTS.frames} request lines, headers, bodies and WebSocket frames, and both servers still answer`, async () => {
    const { webPort, oauthPort, token, origin } = target;
    const web = fc.sample(requestArb(webPort, token, ['/', '/ws', `/ws?token=${token}`, `/?token=${token}`, '/assets/app.js', '/index.html']), { numRuns: COUNTS.web, seed: SEED });
    const oauth = fc.sample(requestArb(oauthPort, token, ['/oauth/callback', '/oauth/callback?state=s&code=c', '/oauth/callback?error=x&error_description=%00']), { numRuns: COUNTS.oauth, seed: SEED + 1 });
    const handshake = Buffer.from(`GET /ws?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${webPort}\r\nOrigin: ${origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    const frames = fc.sample(fc.array(frameArb, { minLength: 1, maxLength: 4 }), { numRuns: COUNTS.frames, seed: SEED + 2 })
      .map((list) => Buffer.concat([handshake, ...list]));

    const statuses = { web: new Map<string, number>(), oauth: new Map<string, number>(), frames: new Map<string, number>() };
    await runAll(webPort, web, statuses.web);
    expectAlive();
    await runAll(oauthPort, oauth, statuses.oauth);
    expectAlive();
    await runAll(webPort, frames, statuses.frames);
    expectAlive();
    const show = (m: Map<string, number>) => [...m.entries()].sort().map(([k, v]) => `${k}×${v}`).join(' ');
    process.stdout.write(`server fuzz (seed ${SEED}): web ${web.length} [${show(statuses.web)}]; oauth ${oauth.length} [${show(statuses.oauth)}]; ws frames ${frames.length} [${show(statuses.frames)}]\n`);
    expect(web.length + oauth.length + frames.length).toBeGreaterThanOrEqual(10_000);

    // Still serving: the page (token exchanged for the cookie), the listener, and a real contract call.
    const page = await fetch(`http://127.0.0.1:${webPort}/?token=${token}`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect((await fetch(`http://127.0.0.1:${oauthPort}/oauth/callback?state=s&code=c`)).status).toBe(400);
    const ws = new WebSocket(`ws://127.0.0.1:${webPort}/ws?token=${token}`, { origin });
    const reply = await new Promise<string>((resolve, reject) => {
      ws.once('open', () => ws.send(JSON.stringify({ id: 1, channel: 'getSettings', input: {} })));
      ws.on('message', (data) => { const text = String(data); if (text.includes('"id":1')) resolve(text); });
      ws.once('error', reject);
    });
    ws.close();
    expect(JSON.parse(reply)).toMatchObject({ id: 1, result: { ok: true } });
    expectAlive();
  });
});
