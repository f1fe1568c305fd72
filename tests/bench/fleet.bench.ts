// `npm run bench:fleet`: a team's laptops on one CRM account. Twenty real `ferry agent`
// processes, each with its own data folder and 1,000 different contacts, push into one
// sandbox portal at the same time. Prints numbers with their targets; asserts nothing.
//   tsx tests/bench/fleet.bench.ts hubspot      the portal's 100 requests / 10 s, shared
//   tsx tests/bench/fleet.bench.ts salesforce   an org whose daily allocation is nearly used
// The reps' contacts are written while the connections are manual, then every laptop turns
// Automatic on at the same moment (writing 20,000 contacts takes this process ~20 s; a fleet
// that starts one laptop per second over them measures the writing, not the pacing).
// FLEET_LAPTOPS and FLEET_CONTACTS change the size. Each HubSpot rep signs in with their own
// token, as reps connecting Ferry themselves do; the bound counts only the calls HubSpot's
// 10-second window counts (not searches), at the window's documented limit, and the portal's
// own timeline (admission times) is printed beside the wall-clock numbers, with the load.
// BENCH_VERBOSE adds every route's count and a line per second.
import type { LoggedRequest } from '../../main/sandbox/shared/request-log';
import { addContacts, cpuSeconds, fleetEmail, fleetPending, ferryEach, laptopRuns, laptopState, machineTicks, makeLaptops, removeLaptops, startAgents, stopAgents, turnAutomaticOn, type Laptop } from './fleet-laptops';
import os from 'node:os';
import { portalTimeline, refusals } from './portal-timeline';
import { printTable } from './report';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process';

const LAPTOPS = Number(process.env.FLEET_LAPTOPS ?? 20);
const CONTACTS = Number(process.env.FLEET_CONTACTS ?? 1000);
const LIMIT = 100;
const WINDOW_MS = 10_000;
const TOKEN_ENV = 'FERRY_FLEET_TOKEN';

