/**
 * Counts events in a rolling window (HubSpot's TEN_SECONDLY_ROLLING, the search
 * SECONDLY limit). An event at time t stops counting at t + windowMs exactly.
 *
 * Invariant: `times[head..]` is sorted ascending and holds only accepted events,
 * so expiry is a pointer move and each event is touched O(1) times.
 */
interface WindowDecision {
  allowed: boolean;
  /** accepted events in the window after this decision */
  used: number;
  /** how many more would be accepted right now */
  remaining: number;
  /** when the oldest counted event leaves the window (0 when nothing is counted) */
  resetAtMs: number;
}

export class RollingWindowCounter {
  private times: number[] = [];
  private head = 0;

  constructor(readonly windowMs: number, private maxEvents: number) {
    if (windowMs <= 0) throw new RangeError('windowMs must be positive');
    if (maxEvents < 0) throw new RangeError('maxEvents must not be negative');
  }

  get max(): number {
    return this.maxEvents;
  }

  setMax(maxEvents: number): void {
    if (maxEvents < 0) throw new RangeError('maxEvents must not be negative');
    this.maxEvents = maxEvents;
  }

  /** Counts an event at `now` if the window has room; a refused event is not counted. */
  tryTake(now: number): WindowDecision {
    this.expire(now);
    const used = this.times.length - this.head;
    if (used >= this.maxEvents) return this.decision(false);
    this.times.push(now);
    return this.decision(true);
  }

  /** The state at `now` without counting anything. */
  peek(now: number): WindowDecision {
    this.expire(now);
    return this.decision(true);
  }

  reset(): void {
    this.times = [];
    this.head = 0;
  }

  private decision(allowed: boolean): WindowDecision {
    const used = this.times.length - this.head;
    const oldest = this.times[this.head];
    return {
      allowed,
      used,
      remaining: Math.max(0, this.maxEvents - used),
      resetAtMs: oldest === undefined ? 0 : oldest + this.windowMs,
    };
  }

  private expire(now: number): void {
    const cutoff = now - this.windowMs;
    while (this.head < this.times.length && (this.times[this.head] ?? Infinity) <= cutoff) this.head += 1;
    // Compact once the dead prefix dominates, keeping memory bounded by the window.
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }
}

/**
 * A quota that resets at each midnight in `timeZone` (HubSpot's daily limit
 * "resets at midnight based on your time zone setting", HubSpot's API usage
 * guidelines); UTC when none is given.
 */
export class DailyQuota {
  private day = '';
  private used = 0;
  private readonly days: Intl.DateTimeFormat;

  constructor(private maxPerDay: number, timeZone = 'UTC') {
    this.days = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  }

  get max(): number {
    return this.maxPerDay;
  }

  setMax(maxPerDay: number): void {
    this.maxPerDay = maxPerDay;
  }

  tryTake(now: number): { allowed: boolean; remaining: number } {
    this.roll(now);
    if (this.used >= this.maxPerDay) return { allowed: false, remaining: 0 };
    this.used += 1;
    return { allowed: true, remaining: this.maxPerDay - this.used };
  }

  remaining(now: number): number {
    this.roll(now);
    return Math.max(0, this.maxPerDay - this.used);
  }

  reset(): void {
    this.used = 0;
  }

  private roll(now: number): void {
    const day = this.days.format(new Date(now));
    if (day !== this.day) {
      this.day = day;
      this.used = 0;
    }
  }
}
