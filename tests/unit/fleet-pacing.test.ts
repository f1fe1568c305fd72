import { describe, expect, it } from 'vitest';
import { fleetReserve, fleetShare, type FleetReading } from '../../main/sync/fleet-share';
import { RateLimiter } from '../../main/sync/rate-limiter';
import { oracleBoundRatio } from '../support/fleet-oracle';
import { simulateFleet } from '../support/fleet-simulation';
import { FakeClock } from '../support/fake-clock';

const reading = (r: Partial<FleetReading>): FleetReading => ({
  limit: 100, remaining: 50, mine: 5, onTheirWay: 0, mayCut: true, random: 0.5, ...r,
});

describe('one laptop\'s slots in the account\'s window (fleet-share.ts)', () => {
  it('leaves a reserve of 5 % for laptops that just started', () => {
    expect([fleetReserve(100), fleetReserve(190), fleetReserve(250), fleetReserve(10)]).toEqual([5, 10, 13, 1]);
  });

  it('a laptop alone on the account takes the whole target, whatever it held', () => {
    expect(fleetShare(reading({ remaining: 90, mine: 10 })).budget).toBe(95);
  });

  it('takes one slot more while the window, with what the fleet has on its way, stays under the target', () => {
    expect(fleetShare(reading({ remaining: 50, mine: 5, onTheirWay: 20 })).budget).toBe(6);
    // 80 in the window and 20 on their way: one more would pass the target of 95
    expect(fleetShare(reading({ remaining: 20, mine: 5, onTheirWay: 20 })).budget).toBe(5);
  });

  it('a newcomer to a busy window grows as fast as the others while there is room', () => {
    expect(fleetShare(reading({ remaining: 52, mine: 1, onTheirWay: 10 })).budget).toBe(2);
  });

  it('a newcomer to a full window keeps the one slot it has, not the whole limit', () => {
    expect(fleetShare(reading({ remaining: 4, mine: 1 })).budget).toBe(1);
  });

  it('over the target the fleet gives back what passes it: each laptop in proportion to what it holds, at most once a window', () => {
    // 100 in the window, 5 over: a laptop holding 10 gives one back with probability 10 × 5 / 100 = 0.5
    expect(fleetShare(reading({ remaining: 0, mine: 10, random: 0.4 }))).toEqual({ budget: 9, alone: false, cut: true });
    expect(fleetShare(reading({ remaining: 0, mine: 10, random: 0.6 }))).toEqual({ budget: 10, alone: false, cut: false });
    // one holding 40 gives back two
    expect(fleetShare(reading({ remaining: 0, mine: 40, random: 0.9 })).budget).toBe(38);
    expect(fleetShare(reading({ remaining: 0, mine: 10, random: 0.4, mayCut: false })).budget).toBe(10);
  });
});

