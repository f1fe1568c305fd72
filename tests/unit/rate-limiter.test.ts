import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../main/sync/rate-limiter';
import { FakeClock } from '../support/fake-clock';

/** Counts how many requests arrive in the busiest `windowMs` span (what a CRM measures). */
function busiestWindow(times: number[], windowMs: number): number {
  let best = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j]! - times[i]! >= windowMs) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

describe('rate limiter', () => {
  it('never lets more than the limit into any rolling window, and keeps close to it', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ requests: 100, perMs: 10_000 }, clock);
    const sent: number[] = [];
    const start = clock.now();
    for (let i = 0; i < 1_000; i++) {
      await limiter.acquire();
      sent.push(clock.now());
      clock.advance(20); // latency
      limiter.release();
    }
    expect(busiestWindow(sent, 10_000)).toBeLessThanOrEqual(100);
    const elapsed = clock.now() - start;
    // 1,000 requests at 100 / 10 s need at least 90 s; we stay within 10 % of the bound
    expect(elapsed).toBeLessThan(100_000 * 1.1);
  });

  it('a 429 blocks for the wait the CRM asked, then slows the pace', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ requests: 10, perMs: 1_000 }, clock);
    limiter.penalize(5_000);
    const before = clock.now();
    await limiter.acquire();
    expect(clock.now() - before).toBeGreaterThanOrEqual(5_000);
    expect(limiter.currentBudget).toBe(9);
    limiter.release();
    clock.advance(3_000);
    limiter.waitTime();
    expect(limiter.currentBudget).toBe(10);
  });

  it('a quota header saying nothing remains waits out the interval when we have sent nothing ourselves', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ requests: 100, perMs: 10_000 }, clock);
    limiter.observe({ remaining: 0, intervalMs: 10_000 });
    expect(limiter.waitTime()).toBe(10_000);
  });

  it('"nothing remains" on our own last request waits only until our oldest slot frees, not a whole interval', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ requests: 3, perMs: 10_000 }, clock);
    for (let i = 0; i < 3; i++) {
      await limiter.acquire();
      clock.advance(1_000);
      limiter.release();
    }
    limiter.observe({ remaining: 0, intervalMs: 10_000 });
    // the first request was counted at +0.5 s (the middle of its round trip), so its slot frees at +10.5 s: 7.5 s from now (+3 s)
    expect(limiter.waitTime()).toBe(7_500);
  });

  it('requests that failed without a response give their slot back', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ requests: 2, perMs: 1_000 }, clock);
    await limiter.acquire();
    await limiter.acquire();
    limiter.settleInFlight();
    clock.advance(1_000);
    expect(limiter.waitTime()).toBe(0);
  });

  it('paces at the limit the CRM announces (X-HubSpot-RateLimit-Max per -Interval-Milliseconds), not the configured default', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ requests: 100, perMs: 10_000 }, clock);
    const sent: number[] = [];
    for (let i = 0; i < 950; i++) {
      await limiter.acquire();
      sent.push(clock.now());
      clock.advance(20);
      limiter.release();
      limiter.observe({ limit: 190, intervalMs: 10_000 });
    }
    expect(limiter.currentLimit).toEqual({ requests: 190, perMs: 10_000 });
    expect(busiestWindow(sent, 10_000)).toBeLessThanOrEqual(190);
    // 950 requests at 190 / 10 s: five windows, not the 9.5 that 100 / 10 s would take
    expect(clock.now() - sent[0]!).toBeLessThan(50_000 * 1.05);
  });

  it('does not take a daily allocation for a pace, and keeps a 429-lowered budget lowered', () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ requests: 25, perMs: 1_000 }, clock);
    limiter.observe({ limit: 100_000, remaining: 99_000, intervalMs: 86_400_000 });
    expect(limiter.currentLimit).toEqual({ requests: 25, perMs: 1_000 });
    limiter.penalize(0);
    const lowered = limiter.currentBudget;
    limiter.observe({ limit: 50, intervalMs: 1_000 });
    expect(limiter.currentLimit.requests).toBe(50);
    expect(limiter.currentBudget).toBe(lowered);
  });
});
