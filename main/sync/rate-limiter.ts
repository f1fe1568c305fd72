import type { Clock } from '../clock';

/** Longest announced window adopted as a pace (longer ones are quotas, e.g. Salesforce's 24 h). */
const MAX_ADOPTED_WINDOW_MS = 60_000;

export interface RateLimit {
  requests: number;
  perMs: number;
}

/**
 * Keeps a connection just under its CRM's request limit instead of bouncing off it.
 *
 * Invariant: a slot is held from the moment a request is sent until `perMs`
 * after its response arrived. The CRM counts a request when it arrives, which
 * is between those two instants, so no window the CRM can measure ever holds
 * more than `budget` of our requests — whatever the latency.
 *
 * A 429 lowers the budget by 10 % and blocks until the CRM's wait is over (other
 * apps may share the account's limit); each full window without one restores a
 * request, up to the limit.
 *
 * The limit is what the CRM announces when it does: HubSpot sends
 * `X-HubSpot-RateLimit-Max` and `-Interval-Milliseconds` with every answer (190 per
 * 10 s on Professional and Enterprise, 250 with the API limit increase; HubSpot's
 * "API usage guidelines and limits"), so the configured limit is only the pace
 * until the first answer. Only short windows (a minute or less) are adopted: a
 * daily allocation is a quota, handled by `remaining`, not a pace.
 */
export class RateLimiter {
  private budget: number;
  private inFlight = 0;
  private released: number[] = [];
  private blockedUntil = 0;
  private lastPenaltyAt = 0;

  private limit: RateLimit;

  constructor(limit: RateLimit, private readonly clock: Clock) {
    this.limit = { ...limit };
    this.budget = Math.max(1, limit.requests);
  }

  /** The limit in force: the configured one, or what the CRM last announced. */
  get currentLimit(): RateLimit {
    return { ...this.limit };
  }

  get currentBudget(): number {
    return this.budget;
  }

  /** How long the next request would have to wait right now (0 = go). */
  waitTime(): number {
    const now = this.clock.now();
    this.prune(now);
    this.recover(now);
    const blocked = Math.max(0, this.blockedUntil - now);
    if (this.inFlight + this.released.length < this.budget) return blocked;
    // Full: the oldest released slot frees first; with everything in flight, poll briefly.
    const oldest = this.released[0];
    const untilFree = oldest === undefined ? 25 : oldest + this.limit.perMs - now;
    return Math.max(blocked, untilFree, 1);
  }

  /** Waits for a slot and takes it. Every acquire must be followed by one release. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const wait = this.waitTime();
      if (wait === 0) break;
      await this.clock.sleep(wait, signal);
    }
    this.inFlight++;
  }

  /** The response (or failure) of an acquired request has arrived. */
  release(): void {
    if (this.inFlight === 0) return;
    this.inFlight--;
    this.released.push(this.clock.now());
  }

  /** Releases slots of requests that failed without reporting their response. */
  settleInFlight(): void {
    while (this.inFlight > 0) this.release();
  }

  /** The CRM said 429: wait what it asked (or a full window) and lower the pace a little. */
  penalize(retryAfterMs?: number): void {
    const now = this.clock.now();
    this.blockedUntil = Math.max(this.blockedUntil, now + (retryAfterMs ?? this.limit.perMs));
    this.budget = Math.max(1, Math.floor(this.budget * 0.9));
    // recovery counts full windows from the end of the block
    this.lastPenaltyAt = this.blockedUntil;
  }

  /**
   * What the CRM's quota headers say. "Nothing remains" while our own count
   * says otherwise means someone else shares the account's limit: wait until
   * our oldest slot frees (the CRM's window moves on at the same pace), not a
   * whole interval — when we are the only client that wait is already ours.
   */
  observe(info: { remaining?: number; limit?: number; intervalMs?: number }): void {
    this.adopt(info.limit, info.intervalMs);
    if (info.remaining === undefined || info.remaining > 0) return;
    const now = this.clock.now();
    this.prune(now);
    const oldest = this.released[0];
    const untilOldestFrees = oldest === undefined ? info.intervalMs ?? this.limit.perMs : oldest + this.limit.perMs - now;
    this.blockedUntil = Math.max(this.blockedUntil, now + Math.max(0, untilOldestFrees));
  }

  /**
   * Takes the CRM's announced window as the limit. A budget that a 429 lowered
   * stays lowered (it recovers towards the new limit); an unlowered one follows it.
   */
  private adopt(requests: number | undefined, perMs: number | undefined): void {
    if (requests === undefined || perMs === undefined) return;
    if (!Number.isInteger(requests) || requests < 1 || !Number.isFinite(perMs) || perMs <= 0 || perMs > MAX_ADOPTED_WINDOW_MS) return;
    if (requests === this.limit.requests && perMs === this.limit.perMs) return;
    const lowered = this.budget < this.limit.requests;
    this.limit = { requests, perMs };
    this.budget = lowered ? Math.min(this.budget, requests) : requests;
  }

  private prune(now: number): void {
    const cutoff = now - this.limit.perMs;
    let i = 0;
    while (i < this.released.length && this.released[i]! <= cutoff) i++;
    if (i > 0) this.released.splice(0, i);
  }

  private recover(now: number): void {
    if (this.budget >= this.limit.requests) return;
    const windows = Math.floor((now - this.lastPenaltyAt) / this.limit.perMs);
    if (windows > 0) {
      this.budget = Math.min(this.limit.requests, this.budget + windows);
      this.lastPenaltyAt = now;
    }
  }
}