describe('a fleet of laptops on one account (simulated portal, virtual time)', () => {
  const latency = (random: () => number): number => 20 + random() * 280;

  for (const seed of [1, 2, 3]) {
    it(`twenty laptops starting together are never refused and all their calls go through (seed ${seed})`, async () => {
      const r = await simulateFleet({ laptops: 20, calls: 12, limit: 100, windowMs: 10_000, startMs: (_i, random) => random() * 3_000, latencyMs: latency, seed });
      expect(r.accepted).toBe(240);
      expect(r.refused).toBe(0);
      expect(r.busiestWindow).toBeLessThanOrEqual(100);
    });
  }

  it('five laptops with much to send stay under the limit without a refusal and use most of it', async () => {
    const r = await simulateFleet({ laptops: 5, calls: 200, limit: 100, windowMs: 10_000, startMs: () => 0, latencyMs: latency, seed: 7 });
    expect(r.refused).toBe(0);
    expect(r.boundRatio).toBeGreaterThan(0.8);
  });

  // The round trips twenty real `ferry agent` processes see on a loaded 2-core machine (bench:fleet's
  // trace: p10 150 ms, median 680 ms, p90 1.7 s). Before slots were freed at the CRM's count and grown
  // against what is on its way, this herd drew 13.7 refusals per 1,000 requests at 0.68–0.81 of the bound.
  const realRoundTrips = (random: () => number): number => 150 + random() * 1_550;
  const seeds = [1, 2, 3, 4, 5, 6];

  it('twenty laptops starting together at real round trips draw at most one refusal per 1,000 requests and use most of the window', async () => {
    const runs = await Promise.all(seeds.map((seed) => simulateFleet({ laptops: 20, calls: 12, limit: 100, windowMs: 10_000, startMs: (_i, random) => random() * 500, latencyMs: realRoundTrips, seed })));
    const refused = runs.reduce((n, r) => n + r.refused, 0);
    const requests = runs.reduce((n, r) => n + r.requests, 0);
    expect(refused * 1_000).toBeLessThanOrEqual(requests);
    for (const r of runs) expect(r.accepted).toBe(240);
    // 0.78 before the window's rise was measured from its low (1 December); that cut this herd's refusals
    // in the 20–300 ms rows from 18.5 to 5.9 per 1,000 (bench:fleet-sim) at about 0.02 of the bound here
    expect(runs.reduce((sum, r) => sum + r.boundRatio, 0) / runs.length).toBeGreaterThan(0.75);
  });

  it('laptops starting within three seconds at real round trips draw at most one refusal per 1,000 requests', async () => {
    const runs = await Promise.all(seeds.map((seed) => simulateFleet({ laptops: 20, calls: 12, limit: 100, windowMs: 10_000, startMs: (_i, random) => random() * 3_000, latencyMs: realRoundTrips, seed })));
    expect(runs.reduce((n, r) => n + r.refused, 0) * 1_000).toBeLessThanOrEqual(runs.reduce((n, r) => n + r.requests, 0));
    expect(runs.reduce((sum, r) => sum + r.boundRatio, 0) / runs.length).toBeGreaterThan(0.72);
  });

  // bench:fleet's agents answer in milliseconds, then work before their next call: an association
  // call follows at once, the next batch after the contacts are saved (its trace: p50 60 ms, p75
  // 364 ms between a laptop's answers). Before what is on its way spanned that work, these fleets
  // drew 38–43 refusals each (about 86 per 1,000 requests).
  const benchThink = (random: () => number): number => (random() < 0.5 ? 5 + random() * 45 : 300 + random() * 700);

  it('twenty laptops that work between calls as the real agents do draw at most one refusal per 1,000 requests and reach 0.9 of the bound', async () => {
    const runs = await Promise.all(seeds.map((seed) => simulateFleet({
      laptops: 20, calls: 23, limit: 100, windowMs: 10_000, startMs: (_i, random) => random() * 500,
      latencyMs: (random) => 5 + random() * 95, wayOutShare: (random) => random(), thinkMs: benchThink, seed,
    })));
    expect(runs.reduce((n, r) => n + r.refused, 0) * 1_000).toBeLessThanOrEqual(runs.reduce((n, r) => n + r.requests, 0));
    for (const r of runs) expect(r.accepted).toBe(460);
    expect(runs.reduce((sum, r) => sum + r.boundRatio, 0) / runs.length).toBeGreaterThan(0.9);
  });

  // bench:fleet's tail (windows 97 95 92 94 61 23; laptops ended 22 / 37 / 52–58 s with 23 calls
  // each): twenty agents on a loaded machine do not get the same CPU, so each laptop's work between
  // calls is scaled by its own factor, ×1/3 to ×3. Slow laptops then finish last whatever the pacing:
  // laptops that saw the window exactly (fleet-oracle.ts) reach only 0.83–0.93 of the bound here.
  it('laptops of different speeds draw at most one refusal per 1,000 requests and come within 0.1 of what exact sight of the window reaches', async () => {
    const scenario = (seed: number) => ({
      laptops: 20, calls: 23, limit: 100, windowMs: 10_000, startMs: (_i: number, random: () => number) => random() * 500,
      latencyMs: (random: () => number) => 5 + random() * 95, wayOutShare: (random: () => number) => random(), thinkMs: benchThink,
      paceOf: (_i: number, random: () => number) => Math.exp(Math.log(3) * (2 * random() - 1)), seed,
    });
    const runs = await Promise.all(seeds.map((seed) => simulateFleet(scenario(seed))));
    const exact = await Promise.all(seeds.map((seed) => oracleBoundRatio(scenario(seed))));
    expect(runs.reduce((n, r) => n + r.refused, 0) * 1_000).toBeLessThanOrEqual(runs.reduce((n, r) => n + r.requests, 0));
    for (const r of runs) expect(r.accepted).toBe(460);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(runs.map((r) => r.boundRatio))).toBeGreaterThan(mean(exact) - 0.1);
  });

  it('laptops that join one after another are never refused', async () => {
    const r = await simulateFleet({ laptops: 20, calls: 12, limit: 100, windowMs: 10_000, startMs: (i) => i * 2_000, latencyMs: latency, seed: 4 });
    expect(r.refused).toBe(0);
  });
});

