import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Where, relative to the CRM request it is keyed to, a kill lands:
 * - `before`: the request reached the proxy; the CRM never sees it;
 * - `answered`: the CRM did the work and answered; the answer never reaches Ferry
 *   (the lost-answer case every upsert key exists for);
 * - `delivered`: Ferry got the answer; it is killed before (or while) it saves it.
 */
export type KillPhase = 'before' | 'answered' | 'delivered';
export const KILL_PHASES: readonly KillPhase[] = ['before', 'answered', 'delivered'];

export interface KillSwitchProxy {
  url: string;
  /** API requests forwarded so far (admin routes under /__sandbox/ are not counted) */
  readonly requests: number;
  /** Calls `kill` at the `atRequest`-th API request from now (1-based), in `phase`. */
  arm(atRequest: number, phase: KillPhase, kill: () => void): void;
  /** Calls `kill` at the next API request `matches` picks (by method and path), in `phase`. */
  armOn(matches: (method: string, path: string) => boolean, phase: KillPhase, kill: () => void): void;
  disarm(): void;
  close(): Promise<void>;
}

/**
 * A loopback proxy in front of a sandbox CRM that kills the process under test
 * at a chosen request and phase, so a crash test's kills are keyed to progress
 * (the N-th write), never to wall time: it holds on a loaded machine.
 */
export async function startKillSwitchProxy(target: string): Promise<KillSwitchProxy> {
  const upstream = new URL(target);
  let requests = 0;
  let armed: { at: number; phase: KillPhase; kill: () => void } | null = null;
  let armedOn: { matches: (method: string, path: string) => boolean; phase: KillPhase; kill: () => void } | null = null;

  const fire = (phase: KillPhase, n: number): boolean => {
    if (!armed || armed.at !== n || armed.phase !== phase) return false;
    const { kill } = armed;
    armed = null;
    kill();
    return true;
  };

  const server = http.createServer((req, res) => {
    const api = !(req.url ?? '/').startsWith('/__sandbox/');
    const n = api ? ++requests : 0;
    // a request-matched kill becomes an ordinary one keyed to this request's number
    if (api && armedOn?.matches(req.method ?? 'GET', (req.url ?? '/').split('?')[0]!)) {
      armed = { at: n, phase: armedOn.phase, kill: armedOn.kill };
      armedOn = null;
    }
    if (api && fire('before', n)) {
      res.socket?.destroy();
      return;
    }
    // A fresh connection to the sandbox for every request (agent: false): a kept-alive one the sandbox
    // closed while idle (after 5 s, which a loaded machine reaches between two requests) would fail the
    // forward, drop Ferry's socket, and Ferry's resend would arrive under the next number: the armed
    // request would never come (a CI run with the cores busy saw "killed at request 8" never killed).
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host }, agent: false },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          if (api && fire('answered', n)) {
            res.socket?.destroy();
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(chunks), () => { if (api) fire('delivered', n); });
        });
      },
    );
    forward.on('error', () => res.socket?.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get requests() { return requests; },
    arm(atRequest, phase, kill) { armed = { at: requests + atRequest, phase, kill }; },
    armOn(matches, phase, kill) { armedOn = { matches, phase, kill }; },
    disarm() { armed = null; armedOn = null; },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
