// `npm run bench:sync`: push throughput, API calls and memory against the sandbox CRMs.
// Prints numbers; asserts nothing. The sandbox runs in its own process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConnectorRegistry } from '../../main/crm/registry';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { execFileSync } from 'node:child_process';
import { openDatabase, type Db } from '../../main/store/db';
import { updateContact } from '../../main/store/contacts';
import { saveMapping } from '../../main/mapping/save';
import { createSyncEngine } from '../../main/sync/engine';
import type { RunSummary } from '../../main/sync/service-api';
import { printTable } from './report';
import { startSandboxProcess } from './sandbox-process';
import type { DestinationId } from '../../destinations/index';

const WINDOW_MS = 10_000;
const FERRY = path.resolve(import.meta.dirname, '../../bin/ferry.js');
const CONTACTS_PER_CALL = 100;

interface Setup { db: Db; dir: string; connectionId: number; engine: ReturnType<typeof createSyncEngine> }

async function setup(kind: DestinationId, count: number, config: Record<string, unknown>, stripNotes = true): Promise<Setup> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-bench-sync-'));
  // Seeded by another process, so this one's peak memory is the push's, not the seeding's.
  execFileSync(process.execPath, [FERRY, '--data-dir', dir, 'demo', 'seed', '--count', String(count)], { stdio: 'ignore' });
  const db = openDatabase(dir);
  const cardId = (db.prepare('SELECT id FROM cards ORDER BY id LIMIT 1').get() as { id: number }).id;
  // The generated people stand for a rep's own list here (demo contacts only ever go to sandbox connections).
  db.prepare("UPDATE contacts SET source = 'sample'").run();
  // Throughput is measured on contact records; HubSpot notes are objects of their own.
  if (stripNotes) db.prepare("UPDATE contacts SET notes = ''").run();
  const engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault: new InMemoryVault() }) });
  const connection = await engine.connect({ cardId, kind, config });
  return { db, dir, connectionId: connection.id, engine };
}

/** Calls to HubSpot's company endpoints (search, upsert, contact → company associations). */
function companyCalls(byRoute: Record<string, number>): number {
  return Object.entries(byRoute).filter(([route]) => /objects\/companies|contacts\/companies/.test(route)).reduce((n, [, c]) => n + c, 0);
}

/** The steady-state bound: `limit` calls of 100 contacts per 10-second window. */
function boundContacts(limit: number, ms: number): number {
  return (limit * CONTACTS_PER_CALL * ms) / WINDOW_MS;
}

/**
 * HubSpot: the connection is configured with no rate limit of its own, so Ferry
 * starts at its default (100 / 10 s) and must pace at what the sandbox announces in
 * X-HubSpot-RateLimit-Max / -Interval-Milliseconds (`limit`), as a real portal does.
 */