describe('rate limiter: pacing when sharing', () => {
  /**
   * One laptop calling while the other laptops' requests fill the account's window at 10 a
   * second (70 at the start): each call takes 20 ms, then the laptop works `thinkMs` before the
   * next. Returns what the window held when the laptop stopped taking slots.
   */
  async function fleetWhenGrowthStops(thinkMs: number): Promise<number> {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ requests: 100, perMs: 10_000 }, clock, { random: () => 0.99 });
    const start = clock.now();
    for (let mine = 1; ; mine++) {
      await limiter.acquire();
      clock.advance(20);
      limiter.release();
      const fleet = 70 + Math.floor((clock.now() - start) / 100) + mine;
      limiter.observe({ remaining: 100 - fleet, limit: 100, intervalMs: 10_000 });
      if (limiter.currentBudget <= mine) return fleet;
      clock.advance(thinkMs);
    }
  }

  it('counts the work between its calls in what is on its way: the others\' requests of that span land before its next one', async () => {
    // calling again at once, what is on its way is a round trip's worth: it grows close to the target of 95
    expect(await fleetWhenGrowthStops(0)).toBeGreaterThan(90);
    // half a second of work between calls: about 5 more of the others' requests land before its next call; doubled, it stops near 85
    // (before, only the 20 ms round trip counted, and it grew to 94 while the others' next requests were already decided)
    expect(await fleetWhenGrowthStops(500)).toBeLessThan(88);
  });

  it('a window refilling as an old burst leaves it is not taken for an idle fleet: the rise since its low counts as arrivals', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ requests: 100, perMs: 10_000 }, clock, { random: () => 0.99 });
    const call = async (fleet: number, thinkMs = 0): Promise<number> => {
      await limiter.acquire();
      clock.advance(20);
      limiter.release();
      limiter.observe({ remaining: 100 - fleet, limit: 100, intervalMs: 10_000 });
      clock.advance(thinkMs);
      return limiter.currentBudget;
    };
    for (const fleet of [40, 45, 50, 55, 60]) await call(fleet, 200);
    expect(await call(95, 200)).toBe(6); // full: it keeps what it holds
    // an old burst leaves the window (95 → 88): room, one slot more
    expect(await call(88)).toBe(7);
    // 3 more in the 20 ms since: the others are refilling it as fast as it emptied. Measured from the
    // reading before the fall (95), that rise read as no arrivals and the laptop grew into the refill.
    expect(await call(91)).toBe(7);
  });

  it('sharing the window, a slot frees one window after its answer, the latest the CRM can have counted it', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ requests: 100, perMs: 10_000 }, clock, { random: () => 0.99 });
    await limiter.acquire();
    clock.advance(400);
    limiter.release();
    // 97 of the other laptops' requests and ours: the window is full, so this laptop keeps its one slot
    limiter.observe({ remaining: 2, limit: 100, intervalMs: 10_000 });
    expect(limiter.currentBudget).toBe(1);
    // not 9.8 s (a window after the middle of the round trip): a way out longer than the way back would reuse it early
    expect(limiter.waitTime()).toBe(10_000);
  });

  it('a laptop alone on the account takes the whole target, and no window ever holds more than that', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ requests: 100, perMs: 10_000 }, clock, { random: () => 0.5 });
    const sent: number[] = [];
    let remaining = 100;
    for (let i = 0; i < 300; i++) {
      await limiter.acquire();
      sent.push(clock.now());
      clock.advance(20);
      limiter.release();
      remaining = 100 - sent.filter((t) => t > clock.now() - 10_000).length;
      limiter.observe({ remaining, limit: 100, intervalMs: 10_000 });
    }
    let busiest = 0;
    for (let i = 0, j = 0; j < sent.length; j++) {
      while (sent[j]! - sent[i]! >= 10_000) i++;
      busiest = Math.max(busiest, j - i + 1);
    }
    expect(busiest).toBeLessThanOrEqual(95);
    expect(limiter.currentBudget).toBe(95);
  });
});
