import { describe, expect, it } from 'vitest';
import { startDynamicsSandbox } from '../../main/sandbox/dynamics/index';
import { CHAOS_TOKEN, runChaos, type CrmUnderTest } from '../support/chaos';

const TRIALS = Number(process.env.FERRY_CRASH_TRIALS ?? 30);

/**
 * How a crash at each point is recovered: every contact is written by
 * `PATCH contacts(<prefix>_ferryid='<Ferry's id>')` inside a `$batch` — an upsert
 * by an alternate key. Killed before the batch reaches Dataverse: nothing
 * happened, the outbox still holds the contacts. Killed after Dataverse wrote
 * them but before Ferry heard (or saved) the answer: the next run sends the same
 * keys again and Dataverse updates the rows the first batch created. No search,
 * no "create then link" window, so no kill point can make a second row.
 */
async function dataverse(): Promise<CrmUnderTest> {
  const sandbox = await startDynamicsSandbox({ port: 0, token: CHAOS_TOKEN });
  return {
    url: sandbox.url,
    tokenEnv: 'FERRY_DYNAMICS_TOKEN',
    config: {},
    records: () => sandbox.admin.contacts().map((r) => ({
      ferryId: r.fields.cr8f2_ferryid ?? undefined, email: r.fields.emailaddress1 ?? '', title: r.fields.jobtitle ?? '', notes: 0,
    })),
    close: () => sandbox.close(),
  };
}

describe('crash safety with Dynamics 365: a sync killed at any point never duplicates and never loses a change', () => {
  it(`survives ${TRIALS} SIGKILLs of 'ferry sync' at random Dataverse requests (before, answered, delivered)`, { timeout: 15 * 60_000 }, async () => {
    const seed = Number(process.env.FERRY_CRASH_SEED ?? Date.now() % 1_000_000);
    const r = await runChaos({ crm: 'dynamics', trials: TRIALS, seed, target: dataverse });
    const why = `seed ${seed}: ${JSON.stringify(r)}`;
    expect(r.unexpected, why).toBeNull();
    expect({ duplicates: r.duplicates, missing: r.missing, stale: r.stale }, why).toEqual({ duplicates: 0, missing: 0, stale: 0 });
    const mid = r.killsMidPush.before + r.killsMidPush.answered + r.killsMidPush.delivered;
    expect(mid, why).toBeGreaterThanOrEqual(Math.floor(TRIALS / 2));
    if (TRIALS >= 30) for (const phase of ['before', 'answered', 'delivered'] as const) expect(r.killsMidPush[phase], why).toBeGreaterThan(0);
  });
});
