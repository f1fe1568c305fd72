import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { startPipedriveSandbox } from '../../main/sandbox/pipedrive/index';
import { startSalesforceSandbox } from '../../main/sandbox/salesforce/index';
import { startZohoSandbox } from '../../main/sandbox/zoho/index';
import { createCard } from '../../main/store/cards';
import { createConnection, type ConnectionKind } from '../../main/store/connections';
import { createContact, listContacts, updateContact } from '../../main/store/contacts';
import { openDatabase, type Db } from '../../main/store/db';
import { seededRandom } from '../../main/store/demo-data';
import { KILL_PHASES, startKillSwitchProxy, type KillPhase } from './kill-switch-proxy';
import { spawnFerry, type FerryRun } from './run-ferry';
import { seedSampleContacts } from './sample-contacts';

export type ChaosCrm = 'hubspot' | 'salesforce' | (string & {});

export interface ChaosOptions {
  crm: ChaosCrm;
  trials: number;
  seed: number;
  /** contacts with an e-mail at the start (20 more have none) */
  contacts?: number;
  /** contacts the rep adds before each trial (default 1): creates are where a CRM without upsert can double */
  newPerTrial?: number;
  /** the CRM to run against when it is not one of the built-in ones (a destination's own test brings it) */
  target?: () => Promise<CrmUnderTest>;
}

export interface ChaosResult {
  crm: ChaosCrm;
  seed: number;
  trials: number;
  /** kills that landed after the push had started talking to the CRM, by phase */
  killsMidPush: Record<KillPhase, number>;
  /** trials where `ferry sync` finished before its kill point came */
  finished: number;
  /** CRM records beyond one per contact */
  duplicates: number;
  /** contacts the CRM does not hold after the final clean sync */
  missing: number;
  /** contacts whose CRM record does not hold their latest e-mail and title */
  stale: number;
  /** HubSpot: notes beyond one per contact on a record's timeline (notes have no upsert key) */
  duplicateNotes: number;
  /** API requests the CRM saw across all trials */
  requests: number;
  /** a failure that was neither a kill nor a clean exit (stderr of the first) */
  unexpected: string | null;
}

export interface CrmUnderTest {
  url: string;
  /** one entry per CRM record: the Ferry id it carries, its e-mail, its title, how many Ferry notes it has */
  records(): { ferryId: string | undefined; email: string; title: string; notes: number }[];
  close(): Promise<void>;
  /** the connection's settings (the token itself travels in the environment) */
  config: Record<string, unknown>;
  tokenEnv: string;
}

export const CHAOS_TOKEN = 'chaos-test-token-0123456789';
const TOKEN = CHAOS_TOKEN;

async function crmUnderTest(crm: ChaosCrm): Promise<CrmUnderTest> {
  if (crm === 'hubspot') {
    const sandbox = await startHubSpotSandbox({ port: 0, rateLimit: 100_000 });
    sandbox.admin.registerToken({ token: TOKEN });
    return {
      url: sandbox.url,
      tokenEnv: 'FERRY_HUBSPOT_TOKEN',
      config: { auth: 'private-app' },
      records: () => sandbox.admin.contacts().map((r) => ({
        ferryId: r.properties.ferry_id, email: r.properties.email ?? '', title: r.properties.jobtitle ?? '', notes: sandbox.admin.notesForContact(r.id).length,
      })),
      close: () => sandbox.close(),
    };
  }
  if (crm === 'pipedrive') {
    const sandbox = await startPipedriveSandbox({ port: 0, token: TOKEN, limits: { burst: 100_000, searchBurst: 100_000, dailyBudget: 1_000_000_000 } });
    const key = (name: string): string => sandbox.admin.fieldKey(name) ?? '';
    return {
      url: sandbox.url,
      tokenEnv: 'FERRY_PIPEDRIVE_TOKEN',
      config: { auth: 'private-app' },
      // the title travels in the "Ferry details" block; notes too (one field: they cannot be duplicated)
      records: () => sandbox.admin.persons().map((p) => ({
        ferryId: p.custom_fields[key('Ferry ID')] ?? undefined,
        email: p.emails[0]?.value ?? '',
        title: /^Title: (.*)$/m.exec(p.custom_fields[key('Ferry details')] ?? '')?.[1] ?? '',
        notes: 0,
      })),
      close: () => sandbox.close(),
    };
  }
  if (crm === 'zoho') {
    // an Ultimate org: credits and concurrency never refuse a trial
    const sandbox = await startZohoSandbox({ port: 0, token: TOKEN, edition: 'ultimate', licences: 100 });
    return {
      url: sandbox.url,
      tokenEnv: 'FERRY_ZOHO_TOKEN',
      config: { region: 'com' },
      // notes go to the record's Description (one field): they cannot be duplicated
      records: () => sandbox.admin.contacts().map((r) => ({ ferryId: r.fields.Ferry_Id, email: r.fields.Email ?? '', title: r.fields.Title ?? '', notes: 0 })),
      close: () => sandbox.close(),
    };
  }
  // an org with the Ferry_Id__c external id: the crash-safe upsert key README asks admins to add
  const sandbox = await startSalesforceSandbox({ port: 0, token: TOKEN, dailyLimit: 10_000_000 });
  return {
    url: sandbox.url,
    tokenEnv: 'FERRY_SALESFORCE_TOKEN',
    config: { object: 'Contact' },
    // notes go to the record's Description (one field): they cannot be duplicated
    records: () => sandbox.admin.records('Contact').map((r) => ({ ferryId: r.fields.Ferry_Id__c, email: r.fields.Email ?? '', title: r.fields.Title ?? '', notes: 0 })),
    close: () => sandbox.close(),
  };
}

