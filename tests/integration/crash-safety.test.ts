import { describe, expect, it } from 'vitest';
import { runChaos } from '../support/chaos';

const TRIALS = Number(process.env.FERRY_CRASH_TRIALS ?? 50);

describe('crash safety: a sync killed at any point never duplicates and never loses a change', () => {
  it(`survives ${TRIALS} SIGKILLs of 'ferry sync' at random CRM requests (before, answered, delivered)`, { timeout: 15 * 60_000 }, async () => {
    const seed = Number(process.env.FERRY_CRASH_SEED ?? Date.now() % 1_000_000);
    const r = await runChaos({ crm: 'hubspot', trials: TRIALS, seed });
    const why = `seed ${seed}: ${JSON.stringify(r)}`;
    expect(r.unexpected, why).toBeNull();
    expect({ duplicates: r.duplicates, missing: r.missing, stale: r.stale, duplicateNotes: r.duplicateNotes }, why).toEqual({ duplicates: 0, missing: 0, stale: 0, duplicateNotes: 0 });
    // the kills must really have landed during pushes, in every phase, or this test proves nothing
    const mid = r.killsMidPush.before + r.killsMidPush.answered + r.killsMidPush.delivered;
    expect(mid, why).toBeGreaterThanOrEqual(Math.floor(TRIALS / 2));
    if (TRIALS >= 30) for (const phase of ['before', 'answered', 'delivered'] as const) expect(r.killsMidPush[phase], why).toBeGreaterThan(0);
  });
});
