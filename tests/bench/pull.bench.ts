// `npm run bench:pull`: a first pull of 10,000 HubSpot records against the sandbox
// at 100 requests / 10 s (in its own process), and an incremental pull with nothing
// changed. Prints numbers as ratios to their bound; asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConnectorRegistry } from '../../main/crm/registry';
import { InMemoryVault } from '../../main/secrets/memory-vault';
import { createCard } from '../../main/store/cards';
import { openDatabase } from '../../main/store/db';
import { createSyncEngine } from '../../main/sync/engine';
import { printTable } from './report';
import { startSandboxProcess } from './sandbox-process';

const RECORDS = 10_000;
const LIMIT = 100;
const WINDOW_MS = 10_000;

async function main(): Promise<void> {
  const sandbox = await startSandboxProcess('hubspot', ['--rate-limit', String(LIMIT)]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-bench-pull-'));
  const db = openDatabase(dir);
  const engine = createSyncEngine({ db, connectors: new ConnectorRegistry({ vault: new InMemoryVault() }) });
  try {
    // the team's records, written as people in HubSpot would (the admin route does not count against the API limit)
    const contacts = Array.from({ length: RECORDS }, (_, i) => ({ properties: { email: `person${i}@example.com`, firstname: `First${i}`, lastname: `Last${i}`, company: `Company ${i % 50}`, jobtitle: 'Buyer', phone: `+1415555${String(i).padStart(4, '0')}` } }));
    const seeded = await fetch(`${sandbox.url}/__sandbox/contacts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ contacts }) });
    if (!seeded.ok) throw new Error(`seeding failed: HTTP ${seeded.status}`);
    process.env.FERRY_BENCH_HUBSPOT_TOKEN = sandbox.token;
    const cardId = createCard(db, 'Bench').id;
    const c = await engine.connect({ cardId, kind: 'hubspot', config: { baseUrl: sandbox.url, tokenEnv: 'FERRY_BENCH_HUBSPOT_TOKEN', auth: 'private-app' } });
    engine.setDirection(c.id, 'pull');

    const first = await engine.pullNow(c.id);
    const firstMs = first.finishedAt - first.startedAt;
    // the bound for the calls made: every one of them paced at LIMIT per window
    const boundMs = (first.apiCalls / LIMIT) * WINDOW_MS;
    const echo = await engine.pullNow(c.id); // reads back the ferry_id stamps once
    const idle = await engine.pullNow(c.id);
    printTable(`HubSpot first pull of ${RECORDS.toLocaleString('en-US')} records at ${LIMIT} requests / 10 s`, [
      ['first pull: records read / created', `${first.read} / ${first.created}`, '10,000', first.created / RECORDS],
      ['first pull: time', `${(firstMs / 1000).toFixed(1)} s`, `${(boundMs / 1000).toFixed(1)} s`, firstMs / boundMs],
      ['first pull: API calls (list + ferry_id stamps)', String(first.apiCalls), '', null],
      ['first pull: calls per record', (first.apiCalls / RECORDS).toFixed(4), '≤ 0.02', first.apiCalls / RECORDS / 0.02],
      ['second pull (reads back the stamps): calls / applied', `${echo.apiCalls} / ${echo.updated + echo.created}`, '0 applied', null],
      // one search (archived contacts are read only when the connection takes deletes from HubSpot)
      ['incremental pull, nothing changed: calls', String(idle.apiCalls), '≤ 1', idle.apiCalls],
      ['incremental pull, nothing changed: applied', String(idle.updated + idle.created), '0', null],
    ]);
  } finally {
    await engine.stop();
    db.close();
    await sandbox.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => { console.error(error); process.exit(1); });
