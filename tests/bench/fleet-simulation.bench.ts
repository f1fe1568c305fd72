// `npm run bench:fleet-sim`: the fleet's pacing in virtual time (tests/support/fleet-simulation.ts),
// in a second, at the round trips the unit tests use and at the ones twenty real `ferry agent`
// processes see on the shared 2-core machine (bench:fleet's trace: p10 150 ms, median 680 ms,
// p90 1.7 s). Prints numbers; asserts nothing. Use it to try a pacing change before bench:fleet.
import { simulateFleet, type FleetScenario } from '../support/fleet-simulation';

const SEEDS = [1, 2, 3, 4, 5, 6];
const between = (lo: number, hi: number) => (random: () => number): number => lo + random() * (hi - lo);

const scenarios: [string, Omit<FleetScenario, 'seed'>][] = [
  ['20 laptops × 12 calls, start within 3 s, 20–300 ms (the unit test)', { laptops: 20, calls: 12, limit: 100, windowMs: 10_000, startMs: (_i, r) => r() * 3_000, latencyMs: between(20, 300) }],
  ['20 laptops × 12 calls, start within 0.5 s, 150–1,700 ms (bench:fleet)', { laptops: 20, calls: 12, limit: 100, windowMs: 10_000, startMs: (_i, r) => r() * 500, latencyMs: between(150, 1_700) }],
  ['20 laptops × 12 calls, start within 10 s (back online), 150–1,700 ms', { laptops: 20, calls: 12, limit: 100, windowMs: 10_000, startMs: (_i, r) => r() * 10_000, latencyMs: between(150, 1_700) }],
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
}
