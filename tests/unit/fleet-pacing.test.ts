import { describe, expect, it } from 'vitest';
import { fleetReserve, fleetShare, paceOf, type FleetReading } from '../../main/sync/fleet-share';
import { RateLimiter } from '../../main/sync/rate-limiter';
import { simulateFleet } from '../support/fleet-simulation';
import { FakeClock } from '../support/fake-clock';

const reading = (r: Partial<FleetReading>): FleetReading => ({
  limit: 100, remaining: 50, mine: 5, pace: 5, starting: false, budget: 5, mayGrow: true, peakFleet: 0, ...r,
});

describe('one laptop\'s share of the account\'s window (fleet-share.ts)', () => {
  it('leaves a reserve of 5 % for laptops that just started', () => {
    expect([fleetReserve(100), fleetReserve(190), fleetReserve(250), fleetReserve(10)]).toEqual([5, 10, 13, 1]);
  });

  it('a laptop alone on the account takes the whole target, whatever its budget was', () => {
    expect(fleetShare(reading({ remaining: 90, mine: 10, pace: 10, budget: 3 })).budget).toBe(95);
  });

  it('when the remaining count falls into the reserve, every laptop scales by target / fleet (multiplicative decrease)', () => {
    // the window holds 100; this laptop sends 10 of them: its part of 95 is 9.5
    expect(fleetShare(reading({ remaining: 0, mine: 10, pace: 10, budget: 10 })).budget).toBeCloseTo(9.5);
    // a laptop twice its size cuts twice as much: the fleet lands on the target
    expect(fleetShare(reading({ remaining: 0, mine: 20, pace: 20, budget: 20 })).budget).toBeCloseTo(19);
  });

  it('grows into free room in proportion to what it uses, at most once every quarter window, and never on a burst about to come back', () => {
    const room = reading({ remaining: 50, mine: 5, pace: 5, budget: 5 });
    expect(fleetShare(room)).toEqual({ budget: 9.5, grew: true });
    expect(fleetShare({ ...room, mayGrow: false }).budget).toBe(5);
    // the window held 97 a moment ago: that burst will be sent again
    expect(fleetShare({ ...room, peakFleet: 97 }).budget).toBe(5);
  });

  it('in its first window a laptop fills while every laptop could still send one more, then holds', () => {
    expect(fleetShare(reading({ starting: true, remaining: 60, mine: 4, budget: 100 })).budget).toBe(5);
    expect(fleetShare(reading({ starting: true, remaining: 15, mine: 4, budget: 100 })).budget).toBe(4);
  });

  it('a newcomer to a full window takes one request a window, not the whole limit', () => {
    expect(fleetShare(reading({ starting: true, remaining: 4, mine: 1, budget: 100 })).budget).toBe(1);
  });

  it('reads a laptop\'s pace from the gaps between its requests, so a steady sender is measured exactly', () => {
    expect(paceOf([0, 2_000, 4_000, 6_000, 8_000], 10_000)).toBe(5);
    expect(paceOf([5_000], 10_000)).toBe(1);
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

  it('laptops that join one after another are never refused', async () => {
    const r = await simulateFleet({ laptops: 20, calls: 12, limit: 100, windowMs: 10_000, startMs: (i) => i * 2_000, latencyMs: latency, seed: 4 });
    expect(r.refused).toBe(0);
  });
});

describe('rate limiter: pacing when sharing', () => {
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