async function hubspotRun(count: number, limit: number): Promise<void> {
  const sandbox = await startSandboxProcess('hubspot', ['--rate-limit', String(limit)]);
  process.env.FERRY_BENCH_HUBSPOT_TOKEN = sandbox.token;
  const s = await setup('hubspot', count, { baseUrl: sandbox.url, tokenEnv: 'FERRY_BENCH_HUBSPOT_TOKEN', auth: 'private-app' });
  try {
    const rssBefore = process.resourceUsage().maxRSS / 1024;
    const cpuBefore = process.cpuUsage();
    const first: RunSummary = await s.engine.syncNow(s.connectionId);
    const cpu = process.cpuUsage(cpuBefore);
    const peakRss = process.resourceUsage().maxRSS / 1024;
    const ms = first.finishedAt - first.startedAt;

    const t0 = performance.now();
    const again = await s.engine.syncNow(s.connectionId);
    const resyncMs = performance.now() - t0;

    const someone = s.db.prepare('SELECT id FROM contacts ORDER BY id LIMIT 1 OFFSET ?').pluck().get(Math.floor(count / 2)) as number;
    updateContact(s.db, someone, { title: 'Edited for the benchmark' }, { region: 'US' });
    const one = await s.engine.syncNow(s.connectionId);

    const requests = await sandbox.admin<{ total: number; rateLimited: number; byRoute: Record<string, number> }>('requests');
    // contact calls only: the company calls of the same push have their own scenario (hubspot-companies)
    const contactCalls = first.apiCalls - companyCalls(requests.byRoute);
    printTable(`HubSpot sandbox announcing ${limit} requests / 10 s (Ferry configured with none), ${count.toLocaleString('en-US')} contacts (first push: ${first.created} created, state ${first.state})`, [
      ['first push duration', `${(ms / 1000).toFixed(1)} s`, '', null],
      ['CPU of the pushing process (user + system)', `${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`, '', null],
      ['throughput / bound (announced limit × 100 per call)', `${((first.created * 1000) / ms).toFixed(0)} contacts/s`, '≥ 0.95', first.created / boundContacts(limit, ms)],
      // the pacing itself: every request the push made (company calls too) against the announced rate
      ['requests per second / announced limit (pacing, all calls)', `${((requests.total * 1000) / ms).toFixed(1)} /s of ${(limit / 10).toFixed(1)}`, '≥ 0.95', (requests.total * 1000) / ms / (limit / 10)],
      ['API calls per contact (first push, company calls not counted)', (contactCalls / count).toFixed(4), '≤ 0.0101', contactCalls / count / 0.0101],
      ['429 answers / requests', `${requests.rateLimited} / ${requests.total}`, '≤ 1 %', requests.total ? requests.rateLimited / requests.total / 0.01 : 0],
      ['re-sync with no changes: API calls', String(again.apiCalls), '0', null],
      ['re-sync with no changes: time', `${resyncMs.toFixed(0)} ms`, '≤ 1 s', resyncMs / 1000],
      ['one edited contact: API calls', String(one.apiCalls), '1', null],
      ['peak RSS of the pushing process', `${peakRss.toFixed(0)} MB (${rssBefore.toFixed(0)} MB before the push)`, '≤ 300 MB', peakRss / 300],
    ]);
  } finally {
    await s.engine.stop();
    s.db.close();
    fs.rmSync(s.dir, { recursive: true, force: true });
    await sandbox.stop();
  }
}

/**
 * HubSpot with the demo data's notes kept: notes are HubSpot objects of their own,
 * pooled across the contact batches of a push. Calls per contact counts every call
 * of the first push (properties, account, upserts, notes).
 */
async function hubspotNotesRun(count: number, limit: number): Promise<void> {
  const sandbox = await startSandboxProcess('hubspot', ['--rate-limit', String(limit)]);
  process.env.FERRY_BENCH_HUBSPOT_TOKEN = sandbox.token;
  const s = await setup('hubspot', count, { baseUrl: sandbox.url, tokenEnv: 'FERRY_BENCH_HUBSPOT_TOKEN', auth: 'private-app' }, false);
  try {
    const withNotes = s.db.prepare("SELECT COUNT(*) FROM contacts WHERE notes <> ''").pluck().get() as number;
    const first = await s.engine.syncNow(s.connectionId);
    const ms = first.finishedAt - first.startedAt;
    const requests = await sandbox.admin<{ total: number; rateLimited: number; byRoute: Record<string, number> }>('requests');
    const notes = requests.byRoute['POST /crm/v3/objects/notes/batch/create'] ?? 0;
    const upserts = requests.byRoute['POST /crm/v3/objects/contacts/batch/upsert'] ?? 0;
    printTable(`HubSpot sandbox announcing ${limit} requests / 10 s, ${count.toLocaleString('en-US')} demo contacts, ${withNotes.toLocaleString('en-US')} with notes (first push: ${first.created} created, state ${first.state})`, [
      ['first push duration', `${(ms / 1000).toFixed(1)} s`, '', null],
      ['API calls per contact, notes included (first push)', `${(first.apiCalls / count).toFixed(4)} (${upserts} upserts, ${notes} note creates)`, '≤ 0.0145', first.apiCalls / count / 0.0145],
      ['429 answers / requests', `${requests.rateLimited} / ${requests.total}`, '≤ 1 %', requests.total ? requests.rateLimited / requests.total / 0.01 : 0],
    ]);
    if (process.env.BENCH_VERBOSE) process.stdout.write(`${JSON.stringify(requests.byRoute)}\n`);
  } finally {
    await s.engine.stop();
    s.db.close();
    fs.rmSync(s.dir, { recursive: true, force: true });
    await sandbox.stop();
  }
}

/**
 * HubSpot companies on the demo data (15 companies): the first push finds or
 * creates each company once and associates every contact; the re-sync after an
 * edit that keeps the company makes no company call.
 */
