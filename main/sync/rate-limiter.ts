import type { Clock } from '../clock';
import { fleetReserve, fleetShare, paceOf } from './fleet-share';

/** Longest announced window adopted as a pace (longer ones are quotas, e.g. Salesforce's 24 h). */
const MAX_ADOPTED_WINDOW_MS = 60_000;

/** The most a 429's wait is stretched at random, so laptops refused together do not come back together. */
const PENALTY_JITTER = 0.25;
/** Requests are spread evenly over the window, each gap stretched or shrunk by up to this much at random. */
const SPACING_JITTER = 0.1;
/** The budget grows at most once in this part of a window (it shrinks at once). */
const GROW_EVERY = 0.25;
/** How far back (in windows) the peak of the fleet's use is remembered: past the moment a burst that left the window comes back. */
const PEAK_WINDOWS = 1.5;
/**
 * A laptop with a small budget would be silent for long (its gap is window / budget)
 * and learn nothing meanwhile; when its last answer showed room (the count at most
 * the limit less twice the reserve) it sends again within this part of a window (to
 * twice it, at random). Its budget still caps what it has in the window.
 */
const LOOK_AGAIN = 0.1;

export interface RateLimit {
  requests: number;
  perMs: number;
}

interface RateLimiterOptions {
  /** jitter of gaps and of waits after a 429; default Math.random */
  random?: () => number;
}

/**
 * Keeps a connection just under its CRM's request limit instead of bouncing off it,
 * and shares that limit politely with every other laptop on the same account.
 *
 * Invariant: a slot is held from the moment a request is sent until `perMs`
 * after its response arrived. The CRM counts a request when it arrives, which
 * is between those two instants, so no window the CRM can measure ever holds
 * more than `budget` of our requests — whatever the latency.
 *
 * The limit is what the CRM announces when it does: HubSpot sends
 * `X-HubSpot-RateLimit-Max` and `-Interval-Milliseconds` with every answer (190 per
 * 10 s on Professional and Enterprise, 250 with the API limit increase; HubSpot's
 * "API usage guidelines and limits"), so the configured limit is only the pace
 * until the first answer. Only short windows (a minute or less) are adopted: a
 * daily allocation is a quota, handled by the engine's headroom, not a pace.
 *
 * Fleet-aware pacing, without a server: an account's limit is shared by every
 * laptop of the team (HubSpot counts the ten-second limit "per app per portal"),
 * and `X-HubSpot-RateLimit-Remaining` is the one state they all see. From each
 * answer that carries the limit, its window and what remains, the limiter takes as
 * its budget its own part of a target that leaves a reserve free (fleet-share.ts:
 * additive increase, multiplicative decrease when the remaining count falls into
 * the reserve), and spreads its requests over the window at that pace, each gap
 * stretched at random by up to SPACING_JITTER so laptops do not fall into step. A
 * 429 still cuts the budget by 10 % and blocks for the CRM's wait, stretched at
 * random by up to PENALTY_JITTER. A laptop alone takes the whole target; a
 * laptop that joins a busy account's first request lands in the reserve.
 */
export class RateLimiter {
  private budget: number;
  private inFlight = 0;
  private released: number[] = [];
  private blockedUntil = 0;
  /** when a 429 last lowered the budget: `recover` counts windows from here */
  private lastDecreaseAt = 0;
  private limit: RateLimit;
  /** true once the CRM has told the fleet's usage: the share rule then sets the budget, not `recover` */
  private sharing = false;
  /** when this laptop last sent (in sharing mode requests are spread evenly over the window) */
  private lastSentAt = -Infinity;
  /** true when the last answer's window held only our requests: a laptop alone does not spread (its slots still cap it at the target) */
  private alone = false;
  /** F at this laptop's last answer (limit − remaining) */
  private lastFleet = Infinity;
  /** when a laptop with room at its last answer may send again, whatever its gap (drawn at each send) */
  private lookAgainAt = Infinity;
  /** the next gap's random stretch, drawn when a request is sent */
  private gapFactor = 1;
  /** when the budget last grew (it grows at most once every GROW_EVERY of a window) */
  private grewAt = -Infinity;
  /** when this laptop sent its requests of the last window, oldest first */
  private sentAt: number[] = [];
  /** when the current stretch of sending began (the window held none of ours before it) */
  private sendingSince = 0;
  /** the fleet's use in this laptop's answers of the last window, oldest first (for the peak) */
  private readings: { at: number; fleet: number }[] = [];
  private readonly random: () => number;

  constructor(limit: RateLimit, private readonly clock: Clock, options: RateLimiterOptions = {}) {
    this.limit = { ...limit };
    this.budget = Math.max(1, limit.requests);
    this.random = options.random ?? Math.random;
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
    // Spread over the window, a fleet's requests make the remaining count a smooth measure of its use.
    const spread = this.sharing && !this.alone && now - this.sendingSince >= this.limit.perMs;
    // A small budget would mean long silences; when the window had room at the last answer, look again sooner.
    const lookAgain = this.sharing && this.lastFleet <= this.limit.requests - 2 * fleetReserve(this.limit.requests) ? this.lookAgainAt - now : Infinity;
    const spacing = spread ? Math.min(this.lastSentAt + this.gapFactor * (this.limit.perMs / this.budget) - now, lookAgain) : 0;
    const blocked = Math.max(0, this.blockedUntil - now, spacing);
    if (this.used() < this.budget) return Math.ceil(blocked);
    // Full: the slot that frees the budget is the (used - budget + 1)-th oldest; with everything in flight, poll briefly.
    const freeing = this.released[this.used() - Math.ceil(this.budget)];
    const untilFree = freeing === undefined ? 25 : freeing + this.limit.perMs - now;
    return Math.ceil(Math.max(blocked, untilFree, 1));
  }

