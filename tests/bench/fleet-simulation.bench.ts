// `npm run bench:fleet-sim`: the fleet's pacing in virtual time (tests/support/fleet-simulation.ts),
// in a second, at the round trips the unit tests use and at the ones twenty real `ferry agent`
// processes see on the shared 2-core machine (bench:fleet's trace: p10 150 ms, median 680 ms,
// p90 1.7 s). Prints numbers; asserts nothing. Use it to try a pacing change before bench:fleet.
// Each scenario also prints what laptops that saw the portal's window exactly would reach
// (tests/support/fleet-oracle.ts): first come first served, and the one with most left first.
// Since companies are linked, a bench:fleet laptop makes about 25 calls (an association call per
// upsert), so its pacing runs through several windows; the 25-call rows are the ones to watch.
// "Counted anywhere in the round trip": the portal counts a request at a random point of its
// round trip rather than the middle the limiter assumes, as on a loaded machine; at 20–300 ms
// it reproduces bench:fleet's refusals on a quiet machine (about 10–20 per 1,000 requests, each
// where a window's opening burst expires and every laptop reuses its slots at once).
// "Work before a call": the agents answer in milliseconds but call again up to a second later
// (saving the batch, planning the next); what is on its way spans that whole cycle.
// "Laptops of different speeds": each laptop's work between calls is scaled by its own factor
// (×1/3 to ×3, drawn once): twenty agents on a loaded machine do not get the same CPU. It is
// the row that reproduces bench:fleet's tail (windows 97 95 92 94 61 23; laptops ended
// 22 / 37 / 52–58 s): its rows print the windows and the finishing times of seed 1.
// "Starved of CPU for their first seconds": bench:fleet on a quiet machine (0.84–0.86; most first
// round trips 0.2–0.7 s, a few 1–4 s): a laptop slow in the first seconds of the race for the window
// holds 1–2 slots until the others finish, and ends last.
import { oracleBoundRatio } from '../support/fleet-oracle';
import { simulateFleet, type FleetScenario } from '../support/fleet-simulation';

const SEEDS = [1, 2, 3, 4, 5, 6];
const between = (lo: number, hi: number) => (random: () => number): number => lo + random() * (hi - lo);
/** bench:fleet's agents between an answer and their next call: an association call at once, the next batch after saving (p50 60 ms, p75 364 ms) */
const benchThink = (random: () => number): number => (random() < 0.5 ? between(5, 50)(random) : between(300, 1_000)(random));

/** a laptop's own speed, ×1/k to ×k (log-uniform), drawn once */
const paceWithin = (k: number) => (_i: number, random: () => number): number => Math.exp(Math.log(k) * (2 * random() - 1));