async function hubspotCompaniesRun(count: number, limit: number): Promise<void> {
  const sandbox = await startSandboxProcess('hubspot', ['--rate-limit', String(limit)]);
  process.env.FERRY_BENCH_HUBSPOT_TOKEN = sandbox.token;
  const s = await setup('hubspot', count, { baseUrl: sandbox.url, tokenEnv: 'FERRY_BENCH_HUBSPOT_TOKEN', auth: 'private-app' });
  type Requests = { total: number; byRoute: Record<string, number> };
  try {
    const before = await sandbox.admin<Requests>('requests');
    const first = await s.engine.syncNow(s.connectionId);
    const afterFirst = await sandbox.admin<Requests>('requests');
    const firstCompanyCalls = companyCalls(afterFirst.byRoute) - companyCalls(before.byRoute);
    const edited = s.db.prepare('SELECT id FROM contacts ORDER BY id LIMIT 100').pluck().all() as number[];
    for (const id of edited) updateContact(s.db, id, { title: 'Edited for the benchmark' }, { region: 'US' });
    const resync = await s.engine.syncNow(s.connectionId);
    const afterResync = await sandbox.admin<Requests>('requests');
    const resyncCompanyCalls = companyCalls(afterResync.byRoute) - companyCalls(afterFirst.byRoute);
    const companies = await sandbox.admin<{ results: unknown[] }>('companies');
    printTable(`HubSpot companies, ${count.toLocaleString('en-US')} demo contacts of ${companies.results.length} companies (first push: ${first.created} created, state ${first.state})`, [
      ['company calls per contact (first push: search, upsert, associations)', `${(firstCompanyCalls / count).toFixed(4)} (${firstCompanyCalls} calls)`, '≤ 0.025', firstCompanyCalls / count / 0.025],
      ['all API calls per contact (first push, companies included)', (first.apiCalls / count).toFixed(4), '', null],
      ['re-sync of 100 edited contacts: company calls', String(resyncCompanyCalls), '0', null],
      ['re-sync of 100 edited contacts: API calls', String(resync.apiCalls), '1', null],
    ]);
  } finally {
    await s.engine.stop();
    s.db.close();
    fs.rmSync(s.dir, { recursive: true, force: true });
    await sandbox.stop();
  }
}

async function salesforceRun(count: number, withFerryId: boolean): Promise<void> {
  const sandbox = await startSandboxProcess('salesforce', withFerryId ? [] : ['--no-ferry-id']);
  process.env.FERRY_BENCH_SALESFORCE_TOKEN = sandbox.token;
  const s = await setup('salesforce', count, { baseUrl: sandbox.url, tokenEnv: 'FERRY_BENCH_SALESFORCE_TOKEN', object: 'Contact' }, false);
  try {
    const first = await s.engine.syncNow(s.connectionId);
    const ms = first.finishedAt - first.startedAt;
    const requests = await sandbox.admin<{ total: number; rateLimited: number }>('requests');
    printTable(`Salesforce sandbox, ${count.toLocaleString('en-US')} Contacts, ${withFerryId ? 'with' : 'without'} a Ferry_Id__c external id (first push: ${first.created} created, state ${first.state})`, [
      ['first push duration', `${(ms / 1000).toFixed(1)} s`, '', null],
      ['API calls per contact (first push)', (first.apiCalls / count).toFixed(4), '≤ 0.011', first.apiCalls / count / 0.011],
      // the sandbox, like Salesforce, limits by daily allocation, not per second: there is no pacing bound to compare with
      ['throughput', `${((first.created * 1000) / ms).toFixed(0)} contacts/s`, '', null],
      ['requests seen by the sandbox (429s)', `${requests.total} (${requests.rateLimited})`, '', null],
    ]);
  } finally {
    await s.engine.stop();
    s.db.close();
    fs.rmSync(s.dir, { recursive: true, force: true });
    await sandbox.stop();
  }
}

/**
 * Pipedrive: one request per contact (no batch endpoint for persons). The sandbox
 * announces `burst` requests per rolling 2 s in x-ratelimit-limit (120: Ultimate,
 * API token); Ferry starts at Lite's 20 and must follow it. The bound is
 * burst / 2 s requests; the daily token budget is set out of the way.
 */