  /** Waits for a slot and takes it. Every acquire must be followed by one release. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const wait = this.waitTime();
      if (wait === 0) break;
      await this.clock.sleep(wait, signal);
    }
    this.inFlight++;
    const cutoff = this.clock.now() - this.limit.perMs;
    while (this.sentAt.length > 0 && this.sentAt[0]! <= cutoff) this.sentAt.shift();
    if (this.sentAt.length === 0) this.sendingSince = this.clock.now();
    this.sentAt.push(this.clock.now());
    this.lastSentAt = this.clock.now();
    this.lookAgainAt = this.lastSentAt + this.limit.perMs * LOOK_AGAIN * (1 + this.random());
    this.gapFactor = 1 - SPACING_JITTER + 2 * SPACING_JITTER * this.random();
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

  /**
   * The CRM said 429: wait what it asked (or a full window), stretched by up to
   * PENALTY_JITTER at random so laptops refused together spread out, and lower the pace.
   */
  penalize(retryAfterMs?: number): void {
    const now = this.clock.now();
    const wait = retryAfterMs ?? this.limit.perMs;
    this.blockedUntil = Math.max(this.blockedUntil, now + Math.round(wait * (1 + PENALTY_JITTER * this.random())));
    this.budget = Math.max(1, Math.floor(this.budget * 0.9));
    // recovery counts full windows from the end of the block
    this.lastDecreaseAt = this.blockedUntil;
  }

  /**
   * What the CRM's quota headers say. With the limit, its window and what
   * remains of it (HubSpot's three X-HubSpot-RateLimit headers), the budget
   * becomes this laptop's share of the fleet's (see the class comment).
   * "Nothing remains" while our own count says otherwise means someone else
   * shares the account's limit: wait until our oldest slot frees (the CRM's
   * window moves on at the same pace), not a whole interval — when we are the
   * only client that wait is already ours.
   */
  observe(info: { remaining?: number; limit?: number; intervalMs?: number }): void {
    this.adopt(info.limit, info.intervalMs);
    const now = this.clock.now();
    if (info.remaining !== undefined && info.limit !== undefined && info.limit === this.limit.requests && info.intervalMs === this.limit.perMs) {
      this.share({ limit: info.limit, remaining: info.remaining }, now);
    }
    if (info.remaining === undefined || info.remaining > 0) return;
    this.prune(now);
    const oldest = this.released[0];
    const untilOldestFrees = oldest === undefined ? info.intervalMs ?? this.limit.perMs : oldest + this.limit.perMs - now;
    this.blockedUntil = Math.max(this.blockedUntil, now + Math.max(0, untilOldestFrees));
  }

  /** This laptop's part of the fleet's target, from one answer's count of the shared window. */
  private share(reading: { limit: number; remaining: number }, now: number): void {
    this.sharing = true;
    const cutoff = now - this.limit.perMs;
    while (this.sentAt.length > 0 && this.sentAt[0]! <= cutoff) this.sentAt.shift();
    const starting = now - this.sendingSince < this.limit.perMs;
    while (this.readings.length > 0 && this.readings[0]!.at <= now - PEAK_WINDOWS * this.limit.perMs) this.readings.shift();
    const fleet = reading.limit - Math.max(0, reading.remaining);
    this.lastFleet = fleet;
    this.readings.push({ at: now, fleet });
    const peakFleet = this.readings.reduce((max, r) => Math.max(max, r.fleet), 0);
    const next = fleetShare({
      ...reading, mine: this.sentAt.length, pace: paceOf(this.sentAt, this.limit.perMs), starting,
      budget: this.budget, mayGrow: now - this.grewAt >= this.limit.perMs * GROW_EVERY, peakFleet,
    });
    if (next.grew) this.grewAt = now;
    this.alone = next.alone === true;
    this.budget = next.budget;
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

  /** our requests the CRM may still count: in flight, or answered less than a window ago */
  private used(): number {
    return this.inFlight + this.released.length;
  }

  private prune(now: number): void {
    const cutoff = now - this.limit.perMs;
    let i = 0;
    while (i < this.released.length && this.released[i]! <= cutoff) i++;
    if (i > 0) this.released.splice(0, i);
  }

  /** After a 429, each full window without another restores one request, up to the limit. */
  private recover(now: number): void {
    if (this.sharing || this.budget >= this.limit.requests) return;
    const windows = Math.floor((now - this.lastDecreaseAt) / this.limit.perMs);
    if (windows > 0) {
      this.budget = Math.min(this.limit.requests, this.budget + windows);
      this.lastDecreaseAt = now;
    }
  }
}