/** Polls `done` until it holds, printing progress; a bench that stops moving says so instead of hanging. */
async function until(what: string, done: () => Promise<boolean>, progress: () => Promise<string>): Promise<void> {
  let last = '';
  let still = 0;
  for (;;) {
    if (await done()) return;
    const now = await progress();
    still = now === last ? still + 1 : 0;
    last = now;
    // five minutes without any change: something is stuck, not slow
    if (still > 600) throw new Error(`${what}: no progress for five minutes (${now})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function admin<T>(sandbox: SandboxProcess, method: string, route: string, body?: unknown): Promise<T> {
  const send = (): Promise<Response> => fetch(`${sandbox.url}/__sandbox/${route}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  // a kept-alive socket the sandbox closed just as we reused it (a busy poll loop): ask again once on a new one
  const res = await send().catch(send);
  if (!res.ok) throw new Error(`sandbox ${method} ${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * Whether a request counts in the portal's 10-second window: every call but a search, which
 * HubSpot limits per second instead (main/sandbox/hubspot/limits.ts, its routes' `budget`).
 */
const drawsOnWindow = (r: LoggedRequest): boolean => !r.route.endsWith('/search');

/** How many of the fleet's contacts the CRM holds, and how many it holds more than once. */
function exactlyOnce(emails: string[], laptops: number, contacts: number): { present: number; missing: number; duplicates: number } {
  const seen = new Map<string, number>();
  for (const e of emails) seen.set(e.toLowerCase(), (seen.get(e.toLowerCase()) ?? 0) + 1);
  let present = 0;
  let missing = 0;
  let duplicates = 0;
  for (let l = 0; l < laptops; l++) {
    for (let k = 0; k < contacts; k++) {
      const n = seen.get(fleetEmail(l, k)) ?? 0;
      if (n === 0) missing++;
      else present++;
      if (n > 1) duplicates += n - 1;
    }
  }
  return { present, missing, duplicates };
}

/**
 * Connects every laptop and starts its agent. `token`: the access token each rep's Ferry uses
 * (HubSpot: each rep signs in as themselves, so each laptop has its own token for the team's
 * one app; the portal's 10-second window is still shared, its search limit is not).
 */
async function prepareFleet(kind: 'hubspot' | 'salesforce', sandbox: SandboxProcess, extra: string[], mode: 'automatic' | 'manual' = 'automatic', token: (l: Laptop) => string = () => sandbox.token): Promise<Laptop[]> {
  const laptops = makeLaptops(LAPTOPS);
  const env = (l: Laptop): NodeJS.ProcessEnv => ({ [TOKEN_ENV]: token(l) });
  const started = performance.now();
  await ferryEach(laptops, () => ['connect', kind, '--token-env', TOKEN_ENV, kind === 'salesforce' ? '--instance-url' : '--base-url', sandbox.url, '--mode', mode, ...extra], env);
  await startAgents(laptops, env);
  process.stdout.write(`  ${LAPTOPS} laptops connected and their agents running (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
  return laptops;
}

/**
 * HubSpot's servers have answered for years when a team turns Automatic on; the sandbox process
 * has just started. Cold, it spends its first seconds compiling and collecting garbage (a CPU
 * profile of the fleet's first burst: about 30 ms of the portal's CPU per request, on the two
 * cores the twenty agents share), so the first answers come late and every later window replays
 * them late: the fleet's pacing would be measured against our portal's start-up. One laptop's
 * Sync now of WARM_CONTACTS (the same calls the fleet makes) runs first, at a limit it never
 * meets; the portal is then reset to an empty account at LIMIT, its tokens kept.
 */
const WARM_CONTACTS = 5_000;
async function warmPortal(sandbox: SandboxProcess): Promise<void> {
  await admin(sandbox, 'PUT', 'limits', { rateLimit: 100_000 });
  const [warm] = makeLaptops(1);
  try {
    await ferryEach([warm!], () => ['connect', 'hubspot', '--token-env', TOKEN_ENV, '--base-url', sandbox.url, '--mode', 'manual'], { [TOKEN_ENV]: sandbox.token });
    addContacts(warm!, WARM_CONTACTS);
    await ferryEach([warm!], () => ['sync'], { [TOKEN_ENV]: sandbox.token });
  } finally {
    removeLaptops([warm!]);
  }
  await admin(sandbox, 'PUT', 'limits', { rateLimit: LIMIT });
  await admin(sandbox, 'POST', 'reset');
}

async function hubspot(): Promise<void> {
  const sandbox = await startSandboxProcess('hubspot', ['--rate-limit', String(LIMIT)]);
  await warmPortal(sandbox);
  // Manual while the reps' contacts are written: writing 1,000 contacts takes this process about a
  // second per laptop, and the fleet must not start one laptop at a time over those seconds.
  const repToken = (l: Laptop): string => `${sandbox.token}-rep${l.index}`;
  for (let i = 0; i < LAPTOPS; i++) await admin(sandbox, 'POST', 'tokens', { token: `${sandbox.token}-rep${i}` });
  const laptops = await prepareFleet('hubspot', sandbox, [], 'manual', repToken);
  try {
    for (const l of laptops) addContacts(l, CONTACTS);
    // The connects' own calls have left the portal's window by now (agents take longer than 10 s to start).
    await admin(sandbox, 'DELETE', 'requests');
    const expected = LAPTOPS * CONTACTS;
    const fleetCpu = (): number => laptops.reduce((t, l) => t + cpuSeconds(l.agent?.pid), cpuSeconds(sandbox.pid));
    const cpuBefore = fleetCpu();
    const ticksBefore = machineTicks();
    const wall = performance.now();
    // every rep turns Automatic on at the same minute
    for (const l of laptops) turnAutomaticOn(l);
    // the cheap check (each laptop's outbox) first; the portal's 20,000 contacts only once it says done
    await until('HubSpot fleet', async () => fleetPending(laptops) === 0
      && (await admin<{ results: unknown[] }>(sandbox, 'GET', 'contacts')).results.length >= expected,
    async () => String((await admin<{ total: number }>(sandbox, 'GET', 'requests')).total));
    const wallMs = performance.now() - wall;
    const { requests } = await admin<{ requests: LoggedRequest[] }>(sandbox, 'GET', 'requests/log');
    const { results } = await admin<{ results: { properties: Record<string, string> }[] }>(sandbox, 'GET', 'contacts');
    const refused = requests.filter((r) => r.status === 429).length;
    const accepted = requests.filter((r) => r.status !== 429 && r.status !== 0);
    // the bound counts only what the 10-second window counts: searches draw on their own per-second limit
    const windowed = accepted.filter(drawsOnWindow);
    const elapsed = Math.max(...requests.map((r) => r.at)) - Math.min(...requests.map((r) => r.at));
    const bound = (windowed.length * WINDOW_MS) / LIMIT;
    const ticksAfter = machineTicks();
    const idle = (ticksAfter.idle - ticksBefore.idle) / Math.max(1, ticksAfter.total - ticksBefore.total);
    const fleetCores = (fleetCpu() - cpuBefore) / (wallMs / 1000);
    const once = exactlyOnce(results.map((c) => c.properties.email ?? ''), LAPTOPS, CONTACTS);
    const portal = portalTimeline(requests.filter(drawsOnWindow), LIMIT, WINDOW_MS);
    const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
    printTable(`HubSpot: ${LAPTOPS} laptops (ferry agent), ${CONTACTS.toLocaleString('en-US')} different contacts each, one portal at ${LIMIT} requests / 10 s`, [
      ['requests the portal answered', `${requests.length} (${accepted.length} accepted, ${windowed.length} of them in the 10 s window)`, '', null],
      ['first to last answer / bound for the calls made', `${(elapsed / 1000).toFixed(1)} s / ${(bound / 1000).toFixed(1)} s`, '≥ 0.9', bound / elapsed / 0.9],
      ['rate-limit refusals (429) per 1,000 requests', (refused * 1000 / requests.length).toFixed(2), '≤ 1', (refused * 1000 / requests.length) / 1],
      ['busiest 10 s window (accepted requests)', String(portal.busiest), `≤ ${LIMIT}`, null],
      ['contacts in HubSpot: present / missing / extra copies', `${once.present} / ${once.missing} / ${once.duplicates}`, `${LAPTOPS * CONTACTS} / 0 / 0`, null],
      ['wall time from Automatic on to the last contact', `${(wallMs / 1000).toFixed(1)} s`, '', null],
      ['machine CPU idle meanwhile; the fleet\'s own use', `${(idle * 100).toFixed(0)} %; ${fleetCores.toFixed(2)} cores`, '', null],
      ['load average (1, 5, 15 min) at the end', load, '', null],
    ]);
    process.stdout.write(`  ratio to the bound: ${(bound / elapsed).toFixed(3)} (target ≥ 0.9)\n`);
    // The portal's side, which the machine's speed does not change: how full the fleet kept the
    // window, and where it was not full (the ramp at the start, the tail at the end, idle seconds).
    process.stdout.write(`  portal, per 10 s window from the first request (limit ${LIMIT}): ${portal.perWindow.join(' ')} admitted; ${portal.refusedPerWindow.join(' ')} refused\n`);
    process.stdout.write(`  portal, rolling window held on average ${(portal.meanFill * 100).toFixed(0)} % of the limit; `
      + `${portal.rampSeconds === null ? 'never' : `${portal.rampSeconds.toFixed(1)} s`} to first reach 90 %; `
      + `${portal.tailSeconds === null ? '-' : `${portal.tailSeconds.toFixed(1)} s`} from the last 90 % to the end; `
      + `${portal.idleSeconds} idle seconds\n`);
    for (const r of refusals(requests)) process.stdout.write(`  429 at ${r}\n`);
    // The laptops' side: when each one's push began and ended, on the portal's time scale. Late
    // beginnings are the machine (agents waiting for a CPU), not the pacing.
    const first = Math.min(...requests.map((r) => r.at));
    const runs = laptops.map((l) => laptopRuns(l)).filter((r) => r.length > 0);
    const began = runs.map((r) => (Math.min(...r.map((x) => x.startedAt)) - first) / 1000).sort((a, b) => a - b);
    const ended = runs.map((r) => (Math.max(...r.map((x) => x.finishedAt ?? x.startedAt)) - first) / 1000).sort((a, b) => a - b);
    const at = (xs: number[], q: number): string => (xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN).toFixed(1);
    process.stdout.write(`  laptops (s from the portal's first request; a run starts by planning, before its first call): runs started ${at(began, 0)}, median ${at(began, 0.5)}, last ${at(began, 1)}; ended first ${at(ended, 0)}, median ${at(ended, 0.5)}, last ${at(ended, 1)}\n`);
    if (process.env.BENCH_VERBOSE) {
      const routes = new Map<string, number>();
      for (const r of requests) routes.set(`${r.route} ${r.status}`, (routes.get(`${r.route} ${r.status}`) ?? 0) + 1);
      for (const [route, n] of routes) process.stdout.write(`  ${n} × ${route}\n`);
      for (const line of portal.perSecond) process.stdout.write(`  ${line}\n`);
    }
  } finally {
    await stopAgents(laptops);
    removeLaptops(laptops);
    await sandbox.stop();
  }
}

const DAILY_LIMIT = 10_000;
const STOP_PERCENT = 90;
/** what the org's other integrations have used today when the reps start */
const USED_BEFORE = Number(process.env.FLEET_ORG_USED ?? 8_900);

/**
 * Salesforce: the org's daily allocation is shared with its other integrations and
 * already 89 % used. The laptops' automatic pushes must stop at the 90 % headroom
 * (each with the sentence), leaving the rest for the org; then each rep's Sync now
 * sends what was held (with the warning), and every contact is there exactly once.
 */
async function salesforce(): Promise<void> {
  const sandbox = await startSandboxProcess('salesforce', ['--daily-limit', String(DAILY_LIMIT)]);
  const laptops = await prepareFleet('salesforce', sandbox, []);
  const line = (DAILY_LIMIT * STOP_PERCENT) / 100;
  try {
    await admin(sandbox, 'PUT', 'api-usage', { used: USED_BEFORE });
    await admin(sandbox, 'DELETE', 'requests');
    for (const l of laptops) addContacts(l, CONTACTS);
    const settled = (l: Laptop): boolean => {
      const s = laptopState(l);
      return s.pending === 0 || (s.lastError ?? '').includes('Ferry holds automatic and scheduled syncs');
    };
    await until('Salesforce fleet (automatic)', async () => laptops.every(settled), async () => String((await admin<{ apiUsage: number }>(sandbox, 'GET', 'state')).apiUsage));
    const atHold = (await admin<{ apiUsage: number }>(sandbox, 'GET', 'state')).apiUsage;
    const held = laptops.filter((l) => laptopState(l).pending > 0);
    const heldContacts = held.reduce((n, l) => n + laptopState(l).pending, 0);
    const automatic = await admin<{ requests: LoggedRequest[] }>(sandbox, 'GET', 'requests/log');
    const refusedAutomatic = automatic.requests.filter((r) => r.status === 403 || r.status === 429).length;
    await stopAgents(laptops);

    // each rep presses Sync now: it goes, with the warning
    await ferryEach(held, () => ['sync'], { [TOKEN_ENV]: sandbox.token });
    const final = await admin<{ apiUsage: number }>(sandbox, 'GET', 'state');
    const { records } = await admin<{ records: { fields: Record<string, string> }[] }>(sandbox, 'GET', 'records/Contact');
    const once = exactlyOnce(records.map((r) => r.fields.Email ?? ''), LAPTOPS, CONTACTS);
    const pendingAfter = laptops.reduce((n, l) => n + laptopState(l).pending, 0);
    printTable(`Salesforce: ${LAPTOPS} laptops (ferry agent, automatic), ${CONTACTS.toLocaleString('en-US')} contacts each, one org whose daily allocation (${DAILY_LIMIT.toLocaleString('en-US')}) was ${USED_BEFORE.toLocaleString('en-US')} used; headroom at ${STOP_PERCENT} %`, [
      ['org usage when every automatic push had stopped', `${atHold.toLocaleString('en-US')} (line ${line.toLocaleString('en-US')})`, `≤ ${line} + ${LAPTOPS}`, (atHold - USED_BEFORE) / (line + LAPTOPS - USED_BEFORE)],
      ['calls past the line (one batch per laptop at most)', String(Math.max(0, atHold - line)), `≤ ${LAPTOPS}`, Math.max(0, atHold - line) / LAPTOPS],
      ['laptops holding, contacts they kept', `${held.length}, ${heldContacts.toLocaleString('en-US')}`, '', null],
      ['allocation refusals (403 REQUEST_LIMIT_EXCEEDED, 429)', String(refusedAutomatic), '0', null],
      ['after each held rep\'s Sync now: org usage', `${final.apiUsage.toLocaleString('en-US')} of ${DAILY_LIMIT.toLocaleString('en-US')}`, `< ${DAILY_LIMIT}`, final.apiUsage / DAILY_LIMIT],
      ['contacts in Salesforce: present / missing / extra copies', `${once.present} / ${once.missing} / ${once.duplicates}`, `${LAPTOPS * CONTACTS} / 0 / 0`, null],
      ['contacts still pending on the laptops', String(pendingAfter), '0', null],
    ]);
  } finally {
    await stopAgents(laptops);
    removeLaptops(laptops);
    await sandbox.stop();
  }
}

const scenario = process.argv[2];
if (scenario === 'hubspot' || scenario === undefined) await hubspot();
if (scenario === 'salesforce' || scenario === undefined) await salesforce();