async function pipedriveRun(count: number, burst: number): Promise<void> {
  const sandbox = await startSandboxProcess('pipedrive', ['--burst', String(burst), '--daily-budget', '100000000']);
  process.env.FERRY_BENCH_PIPEDRIVE_TOKEN = sandbox.token;
  const s = await setup('pipedrive', count, { baseUrl: sandbox.url, tokenEnv: 'FERRY_BENCH_PIPEDRIVE_TOKEN', auth: 'private-app' }, false);
  try {
    const before = await sandbox.admin<{ total: number }>('requests');
    const first = await s.engine.syncNow(s.connectionId);
    const ms = first.finishedAt - first.startedAt;
    const requests = await sandbox.admin<{ total: number; rateLimited: number; byRoute: Record<string, number> }>('requests');
    const pushCalls = requests.total - before.total;
    const boundPerSecond = burst / 2;
    printTable(`Pipedrive sandbox announcing ${burst} requests / 2 s (Ferry starts at 20), ${count.toLocaleString('en-US')} demo contacts (first push: ${first.created} created, state ${first.state})`, [
      ['first push duration', `${(ms / 1000).toFixed(1)} s`, '', null],
      ['API calls per contact (first push, look-up pages included)', `${(pushCalls / count).toFixed(4)} (${requests.byRoute['POST /api/v2/persons'] ?? 0} creates, ${requests.byRoute['GET /api/v2/persons'] ?? 0} list pages, ${requests.byRoute['GET /api/v2/persons/search'] ?? 0} searches)`, '≤ 1.03', pushCalls / count / 1.03],
      ['throughput / bound (announced burst ÷ 2 s)', `${((pushCalls * 1000) / ms).toFixed(1)} requests/s, ${((first.created * 1000) / ms).toFixed(1)} contacts/s`, '≥ 0.9', (pushCalls * 1000) / ms / boundPerSecond],
      ['429 answers / requests', `${requests.rateLimited} / ${requests.total}`, '≤ 1 %', requests.total ? requests.rateLimited / requests.total / 0.01 : 0],
    ]);
  } finally {
    await s.engine.stop();
    s.db.close();
    fs.rmSync(s.dir, { recursive: true, force: true });
    await sandbox.stop();
  }
}

async function zapierRun(count: number): Promise<void> {
  const sandbox = await startSandboxProcess('zapier');
  const s = await setup('zapier', count, { baseUrl: sandbox.hookUrl, sandbox: true });
  try {
    const first = await s.engine.syncNow(s.connectionId);
    const seconds = (first.finishedAt - first.startedAt) / 1000;
    const requests = await sandbox.admin<{ total: number; rateLimited: number }>('requests');
    printTable(`Zapier sandbox (30 requests/s per hook), ${count.toLocaleString('en-US')} contacts`, [
      ['deliveries', `${first.created + first.updated} in ${seconds.toFixed(1)} s`, '', null],
      ['deliveries per second / 30 per-hook limit', `${((first.created + first.updated) / seconds).toFixed(1)} /s`, '≤ 30', (first.created + first.updated) / seconds / 30],
      ['429 answers', String(requests.rateLimited), '0', null],
    ]);
  } finally {
    await s.engine.stop();
    s.db.close();
    fs.rmSync(s.dir, { recursive: true, force: true });
    await sandbox.stop();
  }
}

/**
 * Mailchimp documents no request rate, only "up to 10 simultaneous connections" per
 * account (Fundamentals → API limits) and 500 members per batch call. The bound is
 * therefore what 10 connections could carry if every one were always busy with a
 * full batch: 10 × 500 members / the sandbox's per-call service time (`serviceMs`, a
 * flat time per call whatever its size; Mailchimp publishes no call time, and real
 * batch calls take longer the fuller they are, so this is a bound on shape, not a
 * forecast of Mailchimp's speed). Ferry keeps 2 of the 10 connections for the
 * account's other apps, and a push of 500 contacts is two calls (those with consent
 * are subscribed, the rest added as non-subscribed: `update_existing` differs), so its
 * ceiling by design is about 8 × 250 / (10 × 500) = 0.4 of the bound, less Ferry's own
 * work on the push (planning, hashing, the sync log), which this machine measures.
 */
