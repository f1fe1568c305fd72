import { describe, expect, it } from 'vitest';
import { runChaos } from '../support/chaos';

const TRIALS = Number(process.env.FERRY_CRASH_TRIALS ?? 30);

/**
 * Zoho CRM: `ferry sync` (a real child process) killed at a random upsert and
 * phase — before the request left, after Zoho answered, after the answer was
 * delivered but before Ferry saved it — while the rep keeps editing. Recovery:
 * every record Ferry writes carries its Ferry Id (a unique field), and every
 * upsert checks Ferry_Id first, so a resend finds what the killed run wrote
 * whether or not its link was saved; nothing is ever searched, then created.
 */
describe('Zoho CRM crash safety: a sync killed at any point never duplicates and never loses a change', () => {
  it(`survives ${TRIALS} SIGKILLs of 'ferry sync' at random Zoho requests (before, answered, delivered)`, { timeout: 15 * 60_000 }, async () => {
    const seed = Number(process.env.FERRY_CRASH_SEED ?? Date.now() % 1_000_000);
    const r = await runChaos({ crm: 'zoho', trials: TRIALS, seed });
    const why = `seed ${seed}: ${JSON.stringify(r)}`;
    expect(r.unexpected, why).toBeNull();
    expect({ duplicates: r.duplicates, missing: r.missing, stale: r.stale }, why).toEqual({ duplicates: 0, missing: 0, stale: 0 });
    const mid = r.killsMidPush.before + r.killsMidPush.answered + r.killsMidPush.delivered;
    expect(mid, why).toBeGreaterThanOrEqual(Math.floor(TRIALS / 2));
    for (const phase of ['before', 'answered', 'delivered'] as const) expect(r.killsMidPush[phase], why).toBeGreaterThan(0);
  });
});
