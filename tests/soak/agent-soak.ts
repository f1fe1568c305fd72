// `npm run soak:agent`: `ferry agent` (a real child process) runs for
// FERRY_SOAK_MINUTES (default 10) with an Automatic HubSpot and an Automatic
// Salesforce connection while this process creates, edits and deletes contacts
// in the same data folder, and the sandboxes answer 503s and hold Salesforce
// records (UNABLE_TO_LOCK_ROW, a per-record retry). Then it waits for the queue
// to drain and prints: runs, runs without work (must be 0), API calls, retries
// with backoff, and whether every surviving contact is in each CRM exactly once.
// Prints numbers; asserts nothing.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { startSalesforceSandbox } from '../../main/sandbox/salesforce/index';
import { listConnections } from '../../main/store/connections';
import { createContact, deleteContact, listContacts, updateContact } from '../../main/store/contacts';
import { defaultCard } from '../../main/store/cards';
import { openDatabase } from '../../main/store/db';
import { seededRandom } from '../../main/store/demo-data';
import { countOutbox } from '../../main/store/outbox';
import { runFerry, FERRY_BIN } from '../support/run-ferry';
import { printTable } from '../bench/report';

const minutes = Number(process.env.FERRY_SOAK_MINUTES ?? 10);
const TOKEN = 'soak-token-0123456789abcdef';
const env = { FERRY_HUBSPOT_TOKEN: TOKEN, FERRY_SALESFORCE_TOKEN: TOKEN };
const random = seededRandom(Number(process.env.FERRY_SOAK_SEED ?? 7));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const hubspot = await startHubSpotSandbox({ port: 0, token: TOKEN });
const salesforce = await startSalesforceSandbox({ port: 0, token: TOKEN, dailyLimit: 10_000_000 });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-soak-'));
for (const args of [
  ['connect', 'hubspot', '--base-url', hubspot.url, '--mode', 'automatic'],
  ['connect', 'salesforce', '--instance-url', salesforce.url, '--mode', 'automatic'],
]) {
  const r = await runFerry(['--data-dir', dir, ...args], env);
  if (r.code !== 0) throw new Error(r.stderr);
}
const agent = spawn(process.execPath, [FERRY_BIN, '--data-dir', dir, 'agent'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
let agentLog = '';
agent.stderr.on('data', (d: Buffer) => { agentLog += d.toString(); });

const db = openDatabase(dir);
const cardId = defaultCard(db).id;
const ops = { created: 0, edited: 0, deleted: 0, outages: 0, lockedRows: 0 };
const end = Date.now() + minutes * 60_000;
let nextOutage = Date.now() + 20_000;
let nextLock = Date.now() + 15_000;
let n = 0;
while (Date.now() < end) {
  const live = listContacts(db, cardId);
  const dice = random();
  if (dice < 0.55 || live.length < 20) {
    createContact(db, cardId, { firstName: `Soak${n}`, lastName: 'Person', emails: [{ value: `soak${n}@example.org` }], company: 'Soak Co' }, { region: 'US' });
    ops.created++;
    n++;
  } else if (dice < 0.9) {
    const c = live[Math.floor(random() * live.length)]!;
    updateContact(db, c.id, { title: `Title ${n++}` }, { region: 'US' });
    ops.edited++;
  } else {
    deleteContact(db, live[Math.floor(random() * live.length)]!.id);
    ops.deleted++;
  }
  if (Date.now() > nextOutage) {
    for (const s of [hubspot, salesforce]) s.admin.injectFault({ kind: 'status', status: 503, count: 3 });
    ops.outages++;
    nextOutage = Date.now() + 20_000;
  }
  if (Date.now() > nextLock) {
    salesforce.admin.lockRows(3);
    ops.lockedRows += 3;
    nextLock = Date.now() + 15_000;
  }
  await sleep(150 + random() * 300);
}

// let the agent drain what is left (retries wait out their backoff)
const drainStart = Date.now();
const pendingNow = (): number => listConnections(db).reduce((sum, c) => sum + countOutbox(db, c.id).pending, 0);
while (pendingNow() > 0 && Date.now() - drainStart < 10 * 60_000) await sleep(1000);
agent.kill('SIGINT');
await new Promise((r) => agent.once('exit', r));

const runs = db.prepare('SELECT COUNT(*) AS runs, COALESCE(SUM(planned = 0), 0) AS empty, COALESCE(SUM(api_calls), 0) AS calls FROM sync_runs').get() as { runs: number; empty: number; calls: number };
const retries = db.prepare(`SELECT COUNT(*) AS n FROM sync_events WHERE outcome = 'failed' AND message LIKE '%will send it again in%'`).get() as { n: number };
const setAside = listConnections(db).reduce((sum, c) => sum + countOutbox(db, c.id).quarantined, 0);
const live = listContacts(db, cardId);
const inHubSpot = new Map<string, number>();
for (const r of hubspot.admin.contacts()) inHubSpot.set(r.properties.ferry_id ?? '', (inHubSpot.get(r.properties.ferry_id ?? '') ?? 0) + 1);
const inSalesforce = new Map<string, number>();
for (const r of salesforce.admin.records('Contact')) inSalesforce.set(r.fields.Ferry_Id__c ?? '', (inSalesforce.get(r.fields.Ferry_Id__c ?? '') ?? 0) + 1);
const exactlyOnce = (m: Map<string, number>) => live.filter((c) => m.get(c.uid) === 1).length;

printTable(`ferry agent soak: ${minutes} min, seed ${process.env.FERRY_SOAK_SEED ?? 7}`, [
  ['contacts created / edited / deleted', `${ops.created} / ${ops.edited} / ${ops.deleted}`, '', null],
  ['503 outages injected (3 answers each, both CRMs)', String(ops.outages), '', null],
  ['Salesforce records held (UNABLE_TO_LOCK_ROW)', String(ops.lockedRows), '', null],
  ['sync runs', String(runs.runs), '', null],
  ['runs without work', String(runs.empty), '0', null],
  ['API calls (runs)', String(runs.calls), '', null],
  ['requests the CRMs saw (HubSpot + Salesforce)', String(hubspot.admin.requests().total + salesforce.admin.requests().total), '', null],
  ['per-record retries logged with their backoff', String(retries.n), '', null],
  ['records set aside after 8 tries', String(setAside), '0', null],
  ['pending after the drain', String(pendingNow()), '0', null],
  ['surviving contacts exactly once in HubSpot', `${exactlyOnce(inHubSpot)} of ${live.length}`, 'all', null],
  ['surviving contacts exactly once in Salesforce', `${exactlyOnce(inSalesforce)} of ${live.length}`, 'all', null],
]);
if (agentLog.trim()) console.log(`\nagent stderr (last lines):\n${agentLog.trim().split('\n').slice(-5).join('\n')}`);
db.close();
await hubspot.close();
await salesforce.close();
fs.rmSync(dir, { recursive: true, force: true });