async function mailchimpRun(count: number, serviceMs: number): Promise<void> {
  const key = '0123456789abcdef0123456789abcdef-us1';
  const sandbox = await startSandboxProcess('mailchimp', ['--key', key, '--service-ms', String(serviceMs)]);
  process.env.FERRY_BENCH_MAILCHIMP_KEY = key;
  const s = await setup('mailchimp', count, { baseUrl: `${sandbox.url}/3.0`, audience: 'fe77e5a4d0', auth: 'api-key', tokenEnv: 'FERRY_BENCH_MAILCHIMP_KEY' }, false);
  try {
    // two in five have marketing consent, so both kinds of batch (subscribe, add as non-subscribed) are measured
    s.db.prepare("UPDATE contacts SET tags = json_insert(tags, '$[#]', 'marketing-consent') WHERE id % 5 < 2").run();
    const first = await s.engine.syncNow(s.connectionId);
    const ms = first.finishedAt - first.startedAt;
    const again = await s.engine.syncNow(s.connectionId);
    const requests = await sandbox.admin<{ total: number; rateLimited: number; byRoute: Record<string, number> }>('requests');
    const state = await sandbox.admin<{ peakConnections: number; members: { status: string }[] }>('state');
    const bound = (10 * 500 * 1000) / serviceMs;
    const written = first.created + first.updated;
    const subscribed = state.members.filter((m) => m.status === 'subscribed').length;
    printTable(`Mailchimp sandbox (10 simultaneous connections, ${serviceMs} ms per call), ${count.toLocaleString('en-US')} demo contacts (first push: ${first.created} created, ${first.quarantined} set aside, state ${first.state}; ${subscribed.toLocaleString('en-US')} subscribed)`, [
      ['first push duration', `${(ms / 1000).toFixed(1)} s`, '', null],
      ['API calls per contact (first push, merge fields included)', `${(first.apiCalls / count).toFixed(4)} (${requests.byRoute['POST /3.0/lists/:list'] ?? 0} batch calls)`, '≤ 0.0101', first.apiCalls / count / 0.0101],
      ['throughput (members written per second)', `${((written * 1000) / ms).toFixed(0)} /s`, '', null],
      ['fraction of the bound (10 connections × 500 members / call time)', `${((written * 1000) / ms / bound).toFixed(2)} of ${bound.toFixed(0)} /s`, '', null],
      ['most connections open at once / 10', String(state.peakConnections), '≤ 8', state.peakConnections / 8],
      ['429 answers / requests', `${requests.rateLimited} / ${requests.total}`, '0', null],
      ['re-sync with no changes: API calls', String(again.apiCalls), '0', null],
    ]);
  } finally {
    await s.engine.stop();
    s.db.close();
    fs.rmSync(s.dir, { recursive: true, force: true });
    await sandbox.stop();
  }
}

/**
 * A mapping change that touches one field (the demo data's "Lead source" custom
 * field, on about 30 % of contacts, moved to HubSpot's `industry`): only the
 * contacts with a value in it are queued and sent. Calls per contact of that
 * re-sync, against re-sending everyone (one upsert per 100 contacts).
 */
async function hubspotMappingRun(count: number, limit: number): Promise<void> {
  const sandbox = await startSandboxProcess('hubspot', ['--rate-limit', String(limit)]);
  process.env.FERRY_BENCH_HUBSPOT_TOKEN = sandbox.token;
  const s = await setup('hubspot', count, { baseUrl: sandbox.url, tokenEnv: 'FERRY_BENCH_HUBSPOT_TOKEN', auth: 'private-app' });
  try {
    const first = await s.engine.syncNow(s.connectionId);
    const withValue = s.db.prepare("SELECT count(*) FROM contacts WHERE json_extract(custom_fields, '$.\"Lead source\"') IS NOT NULL").pluck().get() as number;
    const t0 = performance.now();
    const { queued } = saveMapping(s.db, s.connectionId, { fields: { 'custom.Lead source': { target: 'industry' } } }, Date.now());
    const queueMs = performance.now() - t0;
    const after = await s.engine.syncNow(s.connectionId);
    const everyone = Math.ceil(count / CONTACTS_PER_CALL);
    printTable(`HubSpot: a mapping change touching one field (custom.Lead source → industry), ${count.toLocaleString('en-US')} contacts (first push ${first.created} created)`, [
      ['contacts with a value in the field', String(withValue), '', null],
      ['contacts queued by the change', String(queued), `= ${withValue}`, withValue ? queued / withValue : 0],
      ['time to save the mapping and queue them', `${queueMs.toFixed(0)} ms`, '≤ 1 s', queueMs / 1000],
      ['re-sync: contacts updated', String(after.updated), `= ${withValue}`, withValue ? after.updated / withValue : 0],
      ['re-sync: API calls (incl. one property listing)', String(after.apiCalls), `≤ ${Math.ceil(withValue / CONTACTS_PER_CALL) + 1}`, after.apiCalls / (Math.ceil(withValue / CONTACTS_PER_CALL) + 1)],
      ['re-sync: API calls per contact', (after.apiCalls / count).toFixed(4), `vs ${(everyone / count).toFixed(4)} re-sending all`, after.apiCalls / everyone],
    ]);
  } finally {
    await s.engine.stop();
    s.db.close();
    fs.rmSync(s.dir, { recursive: true, force: true });
    await sandbox.stop();
  }
}

