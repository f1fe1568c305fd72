import { describe, expect, it } from 'vitest';
import { DailyQuota, RollingWindowCounter } from '../../main/sandbox/shared/rolling-window';

describe('RollingWindowCounter', () => {
  it('admits up to max events in the window and refuses the next without counting it', () => {
    const counter = new RollingWindowCounter(10_000, 3);
    expect(counter.tryTake(0)).toMatchObject({ allowed: true, used: 1, remaining: 2 });
    counter.tryTake(1);
    expect(counter.tryTake(2)).toMatchObject({ allowed: true, remaining: 0 });
    expect(counter.tryTake(3)).toMatchObject({ allowed: false, used: 3, remaining: 0, resetAtMs: 10_000 });
    expect(counter.peek(3).used).toBe(3);
  });

  it('rolls: an event stops counting exactly windowMs after it happened', () => {
    const counter = new RollingWindowCounter(10_000, 2);
    counter.tryTake(0);
    counter.tryTake(5_000);
    expect(counter.tryTake(9_999).allowed).toBe(false);
    expect(counter.tryTake(10_000)).toMatchObject({ allowed: true, used: 2 });
    expect(counter.tryTake(14_999).allowed).toBe(false);
    expect(counter.tryTake(15_000).allowed).toBe(true);
  });

  it('stays correct over many events (compaction keeps the window exact)', () => {
    const counter = new RollingWindowCounter(1_000, 100);
    let admitted = 0;
    for (let t = 0; t < 100_000; t += 1) if (counter.tryTake(t).allowed) admitted += 1;
    // 100 per 1,000 ms window over 100 s
    expect(admitted).toBe(10_000);
  });

  it('honours a changed max and reset', () => {
    const counter = new RollingWindowCounter(1_000, 1);
    counter.tryTake(0);
    expect(counter.tryTake(1).allowed).toBe(false);
    counter.setMax(2);
    expect(counter.tryTake(2).allowed).toBe(true);
    counter.reset();
    expect(counter.peek(3)).toMatchObject({ used: 0, remaining: 2, resetAtMs: 0 });
  });
});

describe('DailyQuota', () => {
  it('refuses past the limit and resets at UTC midnight', () => {
    const day = 86_400_000;
    const quota = new DailyQuota(2);
    expect(quota.tryTake(day * 3 + 1)).toEqual({ allowed: true, remaining: 1 });
    expect(quota.tryTake(day * 3 + 2)).toEqual({ allowed: true, remaining: 0 });
    expect(quota.tryTake(day * 4 - 1).allowed).toBe(false);
    expect(quota.tryTake(day * 4)).toEqual({ allowed: true, remaining: 1 });
  });
});
