import { describe, expect, it } from 'vitest';
import { startHubSpotSandbox } from '../../main/sandbox/hubspot/index';
import { openDatabase } from '../../main/store/db';
import { createCard } from '../../main/store/cards';
import { createConnection } from '../../main/store/connections';
import { createContact, listContacts, updateContact } from '../../main/store/contacts';
import { seedSampleContacts } from '../support/sample-contacts';
import { tempDir } from '../support/temp-dir';
import { runFerry } from '../support/run-ferry';
import { seededRandom } from '../../main/store/demo-data';

const TRIALS = Number(process.env.FERRY_CRASH_TRIALS ?? 50);
const TOKEN = 'pat-crash-test-token-42';

/** `ferry sync` in a child process, killed with SIGKILL after `killAfterMs` (unless it finished). */
const syncInChild = (dataDir: string, killAfterMs: number | null) => runFerry(['--data-dir', dataDir, 'sync'], { FERRY_HUBSPOT_TOKEN: TOKEN }, killAfterMs);

describe('crash safety: a sync killed at any point never duplicates and never loses a change', () => {
  it(`survives ${TRIALS} SIGKILLs at random points`, { timeout: 15 * 60_000 }, async () => {
    const seed = Number(process.env.FERRY_CRASH_SEED ?? Date.now() % 1_000_000);
    const random = seededRandom(seed);
    const sandbox = await startHubSpotSandbox({ port: 0, rateLimit: 100_000 });
    sandbox.admin.registerToken({ token: TOKEN });
    const dataDir = tempDir();
    const db = openDatabase(dataDir);
    const cardId = createCard(db, 'Crash test').id;
    createConnection(db, { cardId, kind: 'hubspot', label: 'HubSpot', config: { baseUrl: sandbox.url, tokenEnv: 'FERRY_HUBSPOT_TOKEN', auth: 'private-app' } });
    seedSampleContacts(db, cardId, 400);
    for (let i = 0; i < 20; i++) createContact(db, cardId, { firstName: `Nomail${i}`, lastName: 'Person', company: 'Paper Co', phones: [{ raw: `+1 212 555 01${String(i).padStart(2, '0')}` }] }, { region: 'US' });

    let killedMidSync = 0;
    try {
      // calibrate: how long one unkilled `ferry sync` of a trial's worth of edits takes here
      const first = await syncInChild(dataDir, null);
      expect(first.code, first.stderr).toBe(0);
      const edit = (trial: number): void => {
        const all = listContacts(db, cardId);
        for (let k = 0; k < 60; k++) {
          const c = all[Math.floor(random() * all.length)]!;
          const patch = random() < 0.3 && c.emails.length > 0
            ? { emails: [{ value: `moved.${trial}.${k}.${c.id}@example.net` }] }
            : { title: `Title ${trial}.${k}` };
          updateContact(db, c.id, patch, { region: 'US' });
        }
        createContact(db, cardId, { firstName: `New${trial}`, emails: [{ value: `new${trial}@example.org` }] }, { region: 'US' });
      };
      edit(-1);
      sandbox.admin.injectFault({ kind: 'latency', ms: 120, count: 1_000 });
      const t0 = Date.now();
      expect((await syncInChild(dataDir, null)).code).toBe(0);
      const typicalMs = Date.now() - t0;
      sandbox.admin.clearFaults();

      for (let trial = 0; trial < TRIALS; trial++) {
        // the rep keeps working between crashes: edits, e-mail changes, new contacts
        edit(trial);
        // latency stretches the sync so kills land before, during and after its requests
        sandbox.admin.injectFault({ kind: 'latency', ms: 120, count: 1_000 });

        const before = sandbox.admin.requests().total;
        const result = await syncInChild(dataDir, Math.floor(typicalMs * (0.4 + random() * 0.7)));
        const after = sandbox.admin.requests().total;
        sandbox.admin.clearFaults();
        if (result.signal === 'SIGKILL' && after > before) killedMidSync++;
        expect(result.signal === 'SIGKILL' || result.code === 0, `trial ${trial} (seed ${seed}): ${result.stderr}`).toBe(true);
      }

      // after the last crash, one clean sync brings the CRM up to date
      const final = await syncInChild(dataDir, null);
      expect(final.code, final.stderr).toBe(0);

      const local = listContacts(db, cardId);
      const remote = sandbox.admin.contacts();
      expect(remote).toHaveLength(local.length);
      const remoteByFerryId = new Map(remote.map((r) => [r.properties.ferry_id, r]));
      expect(remoteByFerryId.size).toBe(remote.length);
      for (const c of local) {
        const r = remoteByFerryId.get(c.uid);
        expect(r, `contact ${c.id} (seed ${seed}) is missing in HubSpot`).toBeDefined();
        expect(r?.properties.email ?? '').toBe(c.emails[0]?.value.toLowerCase() ?? '');
        expect(r?.properties.jobtitle ?? '').toBe(c.title);
      }
      // the kills must really have landed during syncs, or this test proves nothing
      expect(killedMidSync, `seed ${seed}`).toBeGreaterThanOrEqual(Math.min(10, Math.floor(TRIALS / 5)));
    } finally {
      db.close();
      await sandbox.close();
    }
  });
});