/**
 * Zoho CRM: a Free-edition org (5 calls at once, 5,000 credits per 24 h; Zoho's
 * "API Limits") whose every call takes `serviceMs` to answer. Zoho documents no
 * request rate: its bound on throughput is concurrency, so the measure is the
 * average number of calls the org had in flight (the sandbox adds up the time
 * each call held a slot) against the edition's limit, and against Ferry's own
 * ceiling of 2 (ZOHO_CONCURRENCY, kept low on purpose to leave slots to the team).
 */
async function zohoRun(count: number, serviceMs: number): Promise<void> {
  const sandbox = await startSandboxProcess('zoho', ['--edition', 'free', '--service-ms', String(serviceMs)]);
  process.env.FERRY_BENCH_ZOHO_TOKEN = sandbox.token;
  const s = await setup('zoho', count, { baseUrl: sandbox.url, tokenEnv: 'FERRY_BENCH_ZOHO_TOKEN', region: 'com' });
  try {
    await sandbox.admin('requests');
    const before = await sandbox.admin<{ limits: { slotMs: number }; creditsUsed: number; requests: { total: number } }>('state');
    const first = await s.engine.syncNow(s.connectionId);
    const ms = first.finishedAt - first.startedAt;
    const after = await sandbox.admin<{ limits: { slotMs: number; concurrency: number; peakInFlight: number }; creditsUsed: number; requests: { total: number; rateLimited: number } }>('state');
    const inFlight = (after.limits.slotMs - before.limits.slotMs) / ms;
    const again = await s.engine.syncNow(s.connectionId);
    const someone = s.db.prepare('SELECT id FROM contacts ORDER BY id LIMIT 1 OFFSET ?').pluck().get(Math.floor(count / 2)) as number;
    updateContact(s.db, someone, { title: 'Edited for the benchmark' }, { region: 'US' });
    const one = await s.engine.syncNow(s.connectionId);
    const calls = after.requests.total - before.requests.total;
    printTable(`Zoho CRM sandbox, Free edition (5 calls at once, 5,000 credits / 24 h), ${serviceMs} ms per call, ${count.toLocaleString('en-US')} contacts (first push: ${first.created} created, state ${first.state})`, [
      ['first push duration', `${(ms / 1000).toFixed(1)} s (${((first.created * 1000) / ms).toFixed(0)} contacts/s)`, '', null],
      ['API calls per contact (first push, every call)', (calls / count).toFixed(4), '≤ 0.0101', calls / count / 0.0101],
      ['credits per contact (first push)', ((after.creditsUsed - before.creditsUsed) / count).toFixed(4), '0.1 (1 per 10 records)', null],
      ['throughput / documented bound (average calls in flight / the edition\'s 5)', `${inFlight.toFixed(2)} of ${after.limits.concurrency} (peak ${after.limits.peakInFlight})`, '', inFlight / after.limits.concurrency],
      ['throughput / Ferry\'s own ceiling (2 calls in flight)', inFlight.toFixed(2), '≥ 0.9 × 2', inFlight / 2],
      ['429 answers / requests', `${after.requests.rateLimited} / ${after.requests.total}`, '0', null],
      ['re-sync with no changes: API calls', String(again.apiCalls), '0', null],
      ['one edited contact: API calls', String(one.apiCalls), '1', null],
    ]);
  } finally {
    await s.engine.stop();
    s.db.close();
    fs.rmSync(s.dir, { recursive: true, force: true });
    await sandbox.stop();
  }
}

/**
 * Dynamics 365: upserts by the Ferry ID alternate key in $batch requests of 200.
 * The documented bound is the service protection request limit, 6,000 requests per
 * 5 minutes per user, where a $batch counts once (api-limits): 200 contacts per call
 * → 4,000 contacts/s. Calls per contact count every request of the first push,
 * the metadata reads of its prepare included.
 */
