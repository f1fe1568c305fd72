import { describe, expect, it } from 'vitest';
import { runChaos } from '../support/chaos';

const TRIALS = Number(process.env.FERRY_CRASH_TRIALS ?? 24);

/**
 * Pipedrive has no upsert: Ferry creates a person with its Ferry ID and saves
 * the link after the answer. A real `ferry sync` process is SIGKILLed at a
 * random request (keyed to the proxy's request count, never to time) before
 * Pipedrive saw it, after Pipedrive answered but before Ferry heard it, and
 * after Ferry heard it but before it saved the link; the next run must find
 * every person it created by the Ferry ID and never create a second one.
 */
describe('Pipedrive crash safety: a sync killed at any point never duplicates and never loses a change', () => {
  it(`survives ${TRIALS} SIGKILLs of 'ferry sync' at random Pipedrive requests (before, answered, delivered)`, { timeout: 15 * 60_000 }, async () => {
    const seed = Number(process.env.FERRY_CRASH_SEED ?? Date.now() % 1_000_000);
    const r = await runChaos({ crm: 'pipedrive', trials: TRIALS, seed, contacts: 150, newPerTrial: 40 });
    const why = `seed ${seed}: ${JSON.stringify(r)}`;
    expect(r.unexpected, why).toBeNull();
    expect({ duplicates: r.duplicates, missing: r.missing, stale: r.stale }, why).toEqual({ duplicates: 0, missing: 0, stale: 0 });
    const mid = r.killsMidPush.before + r.killsMidPush.answered + r.killsMidPush.delivered;
    expect(mid, why).toBeGreaterThanOrEqual(Math.floor(TRIALS / 2));
    for (const phase of ['before', 'answered', 'delivered'] as const) expect(r.killsMidPush[phase], why).toBeGreaterThan(0);
  });
});