const scenarios: [string, Omit<FleetScenario, 'seed'>][] = [
  ['20 laptops × 12 calls, start within 3 s, 20–300 ms (the unit test)', { laptops: 20, calls: 12, limit: 100, windowMs: 10_000, startMs: (_i, r) => r() * 3_000, latencyMs: between(20, 300) }],
  ['20 laptops × 12 calls, start within 0.5 s, 150–1,700 ms (bench:fleet)', { laptops: 20, calls: 12, limit: 100, windowMs: 10_000, startMs: (_i, r) => r() * 500, latencyMs: between(150, 1_700) }],
  ['20 laptops × 12 calls, start within 3 s, 150–1,700 ms (staggered)', { laptops: 20, calls: 12, limit: 100, windowMs: 10_000, startMs: (_i, r) => r() * 3_000, latencyMs: between(150, 1_700) }],
  ['20 laptops × 12 calls, start within 10 s (back online), 150–1,700 ms', { laptops: 20, calls: 12, limit: 100, windowMs: 10_000, startMs: (_i, r) => r() * 10_000, latencyMs: between(150, 1_700) }],
  ['20 laptops × 25 calls, start within 0.5 s, 150–1,700 ms (bench:fleet since companies)', { laptops: 20, calls: 25, limit: 100, windowMs: 10_000, startMs: (_i, r) => r() * 500, latencyMs: between(150, 1_700) }],
  ['20 laptops × 25 calls, start within 0.5 s, 150–1,700 ms, counted anywhere in the round trip', { laptops: 20, calls: 25, limit: 100, windowMs: 10_000, startMs: (_i, r) => r() * 500, latencyMs: between(150, 1_700), wayOutShare: (r) => r() }],
  ['20 laptops × 25 calls, start within 0.5 s, 20–300 ms, counted anywhere in the round trip', { laptops: 20, calls: 25, limit: 100, windowMs: 10_000, startMs: (_i, r) => r() * 500, latencyMs: between(20, 300), wayOutShare: (r) => r() }],
  ['20 laptops × 25 calls, start within 0.5 s, 0.5–5 s counted early in the round trip (CPU-starved laptops, bench:fleet at load 15–27)', { laptops: 20, calls: 25, limit: 100, windowMs: 10_000, startMs: (_i, r) => r() * 500, latencyMs: between(500, 5_000), wayOutShare: (r) => 0.2 * r() }],
  ['20 laptops × 23 calls, start within 0.5 s, 5–100 ms, counted anywhere, half the calls after 0.3–1 s of work (bench:fleet: 462 windowed calls and its agents’ pauses)', { laptops: 20, calls: 23, limit: 100, windowMs: 10_000, startMs: (_i, r) => r() * 500, latencyMs: between(5, 100), wayOutShare: (r) => r(), thinkMs: benchThink }],
  ['20 laptops × 23 calls, start within 0.5 s, 5–100 ms, counted anywhere, 0.2–0.8 s of work before every call', { laptops: 20, calls: 23, limit: 100, windowMs: 10_000, startMs: (_i, r) => r() * 500, latencyMs: between(5, 100), wayOutShare: (r) => r(), thinkMs: between(200, 800) }],
  ['20 laptops × 23 calls as bench:fleet, laptops of different speeds (work between calls ×1/3–×3)', { laptops: 20, calls: 23, limit: 100, windowMs: 10_000, startMs: (_i, r) => r() * 500, latencyMs: between(5, 100), wayOutShare: (r) => r(), thinkMs: benchThink, paceOf: paceWithin(3) }],
  ['20 laptops × 24 calls as bench:fleet, speeds ×1/2–×2, a few agents starved of CPU for their first seconds (bench:fleet on a quiet machine)', { laptops: 20, calls: 24, limit: 100, windowMs: 10_000, startMs: (_i, r) => r() * 500, latencyMs: between(5, 100), wayOutShare: (r) => r(), thinkMs: benchThink, paceOf: paceWithin(2), startupMs: (_i, r) => r() ** 2 * 4_000 }],
  ['5 laptops × 200 calls, start together, 20–300 ms', { laptops: 5, calls: 200, limit: 100, windowMs: 10_000, startMs: () => 0, latencyMs: between(20, 300) }],
];

console.log('\nFleet pacing, simulated portal at 100 requests / 10 s; per seed: ratio to the bound / 429s / busiest window');
for (const [name, scenario] of scenarios) {
  const results = await Promise.all(SEEDS.map((seed) => simulateFleet({ ...scenario, seed })));
  const ratios = results.map((r) => r.boundRatio);
  const refusals = results.reduce((n, r) => n + r.refused, 0);
  const requests = results.reduce((n, r) => n + r.requests, 0);
  console.log(`  ${name}`);
  console.log(`    ${results.map((r) => `${r.boundRatio.toFixed(2)}/${r.refused}/${r.busiestWindow}`).join('  ')}`);
  console.log(`    ratio ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)} (target ≥ 0.9), ${(refusals * 1000 / requests).toFixed(1)} refusals per 1,000 requests (target ≤ 1)`);
  const seeing = await Promise.all(SEEDS.map((seed) => oracleBoundRatio({ ...scenario, seed })));
  const seeingByWork = await Promise.all(SEEDS.map((seed) => oracleBoundRatio({ ...scenario, seed }, true)));
  const range = (xs: number[]): string => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
  console.log(`    laptops seeing the window exactly: ${range(seeing)}; most left first: ${range(seeingByWork)}`);
  if (scenario.paceOf) {
    const first = results[0]!;
    const windows: number[] = [];
    for (const t of first.acceptedAt) windows[Math.floor(t / scenario.windowMs)] = (windows[Math.floor(t / scenario.windowMs)] ?? 0) + 1;
    const ended = [...first.finishMs].sort((a, b) => a - b);
    const s = (ms: number): string => (ms / 1000).toFixed(1);
    console.log(`    seed 1, per 10 s window: ${Array.from(windows, (n) => n ?? 0).join(' ')} admitted; laptops ended first ${s(ended[0]!)}, median ${s(ended[Math.floor(ended.length / 2)]!)}, last ${s(ended[ended.length - 1]!)} s`);
  }
}