async function dynamicsRun(count: number): Promise<void> {
  const sandbox = await startSandboxProcess('dynamics');
  process.env.FERRY_BENCH_DYNAMICS_TOKEN = sandbox.token;
  const s = await setup('dynamics', count, { baseUrl: sandbox.url, tokenEnv: 'FERRY_BENCH_DYNAMICS_TOKEN' }, false);
  try {
    const afterConnect = (await sandbox.admin<{ total: number }>('requests')).total;
    const first = await s.engine.syncNow(s.connectionId);
    const ms = first.finishedAt - first.startedAt;
    const requests = await sandbox.admin<{ total: number; rateLimited: number }>('requests');
    const calls = requests.total - afterConnect;
    const boundPerSecond = (6_000 * 200) / 300;
    const perSecond = (first.created * 1000) / ms;
    printTable(`Dynamics 365 (Dataverse sandbox), ${count.toLocaleString('en-US')} demo contacts (first push: ${first.created} created, state ${first.state})`, [
      ['first push duration', `${(ms / 1000).toFixed(1)} s`, '', null],
      ['API calls per contact (first push; the metadata checks ran at connect)', `${(calls / count).toFixed(4)} (${calls} requests)`, '≤ 0.0055', calls / count / 0.0055],
      ['throughput / bound (6,000 requests per 5 min × 200 per $batch = 4,000 contacts/s)', `${perSecond.toFixed(0)} contacts/s`, '', perSecond / boundPerSecond],
      ['429 answers / requests', `${requests.rateLimited} / ${requests.total}`, '0', null],
    ]);
  } finally {
    await s.engine.stop();
    s.db.close();
    fs.rmSync(s.dir, { recursive: true, force: true });
    await sandbox.stop();
  }
}

/**
 * Each scenario runs in its own process, so "peak RSS" is that push's alone:
 * `tsx tests/bench/sync.bench.ts <scenario> <args>` runs one; no argument runs all.
 */
const scenarios: Record<string, (args: number[]) => Promise<void>> = {
  hubspot: ([count, limit]) => hubspotRun(count!, limit!),
  'hubspot-notes': ([count, limit]) => hubspotNotesRun(count!, limit!),
  'hubspot-companies': ([count, limit]) => hubspotCompaniesRun(count!, limit!),
  salesforce: ([count, ferryId]) => salesforceRun(count!, ferryId === 1),
  zapier: ([count]) => zapierRun(count!),
  mailchimp: ([count, serviceMs]) => mailchimpRun(count!, serviceMs!),
  'hubspot-mapping': ([count, limit]) => hubspotMappingRun(count!, limit!),
  pipedrive: ([count, burst]) => pipedriveRun(count!, burst!),
  zoho: ([count, serviceMs]) => zohoRun(count!, serviceMs!),
  dynamics: ([count]) => dynamicsRun(count!),
};

const [scenario, ...rest] = process.argv.slice(2);
if (scenario) {
  await scenarios[scenario]!(rest.map(Number));
} else {
  const small = process.env.BENCH_SYNC_SMALL ?? '10000';
  const runs: string[][] = [
    ['hubspot-notes', small, '190'],
    ['hubspot-companies', small, '190'],
    ['hubspot', small, '100'],
    // 190 / 10 s: Professional and Enterprise portals (250 with the API limit increase: BENCH_RAISED_LIMIT=250)
    ['hubspot', process.env.BENCH_SYNC_CONTACTS ?? '100000', process.env.BENCH_RAISED_LIMIT ?? '190'],
    ['salesforce', small, '0'],
    ['salesforce', small, '1'],
    ['zapier', process.env.BENCH_ZAPIER_CONTACTS ?? '600'],
    // 2 s per batch call: an assumed, not a published, Mailchimp call time
    ['mailchimp', small, process.env.BENCH_MAILCHIMP_SERVICE_MS ?? '2000'],
    ['hubspot-mapping', small, '190'],
    // 120 / 2 s: Ultimate plan, API token (pipedrive.readme.io/docs/core-api-concepts-rate-limiting)
    ['pipedrive', small, '120'],
    // 250 ms per call: a stand-in for Zoho's own time (the fraction does not depend on it while Ferry is not CPU-bound)
    ['zoho', small, process.env.BENCH_ZOHO_SERVICE_MS ?? '250'],
    ['dynamics', small],
  ];
  for (const args of runs) execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, ...args], { stdio: 'inherit' });
}