/** The rep keeps working between crashes: edits, e-mail changes, a new contact with and without e-mail. */
function edit(db: Db, cardId: number, trial: number, random: () => number, newPerTrial = 1): void {
  const all = listContacts(db, cardId);
  for (let k = 0; k < 60; k++) {
    const c = all[Math.floor(random() * all.length)]!;
    const dice = random();
    const patch = dice < 0.3 && c.emails.length > 0 ? { emails: [{ value: `moved.${trial}.${k}.${c.id}@example.net` }] }
      // a first note for a contact that had none: HubSpot creates a note object, which has no upsert key
      : dice < 0.45 && c.notes === '' ? { notes: `Met at trial ${trial}` }
      : { title: `Title ${trial}.${k}` };
    updateContact(db, c.id, patch, { region: 'US' });
  }
  for (let n = 0; n < newPerTrial; n++) {
    const tag = n === 0 ? `${trial}` : `${trial}.${n}`;
    createContact(db, cardId, { firstName: `New${tag}`, emails: [{ value: `new${tag}@example.org` }], notes: `Added in trial ${trial}` }, { region: 'US' });
  }
  if (trial % 5 === 0) createContact(db, cardId, { firstName: `Nomail${trial}`, lastName: 'Later', company: 'Paper Co' }, { region: 'US' });
}

/**
 * Kills `ferry sync` (a real child process) again and again at a random CRM
 * request and phase, while the data keeps changing, then syncs once cleanly
 * and compares the CRM with Ferry: one up-to-date record per contact, or the
 * counts of what went wrong. Every kill is keyed to the proxy's request count,
 * never to time, so the result does not depend on the machine's speed.
 */
export async function runChaos(o: ChaosOptions): Promise<ChaosResult> {
  const random = seededRandom(o.seed);
  const crm = await (o.target ? o.target() : crmUnderTest(o.crm));
  const proxy = await startKillSwitchProxy(crm.url);
  // not tempDir(): this runs in benchmarks too, outside vitest
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-chaos-'));
  const db = openDatabase(dataDir);
  const env = { [crm.tokenEnv]: TOKEN };
  const result: ChaosResult = {
    crm: o.crm, seed: o.seed, trials: o.trials, killsMidPush: { before: 0, answered: 0, delivered: 0 },
    finished: 0, duplicates: 0, missing: 0, stale: 0, duplicateNotes: 0, requests: 0, unexpected: null,
  };
  const sync = (): { done: Promise<FerryRun>; kill: () => void } => {
    const { child, done } = spawnFerry(['--data-dir', dataDir, 'sync'], env);
    return { done, kill: () => child.kill('SIGKILL') };
  };
  try {
    const cardId = createCard(db, 'Chaos').id;
    createConnection(db, { cardId, kind: o.crm as ConnectionKind, label: o.crm, config: { ...crm.config, baseUrl: proxy.url, tokenEnv: crm.tokenEnv } });
    seedSampleContacts(db, cardId, o.contacts ?? 400);
    for (let i = 0; i < 20; i++) createContact(db, cardId, { firstName: `Nomail${i}`, lastName: 'Person', company: 'Paper Co', phones: [{ raw: `+1 212 555 01${String(i).padStart(2, '0')}` }] }, { region: 'US' });
    // a first push, unkilled, tells how many requests one sync of a trial's edits takes
    const first = await sync().done;
    if (first.code !== 0) throw new Error(`the first sync failed: ${first.stderr}`);
    edit(db, cardId, -1, random, o.newPerTrial);
    const before = proxy.requests;
    const typical = await sync().done;
    if (typical.code !== 0) throw new Error(`a clean sync failed: ${typical.stderr}`);
    const requestsPerSync = Math.max(1, proxy.requests - before);

    for (let trial = 0; trial < o.trials; trial++) {
      edit(db, cardId, trial, random, o.newPerTrial);
      const run = sync();
      // somewhere from the first request to a little past the last one a sync usually makes
      const at = 1 + Math.floor(random() * (requestsPerSync + 1));
      const phase = KILL_PHASES[Math.floor(random() * KILL_PHASES.length)]!;
      let killed = false;
      proxy.arm(at, phase, () => { killed = true; run.kill(); });
      const outcome = await run.done;
      proxy.disarm();
      if (killed && outcome.signal === 'SIGKILL') result.killsMidPush[phase]++;
      else if (outcome.code === 0) result.finished++;
      else result.unexpected ??= `trial ${trial}: ${outcome.stderr || `exit ${outcome.code} ${outcome.signal}`}`;
    }

    const final = await sync().done;
    if (final.code !== 0) result.unexpected ??= `final sync: ${final.stderr}`;
    const local = listContacts(db, cardId);
    const remote = crm.records();
    const byFerryId = new Map<string, (typeof remote)[number]>();
    for (const r of remote) if (r.ferryId) byFerryId.set(r.ferryId, r);
    for (const r of remote) result.duplicateNotes += Math.max(0, r.notes - 1);
    result.duplicates = remote.length - byFerryId.size + Math.max(0, byFerryId.size - local.length);
    for (const c of local) {
      const r = byFerryId.get(c.uid);
      if (!r) result.missing++;
      else if (r.email.toLowerCase() !== (c.emails[0]?.value.toLowerCase() ?? '') || r.title !== c.title) result.stale++;
    }
    result.requests = proxy.requests;
    return result;
  } finally {
    db.close();
    await proxy.close();
    await crm.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
